import { NodeOperationError } from 'n8n-workflow';

import { executeGraphql } from '../../shared/graphql';
import { describeEntities, ENTITY_INTROSPECTION_QUERY, type EntityDescriptor, type IntrospectionData } from '../../shared/graphql/entities';
import { appGraphqlUrl, type SdmoContext, type SdmoSession } from './connection';

export const CUSTOMER_ENTITY_KEY = 'xtremMasterData.customer';

/** Entities of an app's schema, introspected once per execution. */
export async function entitiesOfApp(this: SdmoContext, session: SdmoSession, app: string, itemIndex?: number): Promise<EntityDescriptor[]> {
	const cacheKey = `entities:${app}`;
	const cached = session.cache.get(cacheKey) as EntityDescriptor[] | undefined;
	if (cached) return cached;
	const url = await appGraphqlUrl.call(this, session, app, itemIndex);
	const result = await executeGraphql.call(this, session.connection, {
		url,
		query: ENTITY_INTROSPECTION_QUERY,
		isMutation: false,
		action: `Reading the schema of app "${app}"`,
		itemIndex,
	});
	const entities = describeEntities(result.data as unknown as IntrospectionData).filter((entity) => entity.filterDialect === 'xtrem');
	session.cache.set(cacheKey, entities);
	return entities;
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
