import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import { parseRecordId } from '../../helpers/parameters';
import { recordIdParameter, type RecordContext } from './common';
import { keyArgumentOf, runMutation } from './mutate';

export const description: INodeProperties[] = [
	recordIdParameter('delete', 'The _id, or the natural key prefixed with # (e.g. #FR0006), of the record to delete'),
];

export async function execute(this: IExecuteFunctions, context: RecordContext, itemCount: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, itemCount, (itemIndex) => ({
		target: context.targetOf(itemIndex),
		recordId: parseRecordId(node, this.getNodeParameter('recordId', itemIndex), 'Record ID', itemIndex),
	}));
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(this, context, input.target, 'delete', itemIndex, (entity) => ({
			[keyArgumentOf(entity, 'delete')]: input.recordId,
		}));
		return withDiagnoses({ deleted: payload === true || (typeof payload === 'number' && payload > 0), recordId: input.recordId }, warnings);
	});
	return [...failed, ...done];
}
