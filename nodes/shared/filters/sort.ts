import { NodeOperationError, type IDataObject, type INode, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

import { TYPE_LABELS, type FilterFields } from './conditions';

/** One sort rule: a field of the schema and its direction. */
export interface SortRule {
	field: string;
	descending: boolean;
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The Sort builder of a Get Many: (field, direction) pairs, fields from `fieldsMethod`. */
export function sortProperty(fieldsMethod: string, dependsOn: string[], displayOptions?: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Sort',
		name: 'sort',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Sort Rule',
		default: {},
		description: 'Order of the records: the first rule sorts, the next ones break ties (e.g. country ascending, then name descending)',
		...(displayOptions && { displayOptions }),
		options: [
			{
				displayName: 'Rule',
				name: 'rule',
				values: [
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc', description: 'A to Z, smallest or earliest first' },
							{ name: 'Descending', value: 'desc', description: 'Z to A, largest or latest first' },
						],
						default: 'asc',
						description: 'Whether the field sorts ascending or descending',
					},
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						typeOptions: { loadOptionsMethod: fieldsMethod, loadOptionsDependsOn: dependsOn },
						default: '',
						description:
							'The field to sort by, from the schema. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
				],
			},
		],
	};
}

type GetParameter = (name: string, itemIndex: number, fallback?: unknown) => unknown;

/** The rules as given, checked for shape (before any request). */
export function readSort(node: INode, getNodeParameter: GetParameter, itemIndex: number): SortRule[] {
	const collection = getNodeParameter('sort', itemIndex, {}) as IDataObject | undefined;
	const rows = (Array.isArray(collection?.rule) ? collection.rule : []) as IDataObject[];
	const seen = new Set<string>();
	return rows.map((row, index) => {
		const field = typeof row.field === 'string' ? row.field.trim() : '';
		const fail = (message: string) => new NodeOperationError(node, `Sort rule ${index + 1}: ${message} (parameter "Sort")`, { itemIndex, description: 'Nothing was sent to Sage.' });
		if (!field) throw fail('choose a field');
		if (!FIELD_NAME.test(field)) throw fail(`"${field}" is not a field name (letters, digits and _ only)`);
		if (seen.has(field)) throw fail(`${field} is already sorted by an earlier rule`);
		seen.add(field);
		const direction = row.direction ?? 'asc';
		if (direction !== 'asc' && direction !== 'desc') throw fail(`the direction must be asc or desc (got ${JSON.stringify(direction)})`);
		return { field, descending: direction === 'desc' };
	});
}

/** The rules checked against the entity's fields. */
export function requireSort(node: INode, rules: SortRule[], fields: FilterFields, itemIndex: number): SortRule[] {
	rules.forEach((rule, index) => {
		if (!Object.prototype.hasOwnProperty.call(fields, rule.field)) {
			throw new NodeOperationError(node, `Sort rule ${index + 1}: unknown field "${rule.field}" (parameter "Sort")`, {
				itemIndex,
				description: `Fields that can be sorted: ${Object.keys(fields).sort().slice(0, 60).join(', ')}. Nothing was sent to Sage.`,
			});
		}
	});
	return rules;
}

/** Sort and the raw order parameter are two ways to say one thing: one of them only. */
export function refuseBothOrders(node: INode, rules: SortRule[], raw: unknown, rawName: string, itemIndex: number): void {
	if (rules.length && raw !== undefined && raw !== null && String(raw).trim() !== '') {
		throw new NodeOperationError(node, `Use "Sort" or "${rawName}", not both`, { itemIndex, description: `Move the fields of "${rawName}" into Sort rules, or remove the Sort rules.` });
	}
}

/** Sage GraphQL orderBy text: `{code: 1, companyName: -1}`. */
export const compileSageOrderBy = (rules: SortRule[]): string | undefined =>
	rules.length ? `{${rules.map((rule) => `${rule.field}: ${rule.descending ? -1 : 1}`).join(', ')}}` : undefined;

/** Options for a Sort field picker: each field with its type. */
export function sortFieldOptions(fields: FilterFields): INodePropertyOptions[] {
	return Object.entries(fields)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, field]) => ({ name, value: name, description: TYPE_LABELS[field.type] }));
}
