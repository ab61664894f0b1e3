import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import * as customer from './customer/Customer.resource';
import * as entity from './entity/Entity.resource';
import * as graphql from './graphql/Graphql.resource';
import * as token from './token/Token.resource';

/** All but the node's identity, which <Node>.node.ts declares (n8n's scanner wants `name` in the file named after it). */
export const versionDescription: Omit<INodeTypeDescription, 'displayName' | 'name' | 'group'> = {
	version: 1,
	description: 'Read and write Sage Distribution and Manufacturing Operations data through its GraphQL API',
	defaults: { name: 'Sage DMO' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'sageDmoApi', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Customer', value: 'customer' },
				{ name: 'Entity', value: 'entity' },
				{ name: 'GraphQL', value: 'graphql' },
				{ name: 'Token', value: 'token' },
			],
			default: 'customer',
		},
		...customer.description,
		...entity.description,
		...graphql.description,
		...token.description,
	],
};
