import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { HIDDEN_IN_TOOLS, readReturnAllOrLimit, readSimplify, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { fetchConnectionNodes } from '../../../shared/graphql';
import {
	andSageFilters,
	compileSageFilter,
	compileSageOrderBy,
	conditionProperties,
	filterFieldsOfEntity,
	readConditions,
	readSort,
	refuseBothOrders,
	requireConditions,
	requireSort,
	sortProperty,
	type ConditionsInput,
	type SortRule,
} from '../../../shared/filters';
import { buildListQuery } from '../../../shared/graphql/entities';
import { simplifyItemRecord } from '../../../shared/graphql/simplify';
import { readRecordFile, recordOutputProperties, writeRecordFile, type RecordFileSpec } from '../../../shared/output/record-file';
import { prepareItems, runEach } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';
import { fieldsSelection, parseObjectString, readFieldsInput, type FieldsInput } from '../../helpers/parameters';
import { fieldPicker, MAX_PAGE_SIZE, selectionOption } from './common';

export const properties: INodeProperties[] = [
	...returnAllOrLimit({}),
	...conditionProperties('getFilterFields', ['app', 'entity']),
	{
		displayName: 'Filter (Advanced)',
		name: 'filter',
		type: 'string',
		default: '',
		displayOptions: HIDDEN_IN_TOOLS,
		placeholder: "{name: {_regex: 'Atlas'}, isActive: true}",
		description:
			"Raw Sage filter for what Conditions cannot say (e.g. filters through references): a JSON-like object with operators such as _eq, _ne, _gt, _in and _regex, e.g. {name: {_regex: 'Atlas'}, isActive: true}. Combined with Conditions using AND.",
	},
	sortProperty('getSortFields', ['app', 'entity']),
	fieldPicker,
	simplifyProperty(),
	...recordOutputProperties(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			selectionOption,
			{
				displayName: 'Include Total Count',
				name: 'includeTotalCount',
				type: 'boolean',
				default: false,
				description: 'Whether to output one item holding totalCount (every matching record) and the records read, instead of one item per record',
			},
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'string',
				default: '',
				displayOptions: HIDDEN_IN_TOOLS,
				placeholder: '{name: 1, _id: -1}',
				description: "Raw sort order in Sage's syntax, e.g. {name: 1, _id: -1} (1 ascending, -1 descending); use Sort instead to pick the fields, not both",
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['getMany'] } }, properties);

interface GetManyInput {
	limit?: number;
	filter?: string;
	conditions: ConditionsInput;
	sort: SortRule[];
	orderBy?: string;
	fields: FieldsInput;
	includeTotalCount: boolean;
	simplify: boolean;
	file?: RecordFileSpec;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		session.targetOf(itemIndex);
		const sort = readSort(node, this.getNodeParameter.bind(this), itemIndex);
		refuseBothOrders(node, sort, options.orderBy, 'Order By', itemIndex);
		return {
			limit: readReturnAllOrLimit(node, this.getNodeParameter.bind(this), itemIndex),
			filter: parseObjectString(node, this.getNodeParameter('filter', itemIndex, ''), 'Filter (Advanced)', itemIndex, "{name: {_regex: 'Atlas'}}"),
			conditions: readConditions(node, this.getNodeParameter.bind(this), itemIndex),
			sort,
			orderBy: parseObjectString(node, options.orderBy, 'Order By', itemIndex, '{name: 1}'),
			fields: readFieldsInput(node, this.getNodeParameter('fields', itemIndex, []), options.fields, itemIndex),
			includeTotalCount: options.includeTotalCount === true,
			simplify: readSimplify(node, this.getNodeParameter.bind(this), itemIndex),
			file: readRecordFile(node, this.getNodeParameter.bind(this), itemIndex),
		} as GetManyInput;
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const target = session.targetOf(itemIndex);
		const entity = await session.entityOf(target, itemIndex);
		const fields = filterFieldsOfEntity(entity);
		const conditions = requireConditions(node, input.conditions, fields, this.getTimezone(), itemIndex);
		const orderBy = compileSageOrderBy(requireSort(node, input.sort, fields, itemIndex)) ?? input.orderBy;
		const selection = fieldsSelection(node, entity, input.fields, itemIndex) ?? entity.defaultSelection;
		const url = await session.appGraphqlUrl(target.app, itemIndex);
		const built = buildListQuery(entity, {
			selection,
			filter: andSageFilters([compileSageFilter(conditions, input.conditions.combine, '_'), input.filter], '_'),
			orderBy,
			pageSize: Math.min(input.limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE),
			includeTotalCount: input.includeTotalCount,
		});
		const request = {
			url,
			query: built.query,
			variables: built.variables as IDataObject,
			path: built.path,
			afterVariable: built.afterVariable,
			limit: input.limit,
			action: `Listing ${entity.name} records`,
			itemIndex,
		};
		if (input.file) {
			return await writeRecordFile(this, input.file, itemIndex, entity.name, async (onPage) => {
				const pulled = await fetchConnectionNodes.call(this, session.connection, {
					...request,
					onPage: async (nodes) => await onPage(input.simplify ? nodes.map((record) => simplifyItemRecord(node, record, itemIndex)) : nodes),
				});
				// What Items puts on its first record (or its one item) goes on the file's item.
				return {
					...(input.includeTotalCount ? { totalCount: pulled.totalCount ?? null } : {}),
					...(pulled.warnings.length ? { diagnoses: [...new Set(pulled.warnings)] } : {}),
				};
			});
		}
		const result = await fetchConnectionNodes.call(this, session.connection, request);
		const warnings = [...new Set(result.warnings)];
		const records = input.simplify ? result.nodes.map((record) => simplifyItemRecord(node, record, itemIndex)) : result.nodes;
		if (input.includeTotalCount) {
			return {
				totalCount: result.totalCount ?? null,
				count: records.length,
				records,
				...(warnings.length ? { diagnoses: warnings } : {}),
			};
		}
		return records.map((record, position) => (position === 0 && warnings.length ? { ...record, _diagnoses: warnings } : record));
	});
	return [...failed, ...done];
}
