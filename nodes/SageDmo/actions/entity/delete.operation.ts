import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';
import { parseRecordId } from '../../helpers/parameters';
import { recordIdProperty } from './common';
import { keyArgumentOf, runMutation } from './mutate';

export const properties: INodeProperties[] = [
	recordIdProperty('The _id, or the natural key prefixed with # (e.g. #FR0006), of the record to delete'),
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => ({
		target: session.targetOf(itemIndex),
		recordId: parseRecordId(node, this.getNodeParameter('recordId', itemIndex), 'Record ID', itemIndex),
	}));
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(this, session, input.target, 'delete', itemIndex, (entity) => ({
			[keyArgumentOf(entity, 'delete')]: input.recordId,
		}));
		return withDiagnoses({ deleted: payload === true || (typeof payload === 'number' && payload > 0), recordId: input.recordId }, warnings);
	});
	return [...failed, ...done];
}
