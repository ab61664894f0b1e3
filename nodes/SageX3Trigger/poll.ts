import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import type { EntityDescriptor } from '../shared/graphql/entities';
import { parseStamp, readChangeOptions, runChangePoll, type ChangeEvent, type ChangeOptions } from '../shared/trigger';
import { fieldSelection, readFields } from '../SageX3/actions/entity/common';
import { requireTimestampField, x3ChangeSource } from '../SageX3/helpers/changes';
import { defaultCustomerFields, requireCustomerEntity } from '../SageX3/helpers/customer';
import { requireFilter } from '../SageX3/helpers/filter';
import { MAX_PAGE_SIZE } from '../SageX3/helpers/records';
import { requireSalesOrderEntity } from '../SageX3/helpers/salesOrder';
import { X3Session } from '../SageX3/helpers/session';
import { TRIGGER_RESOURCES, type X3TriggerResource } from './description';

export interface X3TriggerParameters {
	event: ChangeEvent;
	resource: X3TriggerResource;
	folderName: string;
	/** The entity's path (resource Entity only). */
	entityName?: string;
	/** Empty: the usual field for the event. */
	timestampField?: string;
	filter?: string;
	fields: string[] | string;
	options: ChangeOptions;
}

const EVENTS: ChangeEvent[] = ['recordCreated', 'recordUpdated'];
const FIELD_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Every parameter, checked before anything is sent (a poll's getNodeParameter takes no item index). */
export function readTriggerParameters(context: IPollFunctions): X3TriggerParameters {
	const node = context.getNode();
	const event = context.getNodeParameter('event', 'recordUpdated') as ChangeEvent;
	if (!EVENTS.includes(event)) throw new NodeOperationError(node, `"Trigger On" must be Record Created or Record Updated (got ${JSON.stringify(event)})`);
	const resource = context.getNodeParameter('resource', 'customer') as X3TriggerResource;
	if (!TRIGGER_RESOURCES.includes(resource)) {
		throw new NodeOperationError(node, `"Resource" must be one of ${TRIGGER_RESOURCES.join(', ')} (got ${JSON.stringify(resource)})`);
	}
	const folderName = String(context.getNodeParameter('folder', '', { extractValue: true }) ?? '').trim();
	if (!folderName) throw new NodeOperationError(node, 'The parameter "Folder" must not be empty', { description: 'Pick one of the folders the credential was paired with.' });
	const entityName = resource === 'entity' ? String(context.getNodeParameter('entity', '') ?? '').trim() : undefined;
	if (entityName === '') throw new NodeOperationError(node, 'The parameter "Entity" must not be empty', { description: 'Pick an entity of the folder schema.' });
	const timestampField = String(context.getNodeParameter('timestampField', '') ?? '').trim() || undefined;
	if (timestampField !== undefined && !FIELD_NAME.test(timestampField)) {
		throw new NodeOperationError(node, `The parameter "Timestamp Field" must be a field name such as updDatTim (got ${JSON.stringify(timestampField)})`);
	}
	const raw = context.getNodeParameter('options', {}) as IDataObject;
	const options = readChangeOptions(context);
	if (options.startFrom !== undefined && !parseStamp(options.startFrom)) {
		throw new NodeOperationError(node, `"Start From" must be a date and time, e.g. 2026-01-31T08:00:00Z (got ${JSON.stringify(options.startFrom)})`);
	}
	return {
		event,
		resource,
		folderName,
		entityName,
		timestampField,
		filter: requireFilter(node, raw.filter, 'Filter', 0),
		fields: readFields(node, raw.fields ?? [], 0),
		options,
	};
}

/** The entity the trigger watches: the folder's customer or sales order entity, or the one named. */
export function triggerEntity(node: INode, entities: EntityDescriptor[], resource: X3TriggerResource, entityName?: string): EntityDescriptor {
	if (resource === 'customer') return requireCustomerEntity(node, entities);
	if (resource === 'salesOrder') return requireSalesOrderEntity(node, entities);
	const name = entityName ?? '';
	const entity = entities.find((candidate) => candidate.key === name) ?? entities.find((candidate) => candidate.key.toLowerCase() === name.toLowerCase());
	if (entity) return entity;
	throw new NodeOperationError(node, `The folder has no entity "${name}" (parameter "Entity")`, {
		description: `Entities: ${entities
			.map((candidate) => candidate.key)
			.slice(0, 40)
			.join(', ')}`,
	});
}

/** What a record holds when Fields is empty: what Get Many returns for the same resource. */
export const defaultSelectionOf = (resource: X3TriggerResource, entity: EntityDescriptor): string =>
	resource === 'customer' ? defaultCustomerFields(entity).join(' ') : entity.defaultSelection || entity.keyField;

/** One poll: the records of the watched entity created or changed since the last one (n8n keeps the watermark). */
export async function pollX3Changes(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const parameters = readTriggerParameters(this);
	const session = new X3Session(this);
	const node = session.node;
	const folderUrl = await session.folderUrl(parameters.folderName, 'dataService', 0);
	const entity = triggerEntity(node, await session.entities(folderUrl), parameters.resource, parameters.entityName);
	const timestampField = requireTimestampField(node, entity, parameters.event, parameters.timestampField);
	const selection = fieldSelection(node, entity, parameters.fields, 0, defaultSelectionOf(parameters.resource, entity));
	const { connection } = await session.connection();
	return await runChangePoll.call(this, {
		source: x3ChangeSource(this, connection, { folderUrl, entity, timestampField, selection, filter: parameters.filter }),
		watch: JSON.stringify([parameters.folderName, entity.key, parameters.event, timestampField, parameters.filter ?? '']),
		pageSize: MAX_PAGE_SIZE,
		options: parameters.options,
	});
}
