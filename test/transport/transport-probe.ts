/**
 * A test-only node that sends one request through the shared transport, so the transport's rules
 * are exercised inside n8n's execution engine exactly as the Sage nodes use them.
 */
import {
	NodeConnectionTypes,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { executeGraphql } from '../../nodes/shared/graphql';
import { sageRequest, type SageConnection } from '../../nodes/shared/transport';

export const probeCredential: ICredentialType = {
	name: 'probeApi',
	displayName: 'Probe',
	properties: [{ displayName: 'Token', name: 'token', type: 'string', typeOptions: { password: true }, default: '' }],
	authenticate: { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } },
};

export class TransportProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Sends one request through the shared transport',
		defaults: { name: 'Transport Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'probeApi', required: true }],
		properties: [
			{ displayName: 'Request', name: 'request', type: 'json', default: '{}' },
			{ displayName: 'Connection', name: 'connection', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const request = JSON.parse(this.getNodeParameter('request', 0) as string) as IDataObject;
		const connection = {
			credentialType: 'probeApi',
			retry: { baseDelayMs: 5, maxDelayMs: 20 },
			...JSON.parse(this.getNodeParameter('connection', 0) as string),
		} as SageConnection;
		if (request.graphql) {
			const result = await executeGraphql.call(this, connection, {
				url: request.url as string,
				query: request.graphql as string,
				variables: request.variables as IDataObject,
				isMutation: request.isMutation === true,
				action: request.action as string,
			});
			return [[{ json: { data: result.data, warnings: result.warnings }, pairedItem: { item: 0 } }]];
		}
		const response = await sageRequest.call(this, connection, request as never);
		return [[{ json: { body: response.body as IDataObject, attempts: response.attempts }, pairedItem: { item: 0 } }]];
	}
}
