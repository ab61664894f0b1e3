import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { isFieldName, readByFieldBatch } from '../../../shared/records/graphql-keys';
import { readUpsertSettings, upsertOptionsProperty } from '../../../shared/records/upsert';
import { parseJsonObjectParameter, readCachedParameter, requireNonEmptyString } from '../../../shared/utils';
import { MAX_PAGE_SIZE } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { upsertX3Records, type X3UpsertItem } from '../upsert';
import { dataProperty, entityFieldsProperty, entityNameOf, entityProperties, entitySelection, resolveEntity } from './common';
import { planEntityWrite } from './write';

const properties: INodeProperties[] = [
	...entityProperties,
	{
		displayName: 'Key Field',
		name: 'keyField',
		type: 'string',
		default: '',
		placeholder: 'code',
		description: "Field whose value identifies the record; leave empty for the entity's key field (_id, or code on the older schema)",
	},
	{
		displayName: 'Key',
		name: 'key',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'AE003',
		description: 'Value of the key field: the record that has it is updated, or one is created with it',
	},
	dataProperty,
	entityFieldsProperty,
	upsertOptionsProperty,
];

const displayOptions = { show: { resource: ['entity'], operation: ['upsert'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface EntityUpsert extends X3UpsertItem {
	selection: string;
}

/** Create or Update by a key field: all keys of the run looked up in requests of 100, then each record created or updated. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const settings = readUpsertSettings(this);
	return await upsertX3Records(
		this,
		items,
		session,
		settings,
		(itemIndex) => {
			const keyField = String(readCachedParameter(this, 'keyField', itemIndex, '') ?? '').trim();
			if (keyField && !isFieldName(keyField)) {
				throw new NodeOperationError(node, `"Key Field" must be a field name (letters, digits, _), got "${keyField}"`, { itemIndex });
			}
			const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex, '{}'), 'Data', itemIndex);
			if (Object.keys(data).length === 0) throw new NodeOperationError(node, 'The parameter "Data" is empty: give the fields as a JSON object', { itemIndex });
			return {
				name: entityNameOf(this, itemIndex),
				keyField,
				key: requireNonEmptyString(node, this.getNodeParameter('key', itemIndex, ''), 'Key', itemIndex),
				data,
				folderName: folderNameOf.call(this, itemIndex),
			};
		},
		async ({ name, keyField, key, data, folderName }, itemIndex): Promise<EntityUpsert> => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveEntity.call(this, session, folderUrl, name, itemIndex);
			const field = keyField || entity.keyField;
			if (!entity.fields.includes(field)) {
				throw new NodeOperationError(node, `The entity "${entity.key}" has no field "${field}" (parameter "Key Field")`, {
					itemIndex,
					description: `Fields of ${entity.nodeTypeName}: ${entity.fields.join(', ')}`,
				});
			}
			for (const kind of ['create', 'update'] as const) {
				if (!entity.mutations[kind]) throw new NodeOperationError(node, `The entity "${entity.key}" has no ${kind} mutation in this folder: Create or Update needs both`, { itemIndex });
			}
			return { itemIndex, key, group: `${folderUrl}\n${entity.key}\n${field}`, data, folderUrl, entity, keyField: field, selection: entitySelection.call(this, entity, itemIndex) };
		},
		async (item, existing) => {
			const { entity, folderUrl, key, keyField, data, itemIndex, selection } = item;
			// Updated by the record's own key; created with the key field set to the key.
			const recordKey = existing ? String(existing[entity.keyField]) : keyField === entity.keyField ? key : undefined;
			const written = existing ? data : { ...data, [keyField]: key };
			const planned = planEntityWrite.call(this, session, { folderUrl, entity, kind: existing ? 'update' : 'create', key: recordKey, data: written, selection, itemIndex });
			if (recordKey === undefined) {
				// A new record's own key is Sage's to give: it is found again by the key field.
				planned.readBack = async () => {
					const { connection } = await session.connection();
					const lookup = { url: folderUrl, entity, field: keyField, selection: Object.keys(written).filter((name) => entity.fields.includes(name)).join(' '), itemIndex, maxPageSize: MAX_PAGE_SIZE };
					const [record] = await readByFieldBatch.call(this, connection, lookup, [key]);
					return record;
				};
				planned.howToCheck = `Get Many ${entity.name} records with a filter on ${keyField} = "${key}"`;
			}
			return { ...planned, json: (record) => record };
		},
	);
}
