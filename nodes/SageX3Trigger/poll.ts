import { NodeOperationError, type IDataObject, type INode, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';

import type { EntityDescriptor } from '../shared/graphql/entities';
import { isGraphqlName, isListedEntity, listedEntityOf, type ListedEntity } from '../shared/graphql/listed-entity';
import { isStoredSelection, parseStamp, pollWithStoredTarget, readChangeOptions, runChangePoll, type ChangeEvent, type ChangeOptions } from '../shared/trigger';
import { fieldSelection, readFields } from '../SageX3/actions/entity/common';
import { requireTimestampField, x3ChangeSource } from '../SageX3/helpers/changes';
import { defaultCustomerFields, requireCustomerEntity } from '../SageX3/helpers/customer';
import { requireFilter } from '../SageX3/helpers/filter';
import { MAX_PAGE_SIZE } from '../SageX3/helpers/records';
import { requireSalesOrderEntity } from '../SageX3/helpers/salesOrder';
import { X3Session } from '../SageX3/helpers/session';
import { isUrlAllowed } from '../shared/transport';
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

/** What a poll needs from the folder's schema; stored in the node's static data between polls. */
export interface X3ChangeTarget {
	folderUrl: string;
	entity: ListedEntity;
	timestampField: string;
	/** The timestamp field's GraphQL type (DateTime, Datetime, ...). */
	timestampType?: string;
	selection: string;
}

const isAllowedUrl = (value: string, allowed: readonly string[]) => {
	try {
		return isUrlAllowed(new URL(value), allowed);
	} catch {
		return false;
	}
};

export function isX3ChangeTarget(value: unknown): value is X3ChangeTarget {
	if (!value || typeof value !== 'object') return false;
	const target = value as Partial<X3ChangeTarget>;
	return (
		typeof target.folderUrl === 'string' &&
		target.folderUrl.length <= 2_000 &&
		isListedEntity(target.entity) &&
		isGraphqlName(target.timestampField) &&
		(target.timestampType === undefined || isGraphqlName(target.timestampType)) &&
		isStoredSelection(target.selection)
	);
}

/** The folder's URL and the watched entity, timestamp field and selection, from a folder listing and an introspection. */
export async function resolveX3ChangeTarget(session: X3Session<IPollFunctions>, parameters: X3TriggerParameters): Promise<X3ChangeTarget> {
	const node = session.node;
	const folderUrl = await session.folderUrl(parameters.folderName, 'dataService', 0);
	const entity = triggerEntity(node, await session.entities(folderUrl), parameters.resource, parameters.entityName);
	const timestampField = requireTimestampField(node, entity, parameters.event, parameters.timestampField);
	const selection = fieldSelection(node, entity, parameters.fields, 0, defaultSelectionOf(parameters.resource, entity));
	const timestampType = entity.fieldTypes?.[timestampField];
	return { folderUrl, entity: listedEntityOf(entity), timestampField, ...(timestampType !== undefined ? { timestampType } : {}), selection };
}

/**
 * One poll: the records of the watched entity created or changed since the last one (n8n keeps the
 * watermark). The folder's URL and what the query needs from its schema are kept next to the
 * watermark: a poll sends one page (and a token request when the token expired), and lists the
 * folders and reads the schema again only for new parameters or when X3 refuses the query.
 */
export async function pollX3Changes(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const parameters = readTriggerParameters(this);
	const session = new X3Session(this);
	const { apiRoot, connection } = await session.connection();
	const watched = parameters.resource === 'entity' ? (parameters.entityName ?? '') : parameters.resource;
	return await pollWithStoredTarget(this, {
		from: JSON.stringify([apiRoot, parameters.folderName, watched, parameters.event, parameters.timestampField ?? '', parameters.fields, parameters.filter ?? '']),
		// A folder URL outside the credential's gateway is never used: that poll lists the folders again.
		isTarget: (value): value is X3ChangeTarget => isX3ChangeTarget(value) && isAllowedUrl(value.folderUrl, connection.allowedUrls),
		resolve: async () => await resolveX3ChangeTarget(session, parameters),
		poll: async (target) =>
			await runChangePoll.call(this, {
				source: x3ChangeSource(this, connection, { ...target, filter: parameters.filter }),
				// What the user watches, not what the schema named it: a timestamp field X3 renamed
				// in an upgrade goes on from the same watermark.
				watch: JSON.stringify([parameters.folderName, watched, parameters.event, parameters.timestampField ?? '', parameters.filter ?? '']),
				pageSize: MAX_PAGE_SIZE,
				options: parameters.options,
			}),
	});
}
