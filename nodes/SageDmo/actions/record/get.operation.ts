import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { executeGraphql, valueAtPath } from '../../../shared/graphql';
import { buildReadManyQuery } from '../../../shared/graphql/entities';
import { sageApiError } from '../../../shared/transport';
import { chunk, failedItem, groupBy, LOOKUP_CONCURRENCY, prepareItems, readItemParameter, readParameter, runBounded, type Prepared } from '../../../shared/utils';
import { appGraphqlUrl } from '../../helpers/connection';
import { parseRecordId, parseSelection } from '../../helpers/parameters';
import { fieldsOption, READ_BATCH_SIZE, recordIdParameter, show, type RecordContext, type RecordTarget } from './common';

export const description: INodeProperties[] = [
	recordIdParameter('get', 'The record\'s _id, or its natural key prefixed with # (e.g. #FR0006)'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('get'),
		options: [fieldsOption],
	},
];

interface GetInput {
	target: RecordTarget;
	recordId: string;
	selection?: string;
}

/** Reads by key, batched: items asking the same entity share one request per 100 keys (aliased `read` calls). */
export async function execute(this: IExecuteFunctions, context: RecordContext, itemCount: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, itemCount, (itemIndex) => {
		const options = readParameter(this, 'options', itemIndex, {}) as IDataObject;
		return {
			target: context.targetOf(itemIndex),
			recordId: parseRecordId(node, readItemParameter(this, 'recordId', itemIndex), 'Record ID', itemIndex),
			selection: parseSelection(node, options.fields, 'Fields', itemIndex),
		} as GetInput;
	});
	const output = [...failed];
	const groups = groupBy(prepared, (item) => JSON.stringify([item.value.target.app, item.value.target.entityKey, item.value.selection ?? '']));
	for (const group of groups.values()) {
		const first = group[0];
		let entity;
		let url: string;
		try {
			entity = await context.entityOf(first.value.target, first.itemIndex);
			url = await appGraphqlUrl.call(this, context.session, first.value.target.app, first.itemIndex);
		} catch (error) {
			for (const item of group) output.push(failedItem.call(this, error, item.itemIndex));
			continue;
		}
		const selection = first.value.selection ?? entity.defaultSelection;
		const readBatch = async (batch: Array<Prepared<GetInput>>) => {
			const built = buildReadManyQuery(entity, selection, batch.map((item) => item.value.recordId));
			const result = await executeGraphql.call(this, context.session.connection, {
				url,
				query: built.query,
				variables: built.variables as IDataObject,
				isMutation: false,
				action: `Reading ${entity.name} records`,
				itemIndex: batch.length === 1 ? batch[0].itemIndex : undefined,
			});
			batch.forEach((item, position) => {
				const record = valueAtPath(result.data, built.aliasPath(position)) as IDataObject | null | undefined;
				if (record) {
					output.push({ json: result.warnings.length ? { ...record, _diagnoses: result.warnings } : record, pairedItem: { item: item.itemIndex } });
				} else {
					const error = sageApiError(node, { status: 404, body: { message: `No ${entity.name} record with key "${item.value.recordId}"` } }, {
						action: `Reading ${entity.name} ${item.value.recordId}`,
						itemIndex: item.itemIndex,
					});
					output.push(failedItem.call(this, error, item.itemIndex));
				}
			});
		};
		const batches = chunk(group, READ_BATCH_SIZE);
		await runBounded(batches.length, LOOKUP_CONCURRENCY, async (index) => {
			const batch = batches[index];
			try {
				await readBatch(batch);
			} catch (error) {
				// One bad key fails the whole request: read the batch one by one to pin the error on its item.
				if (batch.length === 1) {
					output.push(failedItem.call(this, error, batch[0].itemIndex));
					return;
				}
				for (const item of batch) {
					try {
						await readBatch([item]);
					} catch (itemError) {
						output.push(failedItem.call(this, itemError, item.itemIndex));
					}
				}
			}
		});
	}
	return output;
}
