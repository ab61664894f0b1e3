import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readSimplify, simplifyProperty } from '../../../shared/descriptions';
import { executeGraphql, valueAtPath } from '../../../shared/graphql';
import { buildReadByKeysQuery } from '../../../shared/graphql/entities';
import { simplifyItemRecord } from '../../../shared/graphql/simplify';
import { sageApiError } from '../../../shared/transport';
import { readByKey } from '../../../shared/records/read-by-key';
import { prepareItems, readMappedParameter, readCachedParameter } from '../../../shared/utils';
import type { RecordTarget, SdmoSession } from '../../helpers/connection';
import { fieldsSelection, parseRecordId, readFieldsInput, type FieldsInput } from '../../helpers/parameters';
import { fieldPicker, recordIdProperty, selectionOption } from './common';

export const properties: INodeProperties[] = [
	recordIdProperty('The record\'s _id, or its natural key prefixed with # (e.g. #FR0006)'),
	fieldPicker,
	simplifyProperty(),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: [selectionOption] },
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['get'] } }, properties);

interface GetInput {
	itemIndex: number;
	target: RecordTarget;
	/** The record ID: an _id or a #natural key. */
	key: string;
	fields: FieldsInput;
	simplify: boolean;
}

/** Reads by key, batched: items asking the same entity share one request per 100 keys (aliased `read` calls). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex): GetInput => {
		const options = readCachedParameter(this, 'options', itemIndex, {}) as IDataObject;
		return {
			itemIndex,
			target: session.targetOf(itemIndex),
			key: parseRecordId(node, readMappedParameter(this, 'recordId', itemIndex), 'Record ID', itemIndex),
			fields: readFieldsInput(node, readCachedParameter(this, 'fields', itemIndex, []), options.fields, itemIndex),
			simplify: readSimplify(node, this.getNodeParameter.bind(this), itemIndex),
		};
	});
	const simplified = new Set(prepared.filter((item) => item.value.simplify).map((item) => item.itemIndex));
	const read = await readByKey(
		this,
		prepared.map((item) => item.value),
		{
			groupOf: (item) => JSON.stringify([item.target.app, item.target.entityKey, item.fields]),
			resolveGroup: async (first) => {
				const entity = await session.entityOf(first.target, first.itemIndex);
				const url = await session.appGraphqlUrl(first.target.app, first.itemIndex);
				return { entity, url, selection: fieldsSelection(node, entity, first.fields, first.itemIndex) ?? entity.defaultSelection };
			},
			readBatch: async ({ entity, url, selection }, keys, items) => {
				const built = buildReadByKeysQuery(entity, selection, keys);
				const result = await executeGraphql.call(this, session.connection, {
					url,
					query: built.query,
					variables: built.variables as IDataObject,
					isMutation: false,
					action: `Reading ${entity.name} records`,
					itemIndex: items.length === 1 ? items[0].itemIndex : undefined,
				});
				return keys.map((_, position) => {
					const record = valueAtPath(result.data, built.aliasPath(position)) as IDataObject | null | undefined;
					return record ? (result.warnings.length ? { ...record, _diagnoses: result.warnings } : record) : undefined;
				});
			},
			notFound: ({ entity }, item) =>
				sageApiError(node, { status: 404, body: { message: `No ${entity.name} record with key "${item.key}"` } }, {
					action: `Reading ${entity.name} ${item.key}`,
					itemIndex: item.itemIndex,
				}),
			// Every item sends its own key, and one bad key fails the whole request: read one by one to pin the error on its item.
			shareKeys: false,
			retryOneByOne: true,
			finish: (record, itemIndex) => (simplified.has(itemIndex) ? simplifyItemRecord(node, record, itemIndex) : record),
		},
	);
	return [...failed, ...read];
}
