import { DateTime } from 'luxon';

/**
 * The condition model of the filter builders: (field, operator, value) rows combined with AND or
 * OR, checked against the field types the API describes (X3/SDMO introspection, Sage 200's OpenAPI)
 * and compiled to each API's own syntax (compile.ts). No n8n context is needed, so action nodes and
 * triggers share it.
 */

/** How a field's values are compared: the operators offered and how values are written. */
export type FilterFieldType = 'text' | 'number' | 'date' | 'boolean';

export interface FilterField {
	type: FilterFieldType;
	/** A date without a time of day (GraphQL `Date`): values are written yyyy-MM-dd. */
	dateOnly?: boolean;
}

/** Field name → type, for one entity or resource. */
export type FilterFields = Record<string, FilterField>;

export type ConditionOperator =
	| 'equals'
	| 'notEquals'
	| 'contains'
	| 'startsWith'
	| 'endsWith'
	| 'isOneOf'
	| 'lt'
	| 'lte'
	| 'gt'
	| 'gte'
	| 'between'
	| 'before'
	| 'onOrBefore'
	| 'after'
	| 'onOrAfter'
	| 'betweenDates'
	| 'isTrue'
	| 'isFalse'
	| 'isEmpty'
	| 'isNotEmpty';

export type Combine = 'and' | 'or';

interface OperatorInfo {
	name: string;
	types: FilterFieldType[];
	/** Where the value is read from: nothing, the Value text, a list, two numbers, one or two dates. */
	value: 'none' | 'one' | 'list' | 'range' | 'date' | 'dateRange';
	description: string;
}

export const OPERATORS: Record<ConditionOperator, OperatorInfo> = {
	equals: { name: 'Equals', types: ['text', 'number', 'date'], value: 'one', description: 'The field has exactly this value (dates as ISO 8601 text)' },
	notEquals: { name: 'Not Equals', types: ['text', 'number', 'date'], value: 'one', description: 'The field has any other value' },
	contains: { name: 'Contains', types: ['text'], value: 'one', description: 'Text fields: the value appears anywhere in the field (X3 and Sage DMO compare case; Sage 200 compares as its database does, usually ignoring case)' },
	startsWith: { name: 'Starts With', types: ['text'], value: 'one', description: 'Text fields: the field begins with the value' },
	endsWith: { name: 'Ends With', types: ['text'], value: 'one', description: 'Text fields: the field ends with the value' },
	isOneOf: { name: 'Is One Of', types: ['text', 'number'], value: 'list', description: 'The field equals one of the values, separated by commas (or a list from an expression)' },
	lt: { name: 'Less Than (<)', types: ['number'], value: 'one', description: 'Number fields: smaller than the value' },
	lte: { name: 'Less Than or Equal (≤)', types: ['number'], value: 'one', description: 'Number fields: smaller than or equal to the value' },
	gt: { name: 'Greater Than (>)', types: ['number'], value: 'one', description: 'Number fields: larger than the value' },
	gte: { name: 'Greater Than or Equal (≥)', types: ['number'], value: 'one', description: 'Number fields: larger than or equal to the value' },
	between: { name: 'Between', types: ['number'], value: 'range', description: 'Number fields: from Value to Value To, both included' },
	before: { name: 'Is Before (<)', types: ['date'], value: 'date', description: 'Date fields: earlier than the date' },
	onOrBefore: { name: 'Is On or Before (≤)', types: ['date'], value: 'date', description: 'Date fields: earlier than or at the date' },
	after: { name: 'Is After (>)', types: ['date'], value: 'date', description: 'Date fields: later than the date' },
	onOrAfter: { name: 'Is On or After (≥)', types: ['date'], value: 'date', description: 'Date fields: later than or at the date' },
	betweenDates: { name: 'Is Between Dates', types: ['date'], value: 'dateRange', description: 'Date fields: from Value (Date) to Value To (Date), both included' },
	isTrue: { name: 'Is True', types: ['boolean'], value: 'none', description: 'Boolean fields: true' },
	isFalse: { name: 'Is False', types: ['boolean'], value: 'none', description: 'Boolean fields: false' },
	isEmpty: { name: 'Is Empty', types: ['text', 'number', 'date', 'boolean'], value: 'none', description: 'The field has no value (null, or empty text)' },
	isNotEmpty: { name: 'Is Not Empty', types: ['text', 'number', 'date', 'boolean'], value: 'none', description: 'The field has a value (not null, and not empty text)' },
};

/** A condition as the node's parameters hold it (every value still as the user gave it). */
export interface RawCondition {
	field?: unknown;
	operator?: unknown;
	value?: unknown;
	valueTo?: unknown;
	date?: unknown;
	dateTo?: unknown;
}

export type ConditionValue = string | number | boolean | null;

/** A checked condition: field known, operator fits its type, values typed. */
export interface Condition {
	field: string;
	fieldType: FilterField;
	operator: ConditionOperator;
	/** One value, the two ends of a range, or the list of Is One Of. */
	values: ConditionValue[];
}

/** A condition that cannot be sent; `position` is 1-based, as the editor numbers the rows. */
export class ConditionError extends Error {
	constructor(
		readonly position: number,
		message: string,
		readonly hint?: string,
	) {
		super(`Condition ${position}: ${message}`);
		this.name = 'ConditionError';
	}
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Numbers in GraphQL schemas: the built-in scalars and the custom ones Sage schemas use. */
const NUMBER_TYPES = /^(Int|Float|Decimal|BigDecimal|BigInt|Long|Short|Byte|Double|Integer|Number)$/i;
const DATE_TYPES = /^(DateTime|Datetime|DateTimeOffset|Timestamp|Instant)$/i;

/** The filter type of a GraphQL leaf type (String, Int, Boolean, a date-time scalar, an enum). */
export function filterFieldOfGraphqlType(typeName: string | undefined): FilterField {
	const name = typeName ?? '';
	if (name === 'Boolean') return { type: 'boolean' };
	if (NUMBER_TYPES.test(name)) return { type: 'number' };
	if (/^Date$/i.test(name)) return { type: 'date', dateOnly: true };
	if (DATE_TYPES.test(name)) return { type: 'date' };
	return { type: 'text' };
}

/** Filter fields of an introspected entity: its leaf fields with their GraphQL types. */
export function filterFieldsOfEntity(entity: { fields: string[]; fieldTypes?: Record<string, string> }): FilterFields {
	return Object.fromEntries(entity.fields.filter((field) => FIELD_NAME.test(field)).map((field) => [field, filterFieldOfGraphqlType(entity.fieldTypes?.[field])]));
}

export const TYPE_LABELS: Record<FilterFieldType, string> = { text: 'text', number: 'number', date: 'date', boolean: 'boolean' };

export const operatorsFor = (type: FilterFieldType): ConditionOperator[] =>
	(Object.keys(OPERATORS) as ConditionOperator[]).filter((operator) => OPERATORS[operator].types.includes(type));

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Checks done without the schema (before any request): the rows' shape, operators and values present. */
export function checkConditionShapes(raw: RawCondition[]): void {
	raw.forEach((row, index) => {
		const position = index + 1;
		const field = typeof row.field === 'string' ? row.field.trim() : '';
		if (!field) throw new ConditionError(position, 'choose a field', 'Pick the field from the list, or give its API name by expression.');
		if (!FIELD_NAME.test(field)) throw new ConditionError(position, `"${field}" is not a field name (letters, digits and _ only)`);
		const operator = row.operator as ConditionOperator;
		if (typeof row.operator !== 'string' || !(row.operator in OPERATORS)) {
			throw new ConditionError(position, `unknown operator ${JSON.stringify(row.operator)}`, `Valid operators: ${Object.keys(OPERATORS).join(', ')}.`);
		}
		const { value } = OPERATORS[operator];
		if ((value === 'one' || value === 'list' || value === 'range') && isBlank(row.value) && operator !== 'equals' && operator !== 'notEquals') {
			throw new ConditionError(position, `"${OPERATORS[operator].name}" needs a Value`);
		}
		if (value === 'range' && isBlank(row.valueTo)) throw new ConditionError(position, '"Between" needs a Value To');
		if ((value === 'date' || value === 'dateRange') && isBlank(row.date)) throw new ConditionError(position, `"${OPERATORS[operator].name}" needs a Value (Date)`);
		if (value === 'dateRange' && isBlank(row.dateTo)) throw new ConditionError(position, '"Is Between Dates" needs a Value To (Date)');
	});
}

function toNumber(position: number, field: string, value: unknown): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
	if (!Number.isFinite(number)) throw new ConditionError(position, `the number field ${field} cannot be compared with ${JSON.stringify(value)}: give a number such as 42 or 12.5`);
	return number;
}

function toDate(position: number, field: FilterField & { name: string }, value: unknown, timezone: string): string {
	let date: DateTime | undefined;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value);
	else if (typeof value === 'string' && value.trim()) date = DateTime.fromISO(value.trim(), { zone: timezone, setZone: true });
	if (!date?.isValid) {
		throw new ConditionError(position, `the date field ${field.name} cannot be compared with ${JSON.stringify(value)}: give a date such as 2024-01-31 or 2024-01-31T10:00:00Z`);
	}
	if (field.dateOnly) return date.toFormat('yyyy-MM-dd');
	return date.toUTC().toISO({ suppressMilliseconds: true }) ?? '';
}

function toText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

const listOf = (value: unknown): unknown[] =>
	Array.isArray(value) ? value : typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter((part) => part !== '') : [value];

/**
 * Checks the rows against the entity's fields and types their values. Dates without a zone are read
 * in `timezone` (the workflow's), and sent in UTC.
 */
export function checkConditions(raw: RawCondition[], fields: FilterFields, timezone = 'UTC'): Condition[] {
	checkConditionShapes(raw);
	return raw.map((row, index) => {
		const position = index + 1;
		const name = String(row.field).trim();
		const fieldType = Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
		if (!fieldType) {
			const known = Object.keys(fields).sort();
			const close = known.filter((candidate) => candidate.toLowerCase() === name.toLowerCase());
			throw new ConditionError(
				position,
				`unknown field "${name}"`,
				`${close.length ? `Did you mean ${close.join(' or ')}? ` : ''}Fields that can be filtered: ${known.slice(0, 60).join(', ')}${known.length > 60 ? ', …' : ''}`,
			);
		}
		const operator = row.operator as ConditionOperator;
		const info = OPERATORS[operator];
		if (!info.types.includes(fieldType.type)) {
			throw new ConditionError(
				position,
				`"${info.name}" does not apply to the ${TYPE_LABELS[fieldType.type]} field ${name}`,
				`Operators for ${TYPE_LABELS[fieldType.type]} fields: ${operatorsFor(fieldType.type)
					.map((candidate) => OPERATORS[candidate].name)
					.join(', ')}.`,
			);
		}
		const typed = (value: unknown): ConditionValue => {
			if (fieldType.type === 'number') return toNumber(position, name, value);
			if (fieldType.type === 'date') return toDate(position, { ...fieldType, name }, value, timezone);
			return toText(value);
		};
		let values: ConditionValue[] = [];
		switch (info.value) {
			case 'one':
				// Equals with an empty Value on a text field means the empty text; on other types, a value is needed.
				if (isBlank(row.value) && fieldType.type !== 'text') throw new ConditionError(position, `"${info.name}" needs a Value for the ${TYPE_LABELS[fieldType.type]} field ${name}`);
				values = [typed(row.value)];
				break;
			case 'list': {
				const list = listOf(row.value);
				if (list.length === 0) throw new ConditionError(position, '"Is One Of" needs at least one value');
				if (list.length > 1000) throw new ConditionError(position, `"Is One Of" takes at most 1000 values (got ${list.length})`);
				values = list.map(typed);
				break;
			}
			case 'range':
				values = [typed(row.value), typed(row.valueTo)];
				break;
			case 'date':
				values = [typed(row.date)];
				break;
			case 'dateRange':
				values = [typed(row.date), typed(row.dateTo)];
				break;
			case 'none':
				values = [];
		}
		return { field: name, fieldType, operator, values };
	});
}
