import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { entityFilterPickers } from '../../shared/filters';
import { selectableFieldOptions } from '../../shared/graphql/selectable-fields';
import { defaultCustomerFields, requireCustomerEntity, settableCustomerFields } from '../helpers/customer';
import { folderEntities } from '../helpers/folders';

export async function getEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return (await folderEntities.call(this)).map((entity) => ({
		name: entity.displayName,
		value: entity.key,
		description: `${entity.key}${entity.mutations.create ? ' (writable)' : ''}`,
	}));
}

export async function getEntityFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const key = String(this.getCurrentNodeParameter('entity') ?? '');
	const entity = (await folderEntities.call(this)).find((candidate) => candidate.key === key);
	return entity ? selectableFieldOptions(entity) : [];
}

export async function getCustomerFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = requireCustomerEntity(this.getNode(), await folderEntities.call(this));
	const defaults = new Set(defaultCustomerFields(entity));
	return selectableFieldOptions(entity, (field) => (defaults.has(field) ? 'returned when no field is chosen' : undefined));
}

/** Input fields of the folder's create or update mutation, for Additional Fields / Update Fields. */
export async function getCustomerInputFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = requireCustomerEntity(this.getNode(), await folderEntities.call(this));
	const kind = this.getCurrentNodeParameter('operation') === 'update' ? 'update' : 'create';
	return settableCustomerFields(entity, kind)
		.sort((a, b) => a.name.localeCompare(b.name))
		.map((field) => ({ name: field.name, value: field.name, description: `${field.type}${field.required ? ', required' : ''}` }));
}

/** The entity a Get Many reads: the folder's customer type, or the chosen entity. */
async function listedEntity(this: ILoadOptionsFunctions) {
	const entities = await folderEntities.call(this);
	return this.getCurrentNodeParameter('resource') === 'customer'
		? requireCustomerEntity(this.getNode(), entities)
		: entities.find((candidate) => candidate.key === String(this.getCurrentNodeParameter('entity') ?? ''));
}

/** The Conditions and Sort pickers of a Get Many: the fields of the folder's customer type or the chosen entity, with their types. */
export const { getFilterFields, getSortFields } = entityFilterPickers(listedEntity);
