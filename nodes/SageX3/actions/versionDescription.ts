import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import * as customer from './customer/Customer.resource';
import * as dataDelivery from './dataDelivery/DataDelivery.resource';
import * as entity from './entity/Entity.resource';
import * as folder from './folder/Folder.resource';
import * as graphql from './graphql/Graphql.resource';

/** All but the node's identity, which <Node>.node.ts declares (n8n's scanner wants `name` in the file named after it). */
export const versionDescription: Omit<INodeTypeDescription, 'displayName' | 'name' | 'group'> = {
	version: 1,
	description: 'Read and write Sage X3 cloud data through its GraphQL API and data delivery',
	defaults: { name: 'Sage X3' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'sageX3Api', required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Customer', value: 'customer' },
				{ name: 'Data Delivery', value: 'dataDelivery' },
				{ name: 'Entity', value: 'entity' },
				{ name: 'Folder', value: 'folder' },
				{ name: 'GraphQL', value: 'graphql' },
			],
			default: 'customer',
		},
		...customer.description,
		...dataDelivery.description,
		...entity.description,
		...folder.description,
		...graphql.description,
	],
};
