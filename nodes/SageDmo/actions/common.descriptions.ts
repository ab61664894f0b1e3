import type { INodeProperties } from 'n8n-workflow';

/** The app of the tenant (Customer, Entity and GraphQL each show it, after their Operation). */
export const appProperty: INodeProperties = {
	displayName: 'App Name or ID',
	name: 'app',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getApps' },
	default: 'sdmo',
	description:
		'App of the tenant, as listed in the token response (sdmo, shopfloor, ...). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};
