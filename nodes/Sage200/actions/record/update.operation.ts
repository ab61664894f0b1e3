import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runPlannedWrite, withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { parseJsonObjectParameter, runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import type { Sage200Session } from '../../helpers/session';
import { resourcesWith } from '../resources';
import { describeAction, processRecordItems, readRecordId, recordIdProperty, type RecordItem } from './common';
import { sage200Check } from './keys';

const properties: INodeProperties[] = [
	recordIdProperty('The Sage 200 ID of the record to update'),
	{
		displayName: 'Fields to Update (JSON)',
		name: 'updateFields',
		type: 'json',
		required: true,
		default: '{}',
		description: 'The fields to change as a JSON object, named as in the Sage 200 API; fields left out keep their values',
	},
];

export const description = updateDisplayOptions({ show: { resource: resourcesWith('update'), operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	return await processRecordItems.call(this, items, session, 'update', updateRecord);
}

async function updateRecord(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl }: RecordItem): Promise<IDataObject[]> {
	const id = readRecordId.call(this, itemIndex);
	const node = runNodeCopy(this);
	const body = parseJsonObjectParameter(node, this.getNodeParameter('updateFields', itemIndex, '{}'), 'Fields to Update (JSON)', itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(node, '"Fields to Update (JSON)" is empty: name at least one field to change', {
			itemIndex,
			description: 'For example {"credit_limit": 5000}.',
		});
	}
	return [
		await runPlannedWrite({
			node,
			itemIndex,
			kind: 'update',
			send: async () =>
				(await sage200Request.call(this, connection, baseUrl, { method: 'PUT', path: `${resource.path}/${id}`, body, action: describeAction('Updating', resource, id), itemIndex })).body as IDataObject,
			written: body,
			...sage200Check.call(this, { connection, baseUrl, resource, itemIndex }, { id }),
			output: (result) => withConfirmedOutcome((result.answer ?? result.record ?? {}) as IDataObject, result),
		}),
	];
}
