import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { HIDDEN_IN_TOOLS, readReturnAllOrLimit, readSimplify, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { compileODataFilter, conditionProperties, readConditions, readSort, refuseBothOrders, requireConditions, requireSort, sortProperty, type SortRule } from '../../../shared/filters';
import { sage200FieldsOf, selectFieldsProperty, selectOf } from '../../helpers/fields';
import { OutputItems, requirePositiveInteger } from '../../../shared/utils';
import {
	fieldEqualsClause,
	requireFieldList,
	requireFieldName,
	requireOrderBy,
	requireValidFilter,
	toSageUtc,
	type ValueType,
} from '../../helpers/odata';
import { readRecordFile, recordOutputProperties, writeRecordFile, type RecordFileSpec } from '../../../shared/output/record-file';
import { MAX_CONCURRENCY, MAX_PAGE_SIZE, forEachRecordPage } from '../../helpers/paging';
import type { Sage200Session } from '../../helpers/session';
import { simplifySage200Record } from '../../helpers/simplify';
import { SAGE200_RESOURCES, resourcesWith, type Sage200Resource } from '../resources';
import { describeAction, processRecordItems, type RecordItem } from './common';

/**
 * Pages fetched at once when Concurrency is not set, for Items and One File alike: a page One File
 * can take as the bytes it came in (scanRecordList) holds little more than its body while it waits.
 */
const DEFAULT_CONCURRENCY = 4;

const display = { show: { resource: resourcesWith('getAll'), operation: ['getAll'] } };

const parentProperties: INodeProperties[] = SAGE200_RESOURCES.filter((entry) => entry.parent && entry.operations.includes('getAll')).flatMap((entry) =>
	updateDisplayOptions({ show: { resource: [entry.value], operation: ['getAll'] } }, [
		{
			displayName: entry.parent!.displayName,
			name: 'parentId',
			type: 'string',
			default: '',
			description: `Only records of this ${entry.parent!.displayName.replace(/ ID$/, '').toLowerCase()}; leave empty for all`,
		},
	]),
);

const properties: INodeProperties[] = [
	simplifyProperty(),
	...recordOutputProperties(),
	...conditionProperties('getFilterFields', ['resource']),
	sortProperty('getSortFields', ['resource']),
	selectFieldsProperty,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Field Equals',
				name: 'fieldEquals',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Condition',
				description: 'Records whose field has exactly this value (all conditions must hold)',
				options: [
					{
						displayName: 'Condition',
						name: 'conditions',
						values: [
							{ displayName: 'Field', name: 'field', type: 'string', default: '', placeholder: 'reference', description: 'API name of the field' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'The value the field must equal' },
							{
								displayName: 'Value Type',
								name: 'valueType',
								type: 'options',
								options: [
									{ name: 'Boolean', value: 'boolean' },
									{ name: 'Number', value: 'number' },
									{ name: 'Text', value: 'string' },
								],
								default: 'string',
								description: 'How the value is written in the filter: text in quotes, numbers and booleans as they are',
							},
						],
					},
				],
			},
			{
				displayName: 'Filter (Advanced)',
				name: 'filter',
				type: 'string',
				default: '',
				displayOptions: HIDDEN_IN_TOOLS,
				placeholder: "balance gt 0 and startswith(name, 'A')",
				description:
					"A raw OData $filter expression for what Conditions cannot say, e.g. balance gt 0 and startswith(name, 'A') (text in single quotes, a quote inside text written twice); combined with Conditions and the other filters using and",
			},
			{
				displayName: 'Updated Since',
				name: 'updatedSince',
				type: 'dateTime',
				default: '',
				description: 'Only records changed after this moment (date_time_updated, compared in UTC)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'listOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description: `How many pages to fetch at the same time (1 to ${MAX_CONCURRENCY}); every page in flight is held in memory`,
			},
			{
				displayName: 'Expand',
				name: 'expand',
				type: 'string',
				default: '',
				placeholder: 'contacts',
				description: 'Comma-separated related records to include ($expand)',
			},
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'string',
				default: '',
				displayOptions: HIDDEN_IN_TOOLS,
				placeholder: 'name desc',
				description: 'Raw sort order ($orderby), e.g. name desc, reference; use Sort instead to pick the fields, not both. The ID is always added last so that pages never overlap.',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
				default: MAX_PAGE_SIZE,
				description: `Records per request ($top, at most ${MAX_PAGE_SIZE})`,
			},
			{
				displayName: 'Select',
				name: 'select',
				type: 'string',
				default: '',
				placeholder: 'id,name,reference',
				description: 'Comma-separated fields to return ($select), e.g. reference,name; added to the fields picked in Fields',
			},
		],
	},
];

export const description: INodeProperties[] = [...parentProperties, ...returnAllOrLimit(display), ...updateDisplayOptions(display, properties)];

interface Condition {
	field?: string;
	value?: unknown;
	valueType?: ValueType;
}

interface CheckedList {
	conditionsFilter?: string;
	sort: SortRule[];
	/** $select: the picked fields and Options → Select (undefined: every field). */
	select?: string;
	/** Output: One File (undefined: one item per record). */
	file?: RecordFileSpec;
}

/** Conditions and Sort checked against the resource's fields from Sage's OpenAPI, before anything is sent. */
function checkList(this: IExecuteFunctions, itemIndex: number, resource: Sage200Resource): CheckedList {
	const node = this.getNode();
	const { fields } = sage200FieldsOf(resource);
	const input = readConditions(node, this.getNodeParameter.bind(this), itemIndex);
	const sort = requireSort(node, readSort(node, this.getNodeParameter.bind(this), itemIndex), fields, itemIndex);
	const options = this.getNodeParameter('listOptions', itemIndex, {}) as IDataObject;
	refuseBothOrders(node, sort, options.orderBy, 'Order By', itemIndex);
	const file = readRecordFile(node, this.getNodeParameter.bind(this), itemIndex);
	const select = selectOf(node, resource, this.getNodeParameter('fields', itemIndex, []), requireFieldList(node, options.select, 'Select', itemIndex), itemIndex);
	// The selected fields are the CSV's first columns, in the order given.
	if (file && select) file.columns = select.split(',').filter((name) => name !== '*');
	return { conditionsFilter: compileODataFilter(requireConditions(node, input, fields, this.getTimezone(), itemIndex), input.combine), sort, select, file };
}

/** The $filter of the item: Conditions, helpers and the raw expression, each in parentheses, joined with and. */
function buildFilter(this: IExecuteFunctions, itemIndex: number, filters: IDataObject, tracksUpdates: boolean, conditionsFilter?: string): string | undefined {
	const node = this.getNode();
	const clauses: string[] = conditionsFilter ? [conditionsFilter] : [];
	if (filters.updatedSince !== undefined && filters.updatedSince !== '') {
		if (!tracksUpdates) throw new NodeOperationError(node, '"Updated Since" is not available for this resource', { itemIndex });
		clauses.push(`date_time_updated gt ${toSageUtc(node, filters.updatedSince, this.getTimezone(), 'Updated Since', itemIndex)}`);
	}
	const conditions = ((filters.fieldEquals as IDataObject | undefined)?.conditions ?? []) as Condition[];
	for (const condition of conditions) {
		const field = requireFieldName(node, condition.field, 'Field Equals: Field', itemIndex);
		clauses.push(fieldEqualsClause(node, field, condition.value, condition.valueType ?? 'string', itemIndex));
	}
	const raw = typeof filters.filter === 'string' ? filters.filter.trim() : '';
	if (raw) clauses.push(requireValidFilter(node, raw, 'Filter (Advanced)', itemIndex));
	if (clauses.length === 0) return undefined;
	return clauses.length === 1 ? clauses[0] : clauses.map((clause) => `(${clause})`).join(' and ');
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	return await processRecordItems.call(this, items, session, 'getAll', getManyRecords, checkList);
}

async function getManyRecords(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl, checked }: RecordItem): Promise<IDataObject[] | OutputItems> {
	const node = this.getNode();
	const limit = readReturnAllOrLimit(node, this.getNodeParameter.bind(this), itemIndex);
	const simplify = readSimplify(node, this.getNodeParameter.bind(this), itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('listOptions', itemIndex, {}) as IDataObject;

	const pageSize = requirePositiveInteger(node, options.pageSize ?? MAX_PAGE_SIZE, 'Page Size', itemIndex, MAX_PAGE_SIZE);
	const list = checked as CheckedList;
	const concurrency = requirePositiveInteger(node, options.concurrency ?? DEFAULT_CONCURRENCY, 'Concurrency', itemIndex, MAX_CONCURRENCY);
	const order = list.sort.length ? list.sort.map((rule) => ({ field: rule.field, desc: rule.descending })) : requireOrderBy(node, options.orderBy, 'Order By', itemIndex);
	// A unique last key keeps $skip windows from overlapping when the sort field has ties.
	if (!order.some((term) => term.field === resource.idField)) order.push({ field: resource.defaultOrderBy, desc: false });
	const orderBy = order.map((term) => (term.desc ? `${term.field} desc` : term.field)).join(',');

	let path = resource.path;
	if (resource.parent) {
		const parentId = String(this.getNodeParameter('parentId', itemIndex, '') ?? '').trim();
		if (parentId) {
			if (!/^\d+$/.test(parentId)) {
				throw new NodeOperationError(node, `"${resource.parent.displayName}" must be a Sage 200 record ID (a whole number), got "${parentId}"`, { itemIndex });
			}
			path = `${resource.parent.path}/${parentId}/${resource.path}`;
		}
	}

	const request = {
		path,
		orderBy,
		filter: buildFilter.call(this, itemIndex, filters, resource.tracksUpdates, list.conditionsFilter),
		select: list.select,
		expand: requireFieldList(node, options.expand, 'Expand', itemIndex, true) || undefined,
	};
	const paging = { limit, pageSize, concurrency, itemIndex, action: describeAction('Listing', resource) };
	const finish = (records: IDataObject[]) => (simplify ? records.map((record) => simplifySage200Record(node, record, itemIndex)) : records);
	if (list.file) {
		return await writeRecordFile(this, list.file, itemIndex, resource.path, async (onPage, recordBytes) => {
			await forEachRecordPage.call(this, connection, baseUrl, request, { ...paging, recordBytes }, async (records) => await onPage(finish(records)));
		});
	}
	// Each page becomes items as it is handed over: Simplify and the items' wrapping then run while
	// the later pages are on their way, not after the last one has arrived.
	const output: INodeExecutionData[] = [];
	await forEachRecordPage.call(this, connection, baseUrl, request, paging, async (records) => {
		for (const json of finish(records)) output.push({ json, pairedItem: { item: itemIndex } });
	});
	return new OutputItems(output);
}
