import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { runPlannedWrite, withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import type { Sage200Session } from '../../helpers/session';
import { resourcesWith } from '../resources';
import { describeAction, processRecordItems, readRecordId, recordIdProperty, type RecordItem } from './common';
import { sage200Check } from './keys';

export const description = updateDisplayOptions({ show: { resource: resourcesWith('delete'), operation: ['delete'] } }, [
	recordIdProperty('The Sage 200 ID of the record to delete'),
]);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	return await processRecordItems.call(this, items, session, 'delete', deleteRecord);
}

async function deleteRecord(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl }: RecordItem): Promise<IDataObject[]> {
	const id = readRecordId.call(this, itemIndex);
	return [
		await runPlannedWrite({
			node: runNodeCopy(this),
			itemIndex,
			kind: 'delete',
			send: async () => await sage200Request.call(this, connection, baseUrl, { method: 'DELETE', path: `${resource.path}/${id}`, action: describeAction('Deleting', resource, id), itemIndex }),
			...sage200Check.call(this, { connection, baseUrl, resource, itemIndex }, { id }),
			output: (result) => withConfirmedOutcome({ id: Number(id), deleted: true }, result),
		}),
	];
}
