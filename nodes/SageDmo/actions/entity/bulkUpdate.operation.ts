import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { mayHaveBeenApplied, unknownOutcomeError } from '../../../shared/records/write-outcome';
import { asNodeError, parseJsonObjectParameter, prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';
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
		let answer: Awaited<ReturnType<typeof runMutation>>;
		try {
			answer = await runMutation.call(this, session, input.target, 'bulkUpdate', itemIndex, () => ({
				data: input.data,
				filter: input.filter === '{}' ? undefined : input.filter,
			}));
		} catch (error) {
			// One transaction over every record the filter matches: no key tells which of them Sage changed.
			if (!mayHaveBeenApplied(error)) throw asNodeError(node, error, itemIndex);
			throw unknownOutcomeError(node, error, itemIndex, `Get Many with the filter ${input.filter} shows which records already have the new values`, 'A bulk update has no key to read back');
		}
		const { payload, warnings } = answer;
		const json: IDataObject = {
			updatedCount: typeof payload === 'number' ? payload : null,
			filter: input.filter,
			warning: BULK_UPDATE_WARNING,
		};
		return withDiagnoses(json, warnings);
	});
	return [...failed, ...done];
}
