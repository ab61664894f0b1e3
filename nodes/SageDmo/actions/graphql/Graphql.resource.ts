import type { INodeProperties } from 'n8n-workflow';

import * as execute from './execute.operation';

export { execute };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['graphql'] } },
		options: [
			{ name: 'Execute', value: 'execute', description: 'Run a GraphQL query or mutation on an app', action: 'Execute a query or mutation' },
		],
		default: 'execute',
	},
	...execute.description,
];
