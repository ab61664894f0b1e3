import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SdmoSession } from '../../SageDmo/helpers/connection';
import { isTriggerResource, resolveWatchedEntity, timestampFieldsOf } from '../helpers/target';

export { getApps } from '../../SageDmo/methods/loadOptions';

/** Entities of the chosen app that have a timestamp to watch, by introspection. */
export async function getTriggerEntities(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const app = String(this.getCurrentNodeParameter('app') ?? 'sdmo');
	const session = await SdmoSession.open(this);
	const entities = await session.entitiesOf(app);
	return entities
		.filter((entity) => timestampFieldsOf(entity).length > 0)
		.map((entity) => ({ name: entity.displayName, value: entity.key, description: entity.key }));
}

/** The watched entity's date and time fields, xtrem's _updateStamp and _createStamp first. */
export async function getTimestampFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resource = this.getCurrentNodeParameter('resource');
	if (!isTriggerResource(resource)) return [];
	const app = String(this.getCurrentNodeParameter('app') ?? 'sdmo');
	const entityKey = resource === 'entity' ? String(this.getCurrentNodeParameter('entity') ?? '') : undefined;
	if (resource === 'entity' && !entityKey) return [];
	const session = await SdmoSession.open(this);
	const { entity } = await resolveWatchedEntity(session, this.getNode(), { resource, app, entityKey });
	return timestampFieldsOf(entity).map((field) => ({ name: field, value: field, description: entity.fieldTypes?.[field] }));
}
