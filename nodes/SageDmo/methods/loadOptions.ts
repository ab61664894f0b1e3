import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { entityFilterPickers } from '../../shared/filters';
import { selectableFieldOptions } from '../../shared/graphql/selectable-fields';
import { CUSTOMER_ENTITY_KEY, SdmoSession } from '../helpers/connection';

/** Apps listed in the credential's token response. */
export async function getApps(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const session = await SdmoSession.open(this);
	const urls = await session.urls();
	return Object.keys(urls.apps)
		.sort()
		.map((app) => ({ name: app, value: app }));
}

/** Entities of the chosen app, by introspection. */
export async function getEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const app = String(this.getCurrentNodeParameter('app') ?? 'sdmo');
	const session = await SdmoSession.open(this);
	const entities = await session.entitiesOf(app);
	return entities.map((entity) => ({ name: entity.displayName, value: entity.key, description: entity.key }));
}

/** The entity a Get Many reads: the customer entity, or the chosen entity. */
async function listedEntity(this: ILoadOptionsFunctions) {
	const app = String(this.getCurrentNodeParameter('app') ?? 'sdmo');
	const key = this.getCurrentNodeParameter('resource') === 'customer' ? CUSTOMER_ENTITY_KEY : String(this.getCurrentNodeParameter('entity') ?? '');
	const session = await SdmoSession.open(this);
	return (await session.entitiesOf(app)).find((candidate) => candidate.key === key);
}

/** The Conditions and Sort pickers of a Get Many: the fields of the customer entity or the chosen entity, with their types. */
export const { getFilterFields, getSortFields } = entityFilterPickers(listedEntity);

/** Fields a Get or Get Many can return: (All Fields), then the entity's leaf and reference fields. */
export async function getSelectFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const entity = await listedEntity.call(this);
	return entity ? selectableFieldOptions(entity) : [];
}
