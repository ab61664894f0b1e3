import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { appProperty } from '../common.descriptions';
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
	...updateDisplayOptions({ show: { resource: ['graphql'] } }, [appProperty]),
	...execute.description,
];
