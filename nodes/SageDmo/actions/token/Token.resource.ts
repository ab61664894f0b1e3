import type { INodeProperties } from 'n8n-workflow';

import * as revoke from './revoke.operation';

export { revoke };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['token'] } },
		options: [{ name: 'Revoke', value: 'revoke', description: 'Invalidate the current access token', action: 'Revoke the access token' }],
		default: 'revoke',
	},
	...revoke.description,
];
