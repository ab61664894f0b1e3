import {
	NodeOperationError,
	updateDisplayOptions,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { sage200Request } from '../../helpers/api';
import type { Sage200Session } from '../../helpers/session';
import { parseJsonObjectParameter, processItems, readMappedParameter } from '../../../shared/utils';
import type { SageConnection } from '../../../shared/transport';

export const CUSTOM_API_CALL = 'customApiCall';

const METHODS: IHttpRequestMethods[] = ['GET', 'POST', 'PUT', 'DELETE'];

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'financial_years',
		description: 'Path of the Sage 200 API, relative to the edition\'s base URL (e.g. "customers/27828"); the query goes in Query Parameters',
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		options: [
			{
				displayName: 'Parameter',
				name: 'parameters',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '', placeholder: '$filter' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'The JSON object to send',
		displayOptions: { show: { method: ['POST', 'PUT'] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: [CUSTOM_API_CALL], operation: ['request'] } }, properties);

export interface CustomApiCall {
	method: IHttpRequestMethods;
	path: string;
	qs: IDataObject;
	body?: IDataObject;
}

/**
 * A path inside the API: no scheme, host, `..` or query of its own, so the credential's token,
 * subscription key and company headers can only reach the edition's own base URL.
 */
export function readPath(node: INode, value: unknown, itemIndex: number): string {
	const raw = typeof value === 'string' ? value.trim() : '';
	const path = raw.replace(/^\/+/, '');
	const checks: Array<[boolean, string]> = [
		[!path, 'is empty'],
		[/^[a-z][a-z0-9+.-]*:/i.test(path) || raw.startsWith('//'), 'is a full URL'],
		[path.includes('\\'), 'contains a backslash (URLs read it as "/")'],
		[/[?#]/.test(path), 'has a query or fragment (use Query Parameters)'],
		[path.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment)), 'leaves the API with ".."'],
	];
	const problem = checks.find(([failed]) => failed)?.[1];
	if (problem) {
		throw new NodeOperationError(node, `"Path" ${problem}: got ${JSON.stringify(value)}`, {
			itemIndex,
			description: 'Enter a path relative to the Sage 200 API base URL, such as "customers" or "customers/27828".',
		});
	}
	return path;
}

/** The call's parameters, checked before anything is sent. */
export function prepare(this: IExecuteFunctions, node: INode, itemIndex: number): CustomApiCall {
	const method = String(readMappedParameter(this, 'method', itemIndex, 'GET')).toUpperCase() as IHttpRequestMethods;
	if (!METHODS.includes(method)) {
		throw new NodeOperationError(node, `"Method" must be one of ${METHODS.join(', ')} (got ${JSON.stringify(method)})`, { itemIndex });
	}
	const path = readPath(node, readMappedParameter(this, 'path', itemIndex, ''), itemIndex);
	const qs: IDataObject = {};
	const parameters = (readMappedParameter(this, 'queryParameters', itemIndex, {}) as { parameters?: Array<{ name?: unknown; value?: unknown }> }).parameters ?? [];
	for (const { name, value } of parameters) {
		if (typeof name !== 'string' || !name.trim()) throw new NodeOperationError(node, '"Query Parameters" has a parameter without a name', { itemIndex });
		qs[name.trim()] = value === undefined || value === null ? '' : String(value);
	}
	const body = method === 'POST' || method === 'PUT' ? parseJsonObjectParameter(node, readMappedParameter(this, 'body', itemIndex, '{}'), 'Body', itemIndex) : undefined;
	return { method, path, qs, body };
}

/** Every item's company, site and call are checked first; then each call is sent with the item's company and site. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	return await processItems(
		this,
		items.length,
		(itemIndex) => ({ target: session.companySite(itemIndex), call: prepare.call(this, session.node, itemIndex) }),
		async ({ target, call }, itemIndex) => {
			const { connection, baseUrl } = await session.connect(target, itemIndex);
			return await send.call(this, call, connection, baseUrl, itemIndex);
		},
	);
}

/** Sends the call with the run's credential and the item's company/site; Sage's answer becomes the items. */
async function send(this: IExecuteFunctions, call: CustomApiCall, connection: SageConnection, baseUrl: string, itemIndex: number): Promise<IDataObject[]> {
	const response = await sage200Request.call(this, connection, baseUrl, {
		method: call.method,
		path: call.path,
		qs: Object.keys(call.qs).length ? call.qs : undefined,
		body: call.body,
		action: `${call.method} ${call.path}`,
		itemIndex,
	});
	const body = response.body;
	if (Array.isArray(body)) return body.map((entry) => (entry && typeof entry === 'object' ? (entry as IDataObject) : { value: entry as never }));
	if (body && typeof body === 'object') return [body as IDataObject];
	return [{ statusCode: response.statusCode, ...(body === '' || body === undefined ? {} : { body: body as never }) }];
}
