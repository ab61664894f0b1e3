import { NodeOperationError } from 'n8n-workflow';

import { schemaEntities, type EntityDescriptor } from '../../shared/graphql';
import { appGraphqlUrl, type SdmoContext, type SdmoSession } from './connection';

export const CUSTOMER_ENTITY_KEY = 'xtremMasterData.customer';

/** Entities of an app's schema (xtrem), introspected once per run. */
export async function entitiesOfApp(this: SdmoContext, session: SdmoSession, app: string, itemIndex?: number): Promise<EntityDescriptor[]> {
	const entities = await schemaEntities.call(this, {
		connection: session.connection,
		key: `app:${app}`,
		url: async () => await appGraphqlUrl.call(this, session, app, itemIndex),
		action: `Reading the schema of app "${app}"`,
		itemIndex,
	});
	return entities.filter((entity) => entity.filterDialect === 'xtrem');
}

export async function resolveEntity(
	this: SdmoContext,
	session: SdmoSession,
	app: string,
	key: string,
	itemIndex: number,
): Promise<EntityDescriptor> {
	const node = this.getNode();
	if (typeof key !== 'string' || key.trim() === '') {
		throw new NodeOperationError(node, '"Entity" must not be empty', { itemIndex, description: 'Pick an entity, or enter its path such as xtremMasterData.customer.' });
	}
	if (!/^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)+$/.test(key.trim())) {
		throw new NodeOperationError(node, `"Entity" must be a dot-separated path such as xtremMasterData.customer (got "${key}")`, { itemIndex });
	}
	const entities = await entitiesOfApp.call(this, session, app, itemIndex);
	const entity = entities.find((candidate) => candidate.key === key.trim());
	if (!entity) {
		throw new NodeOperationError(node, `App "${app}" has no entity "${key}"`, {
			itemIndex,
			description: `Entities found: ${entities.map((candidate) => candidate.key).slice(0, 30).join(', ')}`,
		});
	}
	return entity;
}
