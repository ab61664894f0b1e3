import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { findByKey } from '../../../shared/records/read-by-key';
import { readUpsertSettings, upsertItems, upsertOptionsProperty, type UpsertItem } from '../../../shared/records/upsert';
import { outcomeFields, runPlannedWrite } from '../../../shared/records/write-outcome';
import type { SageConnection } from '../../../shared/transport';
import { inItemOrder, parseJsonObjectParameter, prepareItems, readMappedParameter, requireNonEmptyString, runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import type { CompanySite } from '../../helpers/connection';
import type { Sage200Session } from '../../helpers/session';
import { findResource, SAGE200_RESOURCES, upsertKeyOf, type KeyField, type Sage200Resource } from '../resources';
import { describeAction } from './common';
import { findByNaturalKey, sage200Check, sameSage200Key } from './keys';

const upsertResources = SAGE200_RESOURCES.filter((entry) => upsertKeyOf(entry));

/** The natural key of each resource that has one (from the table), as the parameter the record is matched on. */
const keyProperties: INodeProperties[] = upsertResources.flatMap((entry) => {
	const field = upsertKeyOf(entry)!;
	return updateDisplayOptions({ show: { resource: [entry.value], operation: ['upsert'] } }, [
		{
			displayName: field.displayName,
			name: field.name,
			type: 'string',
			required: true,
			default: '',
			description: `${field.description}: the ${entry.displayName.toLowerCase()} that has it is updated, or one is created with it`,
		} satisfies INodeProperties,
	]);
});

const properties: INodeProperties[] = [
	{
		displayName: 'Fields (JSON)',
		name: 'upsertFields',
		type: 'json',
		default: '{}',
		description: 'The other fields as a JSON object, named as in the Sage 200 API; a new record needs the fields Create asks for (e.g. {"name": "Acme Ltd"})',
	},
	upsertOptionsProperty,
];

export const description: INodeProperties[] = [
	...keyProperties,
	...updateDisplayOptions({ show: { resource: upsertResources.map((entry) => entry.value), operation: ['upsert'] } }, properties),
];

interface RecordUpsert extends UpsertItem {
	resource: Sage200Resource;
	field: KeyField;
	target: CompanySite;
}

/**
 * Create or Update by the resource's natural key (a customer's reference, a product's code):
 * every key of the run looked up with `or`ed `$filter` equalities, 100 keys a request, then the
 * missing records created (POST) and the others updated (PUT by the ID found).
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	const node = runNodeCopy(this);
	const settings = readUpsertSettings(this);
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex): RecordUpsert => {
		const resourceValue = session.parameter('resource', itemIndex) as string;
		const target = session.companySite(itemIndex);
		const resource = findResource(resourceValue);
		const field = resource && upsertKeyOf(resource);
		if (!resource || !field) {
			throw new NodeOperationError(node, `The operation "upsert" is not available for the resource "${resourceValue}"`, {
				itemIndex,
				description: `Create or Update needs a field unique in the company; these resources have one: ${upsertResources.map((entry) => entry.displayName).join(', ')}`,
			});
		}
		const key = requireNonEmptyString(node, readMappedParameter(this, field.name, itemIndex, ''), field.displayName, itemIndex).trim();
		const data = parseJsonObjectParameter(node, this.getNodeParameter('upsertFields', itemIndex, '{}'), 'Fields (JSON)', itemIndex);
		if (field.name in data && sameSage200Key(String(data[field.name])) !== sameSage200Key(key)) {
			throw new NodeOperationError(node, `"Fields (JSON)" gives ${field.name} "${String(data[field.name])}", but "${field.displayName}" is "${key}"`, {
				itemIndex,
				description: `The record is matched on ${field.displayName}: leave ${field.name} out of the JSON.`,
			});
		}
		return { itemIndex, key, group: `${target.companyId}\n${target.siteId}\n${resource.value}`, data, resource, field, target };
	});
	const connections = new Map<string, Promise<{ connection: SageConnection; baseUrl: string }>>();
	const connect = async (item: RecordUpsert) => {
		const id = `${item.target.companyId}\n${item.target.siteId}`;
		if (!connections.has(id)) connections.set(id, session.connect(item.target, item.itemIndex));
		return await connections.get(id)!;
	};
	const upserted = await upsertItems(this, prepared.map((item) => item.value), {
		settings,
		sameKey: sameSage200Key,
		lookup: async (writes) =>
			await findByKey(this, writes, {
				groupOf: (write) => write.group,
				resolveGroup: async (first) => ({ ...first, ...(await connect(first)) }),
				readBatch: async (group, keys) => await findByNaturalKey.call(this, group, keys),
			}),
		write: async (item, existing) => {
			const { resource, field, key, data, itemIndex } = item;
			const { connection, baseUrl } = await connect(item);
			const id = existing ? String(existing.id) : undefined;
			// An update leaves the key as it is (it may be read-only once set); a create sets it.
			const body: IDataObject = id ? { ...data } : { ...data, [field.name]: key };
			const check = sage200Check.call(this, { connection, baseUrl, resource, itemIndex }, id ? { id } : { field, key });
			return await runPlannedWrite({
				node,
				itemIndex,
				kind: id ? 'update' : 'create',
				send: async () =>
					(
						await sage200Request.call(this, connection, baseUrl, {
							method: id ? 'PUT' : 'POST',
							path: id ? `${resource.path}/${id}` : resource.path,
							body,
							action: describeAction(id ? 'Updating' : 'Creating', resource, id),
							itemIndex,
						})
					).body as IDataObject,
				written: body,
				...check,
				output: (result) => ({ ...((result.answer ?? result.record ?? {}) as IDataObject), ...outcomeFields(result) }),
			});
		},
	});
	return inItemOrder([...failed, ...upserted]);
}
