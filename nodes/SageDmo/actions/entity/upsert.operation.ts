import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { isFieldName, readByFieldBatch } from '../../../shared/records/graphql-keys';
import { findByKey } from '../../../shared/records/read-by-key';
import { readUpsertSettings, upsertItems, upsertOptionsProperty, type UpsertItem } from '../../../shared/records/upsert';
import { outcomeFields, runPlannedWrite } from '../../../shared/records/write-outcome';
import { failedItem, inItemOrder, parseJsonObjectParameter, prepareItems, readMappedParameter, requireNonEmptyString } from '../../../shared/utils';
import type { RecordTarget, SdmoSession } from '../../helpers/connection';
import { parseSelection } from '../../helpers/parameters';
import { DEFAULT_KEY_FIELD, fieldsOptions, MAX_PAGE_SIZE } from './common';
import { mutationTarget, type MutationTarget } from './mutate';
import { planSdmoWrite, sdmoWriteOutput } from './write';

export const properties: INodeProperties[] = [
	{
		displayName: 'Key Field',
		name: 'keyField',
		type: 'string',
		required: true,
		default: DEFAULT_KEY_FIELD,
		description: 'Field whose value identifies the record, no two records sharing it: the natural key a Record ID such as #FR0006 refers to (the default), or number on documents',
	},
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'N8N001',
		description: 'Value of the key field: the record that has it is updated, or one is created with it',
	},
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "name": ""\n}',
		description: 'Fields to set as JSON (the key field comes from Key); references take an _id or a #natural key. A new record needs every field Create asks for.',
	},
	fieldsOptions,
	upsertOptionsProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['upsert'] } }, properties);

interface SdmoUpsert extends UpsertItem {
	target: RecordTarget;
	keyField: string;
	selection?: string;
}

interface ResolvedUpsert extends SdmoUpsert {
	resolved: MutationTarget;
}

/**
 * Create or Update by a unique field: every key of the run looked up with `_in` filters, 100 keys a
 * request (asked for one record more than keys, so a field that is not unique fails instead of
 * choosing), then the missing records created and the others updated by the _id found, each
 * write's outcome checked by key after a dropped connection.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const settings = readUpsertSettings(this);
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex): SdmoUpsert => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const keyField = String(this.getNodeParameter('keyField', itemIndex, DEFAULT_KEY_FIELD) ?? '').trim();
		if (!isFieldName(keyField)) {
			throw new NodeOperationError(node, `"Key Field" must be a field name (letters, digits, _), got ${JSON.stringify(keyField)}`, { itemIndex });
		}
		const key = requireNonEmptyString(node, readMappedParameter(this, 'key', itemIndex, ''), 'Key', itemIndex);
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex, '{}'), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field', { itemIndex });
		if (keyField in data && String(data[keyField]) !== key) {
			throw new NodeOperationError(node, `"Data" gives ${keyField} "${String(data[keyField])}", but "Key" is "${key}"`, {
				itemIndex,
				description: `The record is matched on ${keyField}: leave it out of Data.`,
			});
		}
		const target = session.targetOf(itemIndex);
		return {
			itemIndex,
			key,
			group: JSON.stringify([target.app, target.entityKey, keyField]),
			data,
			target,
			keyField,
			selection: parseSelection(node, options.fields, 'Fields', itemIndex),
		};
	});
	const output = [...failed];
	const resolvedItems: ResolvedUpsert[] = [];
	for (const { itemIndex, value } of prepared) {
		try {
			const resolved = await mutationTarget.call(this, session, value.target, 'create', itemIndex);
			const { entity } = resolved;
			if (!entity.mutations.update) throw new NodeOperationError(node, `Entity "${entity.key}" has no update mutation: Create or Update needs both create and update`, { itemIndex });
			if (!entity.fields.includes(value.keyField)) {
				throw new NodeOperationError(node, `Entity "${entity.key}" has no field "${value.keyField}" (parameter "Key Field")`, {
					itemIndex,
					description: `Fields of ${entity.nodeTypeName}: ${entity.fields.join(', ')}`,
				});
			}
			resolvedItems.push({ ...value, resolved });
		} catch (error) {
			output.push(failedItem.call(this, error, itemIndex));
		}
	}
	if (resolvedItems.length === 0) return inItemOrder(output);
	const upserted = await upsertItems(this, resolvedItems, {
		settings,
		lookup: async (writes) =>
			await findByKey(this, writes, {
				groupOf: (write) => write.group,
				readBatch: async ({ resolved, keyField, itemIndex }, keys) =>
					await readByFieldBatch.call(
						this,
						session.connection,
						{ url: resolved.url, entity: resolved.entity, field: keyField, selection: '_id', maxPageSize: MAX_PAGE_SIZE, itemIndex: keys.length === 1 ? itemIndex : undefined },
						keys,
					),
			}),
		write: async (item, existing) => {
			const { resolved, keyField, key, data, selection, itemIndex } = item;
			const recordId = existing ? String(existing._id) : undefined;
			// An update is sent by the _id found and leaves the key as it is; a create sets it.
			const planned = recordId
				? planSdmoWrite.call(this, session, resolved, { kind: 'update', recordId, data, selection, itemIndex })
				: planSdmoWrite.call(this, session, resolved, { kind: 'create', unique: { field: keyField, value: key }, data: { ...data, [keyField]: key }, selection, itemIndex });
			return await runPlannedWrite({ ...planned, output: (result) => ({ ...sdmoWriteOutput(planned.kind, recordId, result), ...outcomeFields(result) }) });
		},
	});
	return inItemOrder([...output, ...upserted]);
}
