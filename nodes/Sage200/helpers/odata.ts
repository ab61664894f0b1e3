import { DateTime } from 'luxon';
import { NodeOperationError, type INode } from 'n8n-workflow';

import { asNodeError } from '../../shared/utils';

/** OData v3 comparisons and functions a Sage 200 $filter may use (its API takes an OData v3 subset). */
const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS: Record<string, number> = {
	contains: 2,
	startswith: 2,
	endswith: 2,
	substringof: 2,
	tolower: 1,
	toupper: 1,
	trim: 1,
	length: 1,
	year: 1,
	month: 1,
	day: 1,
};

type Token =
	| { kind: '(' | ')' | ',' | 'end'; pos: number }
	| { kind: 'literal'; pos: number }
	| { kind: 'word'; value: string; pos: number };

class FilterSyntaxError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(message);
	}
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const typedLiteral = /^(datetime|datetimeoffset|guid)'[^']*'/i;
	const dateLiteral = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?/i;
	const numberLiteral = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdDlLfF]?/;
	const word = /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*/;
	while (i < text.length) {
		const char = text[i];
		if (/\s/.test(char)) {
			i++;
			continue;
		}
		if (char === '(' || char === ')' || char === ',') {
			tokens.push({ kind: char, pos: i });
			i++;
			continue;
		}
		if (char === "'") {
			let j = i + 1;
			for (;;) {
				if (j >= text.length) throw new FilterSyntaxError('a text value in quotes is not closed (write a quote inside text as two quotes)', i);
				if (text[j] === "'") {
					if (text[j + 1] === "'") {
						j += 2;
						continue;
					}
					break;
				}
				j++;
			}
			tokens.push({ kind: 'literal', pos: i });
			i = j + 1;
			continue;
		}
		const rest = text.slice(i);
		const match = typedLiteral.exec(rest) ?? dateLiteral.exec(rest) ?? numberLiteral.exec(rest);
		if (match) {
			tokens.push({ kind: 'literal', pos: i });
			i += match[0].length;
			continue;
		}
		const name = word.exec(rest);
		if (name) {
			tokens.push({ kind: 'word', value: name[0], pos: i });
			i += name[0].length;
			continue;
		}
		throw new FilterSyntaxError(`the character "${char}" is not allowed`, i);
	}
	tokens.push({ kind: 'end', pos: text.length });
	return tokens;
}

/** Syntax check of a $filter: balanced quotes and parentheses, known operators and functions. */
export function checkFilterSyntax(text: string): void {
	const tokens = tokenize(text);
	let p = 0;
	const peek = () => tokens[p];
	const isWord = (value: string) => {
		const token = peek();
		return token.kind === 'word' && token.value.toLowerCase() === value;
	};
	const unexpected = (token: Token): FilterSyntaxError =>
		new FilterSyntaxError(token.kind === 'end' ? 'the expression ends too early' : `unexpected "${text.slice(token.pos).split(/\s/)[0]}"`, token.pos);

	const parseOr = (): void => {
		parseAnd();
		while (isWord('or')) {
			p++;
			parseAnd();
		}
	};
	const parseAnd = (): void => {
		parseUnary();
		while (isWord('and')) {
			p++;
			parseUnary();
		}
	};
	const parseUnary = (): void => {
		if (isWord('not')) {
			p++;
			parseUnary();
			return;
		}
		parseOperand();
		const token = peek();
		if (token.kind === 'word' && COMPARISONS.has(token.value.toLowerCase())) {
			p++;
			parseOperand();
		} else if (token.kind === 'word' && !['and', 'or'].includes(token.value.toLowerCase())) {
			throw new FilterSyntaxError(`unknown operator "${token.value}" (use eq, ne, gt, ge, lt, le, and, or, not)`, token.pos);
		}
	};
	const parseOperand = (): void => {
		const token = tokens[p++];
		if (token.kind === '(') {
			parseOr();
			const close = tokens[p++];
			if (close.kind !== ')') throw new FilterSyntaxError('a parenthesis is not closed', token.pos);
			return;
		}
		if (token.kind === 'literal') return;
		if (token.kind === 'word') {
			const lower = token.value.toLowerCase();
			if (peek().kind === '(') {
				const arity = FUNCTIONS[lower];
				if (arity === undefined) {
					throw new FilterSyntaxError(`unknown function "${token.value}" (use ${Object.keys(FUNCTIONS).join(', ')})`, token.pos);
				}
				p++;
				let count = 0;
				if (peek().kind !== ')') {
					parseOr();
					count++;
					while (peek().kind === ',') {
						p++;
						parseOr();
						count++;
					}
				}
				const close = tokens[p++];
				if (close.kind !== ')') throw new FilterSyntaxError(`the call of ${lower} is not closed`, token.pos);
				if (count !== arity) throw new FilterSyntaxError(`${lower} takes ${arity} argument${arity > 1 ? 's' : ''}, got ${count}`, token.pos);
				return;
			}
			if (COMPARISONS.has(lower) || ['and', 'or', 'not'].includes(lower)) throw unexpected(token);
			return; // a field name, true, false or null
		}
		throw unexpected(token);
	};

	parseOr();
	const last = peek();
	if (last.kind === ')') throw new FilterSyntaxError('a closing parenthesis has no opening one', last.pos);
	if (last.kind !== 'end') throw unexpected(last);
}

/** Validate a raw $filter, or a NodeOperationError naming the parameter and the position. */
export function requireValidFilter(node: INode, text: string, parameterName: string, itemIndex?: number): string {
	try {
		checkFilterSyntax(text);
	} catch (error) {
		if (!(error instanceof FilterSyntaxError)) throw asNodeError(node, error, itemIndex);
		throw new NodeOperationError(node, `"${parameterName}" is not a valid OData filter: ${error.message} at position ${error.position + 1}`, {
			itemIndex,
			description: "Example: name eq 'O''Brien Supplies Ltd' and balance gt 0. Text goes in single quotes; a quote inside text is written twice.",
		});
	}
	return text;
}

/** An OData string literal: single quotes, an embedded quote doubled. */
export const odataString = (value: string) => `'${value.replace(/'/g, "''")}'`;

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function requireFieldName(node: INode, value: unknown, parameterName: string, itemIndex: number): string {
	const name = typeof value === 'string' ? value.trim() : '';
	if (!FIELD_NAME.test(name)) {
		throw new NodeOperationError(node, `"${parameterName}" must be a field name such as reference or date_time_updated (got ${JSON.stringify(value)})`, {
			itemIndex,
		});
	}
	return name;
}

export type ValueType = 'string' | 'number' | 'boolean';

/** `field eq value`, the value written as the OData literal of its type. */
export function fieldEqualsClause(node: INode, field: string, value: unknown, valueType: ValueType, itemIndex: number): string {
	if (valueType === 'number') {
		const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
		if (!Number.isFinite(number)) {
			throw new NodeOperationError(node, `"Field Equals" value for ${field} must be a number (got ${JSON.stringify(value)})`, { itemIndex });
		}
		return `${field} eq ${number}`;
	}
	if (valueType === 'boolean') {
		const text = String(value).trim().toLowerCase();
		if (text !== 'true' && text !== 'false') {
			throw new NodeOperationError(node, `"Field Equals" value for ${field} must be true or false (got ${JSON.stringify(value)})`, { itemIndex });
		}
		return `${field} eq ${text}`;
	}
	return `${field} eq ${odataString(value === undefined || value === null ? '' : String(value))}`;
}

/** A date-time in the UTC form Sage 200 filters on, e.g. 2024-01-01T00:00:00Z. */
export function toSageUtc(node: INode, value: unknown, timezone: string, parameterName: string, itemIndex: number): string {
	let date: DateTime | undefined;
	if (DateTime.isDateTime(value)) date = value;
	else if (value instanceof Date) date = DateTime.fromJSDate(value);
	else if (typeof value === 'string' && value.trim()) date = DateTime.fromISO(value.trim(), { zone: timezone });
	if (!date || !date.isValid) {
		throw new NodeOperationError(node, `"${parameterName}" must be a date and time such as 2024-01-01T00:00:00Z (got ${JSON.stringify(value)})`, {
			itemIndex,
		});
	}
	return date.toUTC().toFormat("yyyy-MM-dd'T'HH:mm:ss'Z'");
}

/** A comma-separated list of field names ($select, $expand), normalised. */
export function requireFieldList(node: INode, value: unknown, parameterName: string, itemIndex?: number, allowPaths = false): string {
	const pattern = allowPaths ? /^[A-Za-z_][A-Za-z0-9_]*(\/[A-Za-z_][A-Za-z0-9_]*)*$/ : /^([A-Za-z_][A-Za-z0-9_]*|\*)$/;
	const names = String(value ?? '')
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const bad = names.find((name) => !pattern.test(name));
	if (bad !== undefined) {
		throw new NodeOperationError(node, `"${parameterName}" must list field names separated by commas; "${bad}" is not a field name`, { itemIndex });
	}
	return names.join(',');
}

/** $orderby terms ("name desc, id"); returns them normalised, or a NodeOperationError. */
export function requireOrderBy(node: INode, value: unknown, parameterName: string, itemIndex: number): Array<{ field: string; desc: boolean }> {
	const parts = String(value ?? '')
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
	return parts.map((part) => {
		const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?$/i.exec(part);
		if (!match) {
			throw new NodeOperationError(node, `"${parameterName}" must be fields with an optional asc or desc, e.g. "name desc, id" ("${part}" is not)`, {
				itemIndex,
			});
		}
		return { field: match[1], desc: (match[2] ?? 'asc').toLowerCase() === 'desc' };
	});
}
