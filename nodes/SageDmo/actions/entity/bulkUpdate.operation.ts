import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { SdmoSession } from '../../helpers/connection';
import { parseJsonObjectParameter, prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import { parseObjectString } from '../../helpers/parameters';
import { runMutation } from './mutate';

export const BULK_UPDATE_WARNING =
	'Sage applies a bulk update in one transaction and silently skips records it cannot update (for example inactive ones): compare updatedCount with the number of records the filter matches.';

export const properties: INodeProperties[] = [
	{
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		required: true,
		default: '',
		placeholder: "{name: {_regex: 'Atlas'}}",
		description: 'Sage filter selecting the records to update; use {} to update every record',
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "creditLimit": 0\n}',
		description: 'Fields to set on every matching record, as JSON',
	},
	{
		displayName: 'Sage skips records it cannot update without an error; the output carries a warning and the count of updated records',
		name: 'bulkUpdateNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['bulkUpdate'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => {
		const filter = parseObjectString(node, this.getNodeParameter('filter', itemIndex, ''), 'Filter', itemIndex, "{country: {id: 'FR'}}");
		if (filter === undefined) {
			throw new NodeOperationError(node, '"Filter" must not be empty: enter {} to update every record on purpose', { itemIndex });
		}
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field to set', { itemIndex });
		return { target: session.targetOf(itemIndex), filter, data };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(this, session, input.target, 'bulkUpdate', itemIndex, () => ({
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
