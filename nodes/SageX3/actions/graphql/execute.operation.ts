import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import {
	executeGraphql,
	fetchConnectionNodes,
	operationTypeOf,
	parseConnectionPath,
	parseGraphqlDocument,
	prepareConnectionPaging,
	selectOperation,
} from '../../../shared/graphql';
import { parseJsonObjectParameter } from '../../../shared/utils';
import { forEachItem, toItems } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';

const show = { resource: ['graphql'], operation: ['execute'] };

export const description: INodeProperties[] = [
	{ ...folderLocator, displayOptions: { show } },
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 10 },
		required: true,
		default: '',
		placeholder: '{ sage { x3BusinessPartners { customer(first: 2) { edges { node { code companyName } } } } } }',
		description: 'GraphQL query or mutation, checked locally before it is sent',
		displayOptions: { show },
	},
	{
		displayName: 'Variables',
		name: 'variables',
		type: 'json',
		default: '{}',
		description: 'GraphQL variables as a JSON object',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Connection Path',
				name: 'connectionPath',
				type: 'string',
				default: '',
				placeholder: 'sage.x3BusinessPartners.customer',
				description: 'Dot-separated response keys of the connection to page through when Return All Pages is on',
			},
			{
				displayName: 'Operation Name',
				name: 'operationName',
				type: 'string',
				default: '',
				description: 'Operation to run when the document contains several',
			},
			{
				displayName: 'Return All Pages',
				name: 'returnAllPages',
				type: 'boolean',
				default: false,
				description: 'Whether to follow the connection at Connection Path page by page and return one item per node',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const node = this.getNode();
		const query = this.getNodeParameter('query', itemIndex, '') as string;
		const variables = parseJsonObjectParameter(node, this.getNodeParameter('variables', itemIndex, '{}'), 'Variables', itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const operationName = typeof options.operationName === 'string' && options.operationName.trim() ? options.operationName.trim() : undefined;
		const document = parseGraphqlDocument(node, query, 'Query', itemIndex);
		const operation = selectOperation(node, document, operationName, itemIndex);
		const isMutation = operationTypeOf(operation) === 'mutation';
		const folderName = folderNameOf.call(this, itemIndex);

		if (options.returnAllPages === true) {
			if (isMutation) {
				throw new NodeOperationError(node, '"Return All Pages" works with queries only, not mutations', { itemIndex });
			}
			const path = parseConnectionPath(node, String(options.connectionPath ?? ''), 'Connection Path', itemIndex);
			const paged = prepareConnectionPaging(node, operation, path, itemIndex);
			const url = await session.folderUrl(folderName, 'dataService', itemIndex);
			const { connection } = await session.connection();
			const result = await fetchConnectionNodes.call(this, connection, {
				url,
				query: paged.query,
				variables,
				path,
				afterVariable: paged.afterVariable,
				action: 'Running the GraphQL query',
				itemIndex,
			});
			return toItems(result.nodes, itemIndex);
		}

		const url = await session.folderUrl(folderName, 'dataService', itemIndex);
		const { connection } = await session.connection();
		const result = await executeGraphql.call(this, connection, {
			url,
			query,
			variables,
			operationName,
			isMutation,
			action: isMutation ? 'Running the GraphQL mutation' : 'Running the GraphQL query',
			itemIndex,
		});
		const json: IDataObject = { data: result.data };
		if (result.warnings.length) json.warnings = result.warnings;
		return [{ json, pairedItem: { item: itemIndex } }];
	});
}
