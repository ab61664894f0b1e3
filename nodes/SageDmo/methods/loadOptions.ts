import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { SdmoSession } from '../helpers/connection';

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
