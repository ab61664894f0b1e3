import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { SdmoSession } from '../helpers/connection';

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
