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
		// `sendsMore`: onHeaders says it sent more requests (as Sage 200's paging does) and schedules a
		// timer; `events` tells whether that timer fired before the body's parse began.
		const events: string[] = [];
		const { sendsMore, ...sent } = request;
		const observed =
			sendsMore === undefined
				? sent
				: {
						...sent,
						onHeaders: () => {
							setTimeout(() => events.push('a turn of the event loop'), 0);
							return sendsMore === true;
						},
						readJson: () => void events.push('parse'),
					};
		const response = await sageRequest.call(this, connection, observed as never);
		return [[{ json: { body: response.body as IDataObject, attempts: response.attempts, events }, pairedItem: { item: 0 } }]];
	}
}
