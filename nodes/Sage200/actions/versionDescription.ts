import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../helpers/connection';
import { companyProperty, siteProperty } from './companySite.description';
import { SAGE200_RESOURCES } from './resources';
import * as customApiCall from './customApiCall/request.operation';
import * as record from './record/Record.resource';

const resourceOptions = SAGE200_RESOURCES.map((entry) => ({ name: entry.displayName, value: entry.value }))
	.sort((a, b) => a.name.localeCompare(b.name))
	// Last, as n8n's nodes list it: any path of the API with this credential.
	.concat({ name: 'Custom API Call', value: customApiCall.CUSTOM_API_CALL });

/** All but the node's identity, which <Node>.node.ts declares (n8n's scanner wants `name` in the file named after it). */
export const versionDescription: Omit<INodeTypeDescription, 'displayName' | 'name' | 'group'> = {
	version: 1,
	description: 'Read and write Sage 200 Professional and Standard Online records',
	defaults: { name: 'Sage 200' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: CREDENTIAL_TYPE, required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: resourceOptions,
			default: 'customer',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [customApiCall.CUSTOM_API_CALL] } },
			options: [{ name: 'Make an API Call', value: 'request', description: 'Send a request to any path of the Sage 200 API', action: 'Make an API call' }],
			default: 'request',
		},
		siteProperty,
		companyProperty,
		...record.description,
		...customApiCall.description,
	],
};
