import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import type { EntityDescriptor } from '../shared/graphql/entities';
import type { ChangeEvent } from '../shared/trigger';
import { defaultTimestampField, timestampFields } from '../SageX3/helpers/changes';
import { folderEntities } from '../SageX3/helpers/folders';
import { searchFolders } from '../SageX3/methods/listSearch';
import type { X3TriggerResource } from './description';
import { defaultSelectionOf, triggerEntity } from './poll';

async function watchedEntity(this: ILoadOptionsFunctions): Promise<EntityDescriptor> {
	const resource = (this.getCurrentNodeParameter('resource') ?? 'customer') as X3TriggerResource;
	const entityName = String(this.getCurrentNodeParameter('entity') ?? '');
	return triggerEntity(this.getNode(), await folderEntities.call(this), resource, entityName);
}

/** The folder's entities that have a field a trigger can watch. */
export async function getEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await folderEntities.call(this))
		.filter((entity) => timestampFields(entity).length > 0)
		.map((entity) => ({ name: entity.displayName, value: entity.key, description: `${entity.key}: ${timestampFields(entity).join(', ')}` }));
}

export async function getTimestampFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = await watchedEntity.call(this);
	const event = (this.getCurrentNodeParameter('event') ?? 'recordUpdated') as ChangeEvent;
	const used = defaultTimestampField(entity, event);
	return timestampFields(entity).map((field) => ({
		name: field,
		value: field,
		description: `${entity.fieldTypes?.[field] ?? 'String'}${field === used ? ', used when none is chosen' : ''}`,
	}));
}

export async function getRecordFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = await watchedEntity.call(this);
	const resource = (this.getCurrentNodeParameter('resource') ?? 'customer') as X3TriggerResource;
	const defaults = new Set(defaultSelectionOf(resource, entity).split(/\s+/));
	return [...entity.fields].sort().map((field) => ({
		name: field,
		value: field,
		...(defaults.has(field) && { description: 'Returned when no field is chosen' }),
	}));
}

export const listSearch = { searchFolders };
export const loadOptions = { getEntities, getRecordFields, getTimestampFields };
