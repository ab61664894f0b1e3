import type { INodeProperties } from 'n8n-workflow';

import * as list from './list.operation';

export { list };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['folder'] } },
		options: [{ name: 'List', value: 'list', description: 'List the folders the credential was paired with', action: 'List folders' }],
		default: 'list',
	},
	...list.description,
];
