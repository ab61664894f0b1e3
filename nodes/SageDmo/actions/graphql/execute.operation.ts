import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import {
	executeGraphql,
	fetchConnectionNodes,
	operationTypeOf,
	parseConnectionPath,
	parseGraphqlDocument,
	prepareConnectionPaging,
	selectOperation,
} from '../../../shared/graphql';
import { NodeOperationError } from 'n8n-workflow';
import { parseJsonObjectParameter, requirePositiveInteger } from '../../../shared/utils';
import { appGraphqlUrl, type SdmoSession } from '../../helpers/connection';
import { prepareItems, runEach, withDiagnoses } from '../../helpers/items';

const show = { show: { resource: ['graphql'], operation: ['execute'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 8 },
		required: true,
		default: '',
		placeholder: 'query { xtremMasterData { customer { query(first: 10) { edges { node { _id id name } } } } } }',
		description: 'GraphQL query or mutation; it is syntax-checked before anything is sent',
		displayOptions: show,
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'json',
		default: '{}',
		description: 'Variables of the query as a JSON object',
		displayOptions: show,
	},
	{
		displayName: 'Page Through a Connection',
		name: 'paginate',
		type: 'boolean',
		default: false,
		description: 'Whether to follow a connection page by page and output one item per record',
		displayOptions: show,
	},
	{
		displayName: 'Connection Path',
		name: 'connectionPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'xtremMasterData.customer.query',
		description: 'Dot-separated response keys of the connection to page through',
		displayOptions: { show: { ...show.show, paginate: [true] } },
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { ...show.show, paginate: [true] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show.show, paginate: [true], returnAll: [false] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Operation Name',
				name: 'operationName',
				type: 'string',
				default: '',
				description: 'Which operation to run when the document holds several',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, session: SdmoSession, itemCount: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, itemCount, (itemIndex) => {
		const app = String(this.getNodeParameter('app', itemIndex, 'sdmo') ?? '').trim();
		if (!app) throw new NodeOperationError(node, '"App" must not be empty (for example sdmo or shopfloor)', { itemIndex });
		const source = this.getNodeParameter('query', itemIndex, '') as string;
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const operationName = String(options.operationName ?? '').trim() || undefined;
		const document = parseGraphqlDocument(node, source, 'Query', itemIndex);
		const operation = selectOperation(node, document, operationName, itemIndex);
		const variables = parseJsonObjectParameter(node, this.getNodeParameter('variables', itemIndex, '{}'), 'Variables', itemIndex);
		const isMutation = operationTypeOf(operation) !== 'query';
		const paginate = this.getNodeParameter('paginate', itemIndex, false) as boolean;
		if (!paginate) return { app, query: source, variables, operationName, isMutation, paging: undefined };
		if (isMutation) throw new NodeOperationError(node, 'Only a query can be paged: turn off "Page Through a Connection" for a mutation', { itemIndex });
		const path = parseConnectionPath(node, this.getNodeParameter('connectionPath', itemIndex, '') as string, 'Connection Path', itemIndex);
		const paged = prepareConnectionPaging(node, operation, path, itemIndex);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, true) as boolean;
		const limit = returnAll ? undefined : requirePositiveInteger(node, this.getNodeParameter('limit', itemIndex), 'Limit', itemIndex);
		return { app, query: paged.query, variables, operationName: undefined, isMutation, paging: { path, afterVariable: paged.afterVariable, limit } };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const url = await appGraphqlUrl.call(this, session, input.app, itemIndex);
		if (input.paging) {
			const result = await fetchConnectionNodes.call(this, session.connection, {
				url,
				query: input.query,
				variables: input.variables,
				path: input.paging.path,
				afterVariable: input.paging.afterVariable,
				limit: input.paging.limit,
				action: 'Running the GraphQL query',
				itemIndex,
			});
			const warnings = [...new Set(result.warnings)];
			return result.nodes.map((record, position) => (position === 0 && warnings.length ? { ...record, _diagnoses: warnings } : record));
		}
		const result = await executeGraphql.call(this, session.connection, {
			url,
			query: input.query,
			variables: input.variables,
			operationName: input.operationName,
			isMutation: input.isMutation,
			action: input.isMutation ? 'Running the GraphQL mutation' : 'Running the GraphQL query',
			itemIndex,
		});
		return withDiagnoses({ data: result.data }, result.warnings);
	});
	return [...failed, ...done];
}
