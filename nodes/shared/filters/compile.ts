import type { Combine, Condition, ConditionValue } from './conditions';

/**
 * Compilers from checked conditions to each API's filter syntax. Field names come from the
 * schema (identifiers only); every value goes through a literal writer that escapes it.
 */

/** Operator prefix of a Sage GraphQL filter: `$` on X3's older cloud schema, `_` on V12 and SDMO (xtrem). */
export type OperatorPrefix = '$' | '_';

/**
 * A string inside a Sage GraphQL filter: single quotes as Sage's examples write them, backslash and
 * quotes escaped, control and line-separator characters as \u escapes so the text stays on one line.
 */
export function sageStringLiteral(value: string): string {
	const escaped = Array.from(value, (char) => {
		if (char === '\\' || char === "'" || char === '"') return `\\${char}`;
		const code = char.charCodeAt(0);
		return code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029 ? `\\u${code.toString(16).padStart(4, '0')}` : char;
	});
	return `'${escaped.join('')}'`;
}

type FilterNode = ConditionValue | FilterNode[] | { [key: string]: FilterNode };

function writeSage(node: FilterNode): string {
	if (node === null) return 'null';
	if (typeof node === 'string') return sageStringLiteral(node);
	if (typeof node === 'number' || typeof node === 'boolean') return String(node);
	if (Array.isArray(node)) return `[${node.map(writeSage).join(', ')}]`;
	return `{${Object.entries(node)
		.map(([key, value]) => `${key}: ${writeSage(value)}`)
		.join(', ')}}`;
}

/** A regular expression matching `text` literally (contains / starts with / ends with). */
export const regexLiteral = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** One condition as `{field: {op: value}}` (or an `or` of two, for empty text). */
function sageCondition(condition: Condition, p: OperatorPrefix): Record<string, FilterNode> {
	const { field, operator, values, fieldType } = condition;
	const on = (ops: Record<string, FilterNode>) => ({ [field]: ops });
	const [first, second] = values;
	switch (operator) {
		case 'equals':
			return on({ [`${p}eq`]: first });
		case 'notEquals':
			return on({ [`${p}ne`]: first });
		case 'contains':
			return on({ [`${p}regex`]: regexLiteral(String(first)) });
		case 'startsWith':
			return on({ [`${p}regex`]: `^${regexLiteral(String(first))}` });
		case 'endsWith':
			return on({ [`${p}regex`]: `${regexLiteral(String(first))}$` });
		case 'isOneOf':
			return on({ [`${p}in`]: values });
		case 'lt':
		case 'before':
			return on({ [`${p}lt`]: first });
		case 'lte':
		case 'onOrBefore':
			return on({ [`${p}lte`]: first });
		case 'gt':
		case 'after':
			return on({ [`${p}gt`]: first });
		case 'gte':
		case 'onOrAfter':
			return on({ [`${p}gte`]: first });
		case 'between':
		case 'betweenDates':
			return on({ [`${p}gte`]: first, [`${p}lte`]: second });
		case 'isTrue':
			return on({ [`${p}eq`]: true });
		case 'isFalse':
			return on({ [`${p}eq`]: false });
		case 'isEmpty':
			// Text may be stored empty rather than null (X3 keeps blank strings): both count as empty.
			return on(fieldType.type === 'text' ? { [`${p}in`]: [null, ''] } : { [`${p}eq`]: null });
		case 'isNotEmpty':
			return on(fieldType.type === 'text' ? { [`${p}nin`]: [null, ''] } : { [`${p}ne`]: null });
	}
}

/**
 * Conditions as a Sage GraphQL filter string (`{country: {_eq: 'FR'}, code: {_regex: '^AE1'}}`).
 * AND merges the conditions into one object, the form Sage documents, unless two conditions set the
 * same operator on one field; then, and for OR, they go in `and` / `or` lists.
 */
export function compileSageFilter(conditions: Condition[], combine: Combine, prefix: OperatorPrefix): string | undefined {
	if (conditions.length === 0) return undefined;
	const parts = conditions.map((condition) => sageCondition(condition, prefix));
	if (parts.length === 1) return writeSage(parts[0]);
	if (combine === 'and') {
		const merged: Record<string, Record<string, FilterNode>> = {};
		let clash = false;
		for (const part of parts) {
			for (const [field, ops] of Object.entries(part)) {
				const target = (merged[field] ??= {});
				for (const [op, value] of Object.entries(ops as Record<string, FilterNode>)) {
					if (op in target) clash = true;
					target[op] = value;
				}
			}
		}
		if (!clash) return writeSage(merged);
	}
	return writeSage({ [`${prefix}${combine}`]: parts });
}

/** Two Sage filter strings (conditions and the raw Filter (Advanced)) that must both hold. */
export function andSageFilters(filters: Array<string | undefined>, prefix: OperatorPrefix): string | undefined {
	const present = filters.filter((filter): filter is string => typeof filter === 'string' && filter.trim() !== '');
	if (present.length <= 1) return present[0];
	return `{${prefix}and: [${present.join(', ')}]}`;
}

/** An OData string literal: single quotes, an embedded quote doubled. */
export const odataStringLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

function odataValue(condition: Condition, value: ConditionValue): string {
	if (value === null) return 'null';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	// OData v3 writes date-time literals unquoted (2024-01-01T00:00:00Z), as Sage 200's filters do.
	if (condition.fieldType.type === 'date') return value;
	return odataStringLiteral(value);
}

function odataCondition(condition: Condition): string {
	const { field, operator, values, fieldType } = condition;
	const literal = (value: ConditionValue) => odataValue(condition, value);
	const [first, second] = values;
	switch (operator) {
		case 'equals':
			return `${field} eq ${literal(first)}`;
		case 'notEquals':
			return `${field} ne ${literal(first)}`;
		case 'contains':
			return `contains(${field}, ${literal(first)})`;
		case 'startsWith':
			return `startswith(${field}, ${literal(first)})`;
		case 'endsWith':
			return `endswith(${field}, ${literal(first)})`;
		case 'isOneOf':
			return values.length === 1 ? `${field} eq ${literal(first)}` : `(${values.map((value) => `${field} eq ${literal(value)}`).join(' or ')})`;
		case 'lt':
		case 'before':
			return `${field} lt ${literal(first)}`;
		case 'lte':
		case 'onOrBefore':
			return `${field} le ${literal(first)}`;
		case 'gt':
		case 'after':
			return `${field} gt ${literal(first)}`;
		case 'gte':
		case 'onOrAfter':
			return `${field} ge ${literal(first)}`;
		case 'between':
		case 'betweenDates':
			return `(${field} ge ${literal(first)} and ${field} le ${literal(second)})`;
		case 'isTrue':
			return `${field} eq true`;
		case 'isFalse':
			return `${field} eq false`;
		case 'isEmpty':
			return fieldType.type === 'text' ? `(${field} eq null or ${field} eq '')` : `${field} eq null`;
		case 'isNotEmpty':
			return fieldType.type === 'text' ? `(${field} ne null and ${field} ne '')` : `${field} ne null`;
	}
}

/** Conditions as an OData $filter (Sage 200): `country_code eq 'GB' and balance gt 0`. */
export function compileODataFilter(conditions: Condition[], combine: Combine): string | undefined {
	if (conditions.length === 0) return undefined;
	const clauses = conditions.map(odataCondition);
	if (clauses.length === 1) return clauses[0];
	// Each clause is a comparison, a function call or already in parentheses: joining keeps precedence.
	return clauses.join(` ${combine} `);
}
