import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { parseJsonObjectParameter, prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import { parseObjectString } from '../../helpers/parameters';
import { show, type RecordContext } from './common';
import { runMutation } from './mutate';

export const BULK_UPDATE_WARNING =
	'Sage applies a bulk update in one transaction and silently skips records it cannot update (for example inactive ones): compare updatedCount with the number of records the filter matches.';

export const description: INodeProperties[] = [
	{
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		required: true,
		default: '',
		placeholder: "{name: {_regex: 'Atlas'}}",
		description: 'Sage filter selecting the records to update; use {} to update every record',
		displayOptions: show('bulkUpdate'),
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "creditLimit": 0\n}',
		description: 'Fields to set on every matching record, as JSON',
		displayOptions: show('bulkUpdate'),
	},
	{
		displayName: 'Sage skips records it cannot update without an error; the output carries a warning and the count of updated records',
		name: 'bulkUpdateNotice',
		type: 'notice',
		default: '',
		displayOptions: show('bulkUpdate'),
	},
];

export async function execute(this: IExecuteFunctions, context: RecordContext, itemCount: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, itemCount, (itemIndex) => {
		const filter = parseObjectString(node, this.getNodeParameter('filter', itemIndex, ''), 'Filter', itemIndex, "{country: {id: 'FR'}}");
		if (filter === undefined) {
			throw new NodeOperationError(node, '"Filter" must not be empty: enter {} to update every record on purpose', { itemIndex });
		}
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field to set', { itemIndex });
		return { target: context.targetOf(itemIndex), filter, data };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(this, context, input.target, 'bulkUpdate', itemIndex, () => ({
			data: input.data,
			filter: input.filter === '{}' ? undefined : input.filter,
		}));
		const json: IDataObject = {
			updatedCount: typeof payload === 'number' ? payload : null,
			filter: input.filter,
			warning: BULK_UPDATE_WARNING,
		};
		return withDiagnoses(json, warnings);
	});
	return [...failed, ...done];
}
