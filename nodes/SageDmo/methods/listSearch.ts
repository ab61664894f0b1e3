import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchEntityRecords } from '../../shared/graphql/record-search';
import { CUSTOMER_ENTITY_KEY, SdmoSession } from '../helpers/connection';

/** Entities of the chosen app whose key or name contains the filter text. */
export async function searchEntities(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const app = String(this.getCurrentNodeParameter('app') ?? 'sdmo');
	const session = await SdmoSession.open(this);
	const needle = (filter ?? '').toLowerCase();
	const entities = await session.entitiesOf(app);
	return {
		results: entities
			.filter((entity) => !needle || entity.key.toLowerCase().includes(needle) || entity.displayName.toLowerCase().includes(needle))
			.map((entity) => ({ name: entity.displayName, value: entity.key })),
	};
}

/** Records of the customer entity or the chosen entity, for the Record picker: _id as the value, shown with the natural key and name. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const app = String(this.getCurrentNodeParameter('app') ?? 'sdmo');
	const key = this.getCurrentNodeParameter('resource') === 'customer' ? CUSTOMER_ENTITY_KEY : String(this.getCurrentNodeParameter('entity') ?? '');
	const session = await SdmoSession.open(this);
	const entity = (await session.entitiesOf(app)).find((candidate) => candidate.key === key);
	if (!entity) return { results: [] };
	return await searchEntityRecords.call(this, session.connection, await session.appGraphqlUrl(app), entity, {
		key: '_id',
		shownWith: ['id'],
		filter,
		paginationToken,
		action: `Listing ${entity.name} records`,
	});
}
