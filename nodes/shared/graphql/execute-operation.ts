import { NodeOperationError, type IDataObject, type IDisplayOptions, type INode, type INodeProperties } from 'n8n-workflow';

import { readReturnAllOrLimit, returnAllOrLimit, type ReturnAllOrLimitOptions } from '../descriptions';
import type { SageConnection, SageContext } from '../transport';
import { parseJsonObjectParameter, withDiagnoses, type ParameterReader } from '../utils';
import { operationTypeOf, parseConnectionPath, parseGraphqlDocument, prepareConnectionPaging, selectOperation } from './document';
import { executeGraphql, fetchConnectionNodes } from './execute';
import { simplifyGraphqlData, simplifyRecord } from './simplify';

// Paging is asked for explicitly, so by default it goes to the end.
const PAGING_LIMIT: ReturnAllOrLimitOptions = { returnAllByDefault: true };

export interface GraphqlCallPropertiesOptions {
	/** Where the properties show, for example `{ show: { resource: ['graphql'], operation: ['execute'] } }`. */
	displayOptions: IDisplayOptions;
	queryPlaceholder: string;
	connectionPathPlaceholder: string;
}

/** The GraphQL resource's Operation selector: its one operation, Execute, on `target` ("a folder", "an app"). */
export function graphqlOperationProperty(target: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['graphql'] } },
		options: [{ name: 'Execute', value: 'execute', description: `Run a GraphQL query or mutation on ${target}`, action: 'Execute a query or mutation' }],
		default: 'execute',
	};
}

/** Query, Variables, paging of a connection (Return All / Limit) and Operation Name. */
export function graphqlCallProperties(options: GraphqlCallPropertiesOptions): INodeProperties[] {
	const { displayOptions } = options;
	const whenPaging: IDisplayOptions = { ...displayOptions, show: { ...displayOptions.show, paginate: [true] } };
	return [
		{
			displayName: 'Query',
			name: 'query',
			type: 'string',
			typeOptions: { rows: 8 },
			required: true,
			default: '',
			placeholder: options.queryPlaceholder,
			description: 'GraphQL query or mutation; it is syntax-checked before anything is sent',
			displayOptions,
		},
		{
			displayName: 'Variables',
			name: 'variables',
			type: 'json',
			default: '{}',
			description: 'Variables of the query as a JSON object',
			displayOptions,
		},
		{
			displayName: 'Page Through a Connection',
			name: 'paginate',
			type: 'boolean',
			default: false,
			description: 'Whether to follow a connection page by page and output one item per record',
			displayOptions,
		},
		{
			displayName: 'Connection Path',
			name: 'connectionPath',
			type: 'string',
			required: true,
			default: '',
			placeholder: options.connectionPathPlaceholder,
			description: 'Dot-separated response keys of the connection to page through',
			displayOptions: whenPaging,
		},
		...returnAllOrLimit(whenPaging, PAGING_LIMIT),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'Operation Name',
					name: 'operationName',
					type: 'string',
					default: '',
					description: 'Which operation to run when the document holds several',
				},
				{
					displayName: 'Simplify',
					name: 'simplify',
					type: 'boolean',
					default: false,
					description:
						'Whether to return the records themselves: connections (edges and nodes) unwrapped, and a list of records as one item each instead of one item holding the whole answer',
				},
			],
		},
	];
}

export interface PreparedGraphqlCall {
	query: string;
	variables: IDataObject;
	operationName?: string;
	isMutation: boolean;
	simplify: boolean;
	/** Set when a connection is paged: the query then takes its cursor as `afterVariable`. */
	paging?: { path: string[]; afterVariable: string; limit?: number };
}

/** Read and check the parameters of graphqlCallProperties for one item; sends nothing. */
export function prepareGraphqlCall(node: INode, getParameter: ParameterReader, itemIndex: number): PreparedGraphqlCall {
	const source = String(getParameter('query', itemIndex, '') ?? '');
	const options = (getParameter('options', itemIndex, {}) ?? {}) as IDataObject;
	const operationName = String(options.operationName ?? '').trim() || undefined;
	const document = parseGraphqlDocument(node, source, 'Query', itemIndex);
	const operation = selectOperation(node, document, operationName, itemIndex);
	const variables = parseJsonObjectParameter(node, getParameter('variables', itemIndex, '{}'), 'Variables', itemIndex);
	const isMutation = operationTypeOf(operation) !== 'query';
	const simplify = options.simplify === true;
	if (!getParameter('paginate', itemIndex, false)) return { query: source, variables, operationName, isMutation, simplify };
	if (isMutation) {
		throw new NodeOperationError(node, 'Only a query can be paged: turn off "Page Through a Connection" for a mutation', { itemIndex });
	}
	const path = parseConnectionPath(node, String(getParameter('connectionPath', itemIndex, '') ?? ''), 'Connection Path', itemIndex);
	const paged = prepareConnectionPaging(node, operation, path, itemIndex, document);
	const limit = readReturnAllOrLimit(node, getParameter, itemIndex, PAGING_LIMIT);
	// The paged document holds only the selected operation, so no operation name is sent.
	return { query: paged.query, variables, isMutation, simplify, paging: { path, afterVariable: paged.afterVariable, limit } };
}

/**
 * Send a prepared call: `{data, diagnoses?}`, or with paging one record per connection node (the
 * first carrying the diagnoses of all pages).
 */
export async function runGraphqlCall(
	this: SageContext,
	connection: SageConnection,
	url: string,
	prepared: PreparedGraphqlCall,
	itemIndex: number,
): Promise<IDataObject[]> {
	const { query, variables, paging } = prepared;
	if (paging) {
		const result = await fetchConnectionNodes.call(this, connection, {
			url,
			query,
			variables,
			path: paging.path,
			afterVariable: paging.afterVariable,
			limit: paging.limit,
			action: 'Running the GraphQL query',
			itemIndex,
		});
		const diagnoses = [...new Set(result.warnings)];
		const records = prepared.simplify ? result.nodes.map(simplifyRecord) : result.nodes;
		return records.map((record, position) => (position === 0 && diagnoses.length ? { ...record, diagnoses } : record));
	}
	const result = await executeGraphql.call(this, connection, {
		url,
		query,
		variables,
		operationName: prepared.operationName,
		isMutation: prepared.isMutation,
		action: prepared.isMutation ? 'Running the GraphQL mutation' : 'Running the GraphQL query',
		itemIndex,
	});
	if (!prepared.simplify) return [withDiagnoses({ data: result.data }, result.warnings)];
	const records = simplifyGraphqlData(result.data);
	return records.map((record, position) => (position === 0 ? withDiagnoses(record, result.warnings) : record));
}
