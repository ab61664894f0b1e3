import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createSdmoSession } from '../helpers/connection';
import { entitiesOfApp } from '../helpers/entities';

/** Entities of the chosen app whose key or name contains the filter text. */
export async function searchEntities(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const app = String(this.getCurrentNodeParameter('app') ?? 'sdmo');
	const session = await createSdmoSession.call(this);
	const needle = (filter ?? '').toLowerCase();
	const entities = await entitiesOfApp.call(this, session, app);
	return {
		results: entities
			.filter((entity) => !needle || entity.key.toLowerCase().includes(needle) || entity.displayName.toLowerCase().includes(needle))
			.map((entity) => ({ name: entity.displayName, value: entity.key })),
	};
}
