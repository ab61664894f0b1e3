import { NodeOperationError, type INode } from 'n8n-workflow';

import { checkSelection } from '../../shared/graphql';

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

class LiteralError extends Error {
	constructor(
		message: string,
		readonly position: number,
	) {
		super(message);
	}
}

/**
 * Parse Sage's filter/orderBy dialect: JSON with single or double quotes and unquoted keys
 * (`{code: {$in: ['AE1', 'AE2']}}`). Never evaluated: only checked and passed on as text.
 */
export function parseSageLiteral(text: string): Value {
	let i = 0;
	const fail = (message: string): never => {
		throw new LiteralError(message, i);
	};
	const whitespace = () => {
		while (i < text.length && /\s/.test(text[i])) i++;
	};
	const string = (): string => {
		const quote = text[i++];
		let out = '';
		while (i < text.length && text[i] !== quote) {
			if (text[i] === '\\') i++;
			if (i >= text.length) break;
			out += text[i++];
		}
		if (i >= text.length) fail('unterminated string');
		i++;
		return out;
	};
	const key = (): string => {
		whitespace();
		if (text[i] === "'" || text[i] === '"') return string();
		const match = /^[A-Za-z_$][\w$]*/.exec(text.slice(i));
		if (!match) return fail('expected a property name');
		i += match[0].length;
		return match[0];
	};
	const list = <T>(close: string, element: () => T): T[] => {
		i++;
		const out: T[] = [];
		whitespace();
		if (text[i] === close) {
			i++;
			return out;
		}
		for (;;) {
			out.push(element());
			whitespace();
			if (text[i] === ',') {
				i++;
				whitespace();
				if (text[i] === close) break;
				continue;
			}
			if (text[i] === close) break;
			fail(`expected ',' or '${close}'`);
		}
		i++;
		return out;
	};
	const value = (): Value => {
		whitespace();
		const c = text[i];
		if (c === '{') {
			return Object.fromEntries(
				list('}', () => {
					const name = key();
					whitespace();
					if (text[i] !== ':') fail("expected ':'");
					i++;
					return [name, value()] as const;
				}),
			);
		}
		if (c === '[') return list(']', value);
		if (c === "'" || c === '"') return string();
		const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
		if (number) {
			i += number[0].length;
			return Number(number[0]);
		}
		const word = /^(true|false|null)\b/.exec(text.slice(i));
		if (word) {
			i += word[0].length;
			return word[0] === 'null' ? null : word[0] === 'true';
		}
		return fail(c === undefined ? 'unexpected end of input' : `unexpected character '${c}'`);
	};
	const result = value();
	whitespace();
	if (i < text.length) fail('unexpected characters after the end');
	return result;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function parseObjectParameter(node: INode, raw: unknown, parameterName: string, example: string, itemIndex: number) {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	if (isPlainObject(raw)) return { text: JSON.stringify(raw), value: raw };
	if (typeof raw === 'string') {
		try {
			const value = parseSageLiteral(raw.trim());
			if (isPlainObject(value)) return { text: raw.trim(), value };
		} catch (error) {
			const where = error instanceof LiteralError ? ` at position ${error.position + 1}: ${error.message}` : '';
			throw new NodeOperationError(node, `The parameter "${parameterName}" is not a valid Sage expression${where}`, {
				itemIndex,
				description: `Write an object such as ${example}; nothing was sent to Sage.`,
			});
		}
	}
	throw new NodeOperationError(node, `The parameter "${parameterName}" must be an object such as ${example}`, { itemIndex });
}

/** A Sage filter (`{code: 'AE003'}`, `{code: {$in: [...]}}`) checked locally; returned as text. */
export function requireFilter(node: INode, raw: unknown, parameterName: string, itemIndex: number): string | undefined {
	return parseObjectParameter(node, raw, parameterName, "{code: {$regex: '^AE1'}}", itemIndex)?.text;
}

/** A Sage orderBy (`{code: 1}`, `{companyName: -1}`): every value must be 1 or -1. */
export function requireOrderBy(node: INode, raw: unknown, parameterName: string, itemIndex: number): string | undefined {
	const parsed = parseObjectParameter(node, raw, parameterName, '{code: 1}', itemIndex);
	if (!parsed) return undefined;
	const wrong = Object.entries(parsed.value).find(([, direction]) => direction !== 1 && direction !== -1);
	if (wrong) {
		throw new NodeOperationError(node, `The parameter "${parameterName}" sorts "${wrong[0]}" by ${JSON.stringify(wrong[1])}: use 1 (ascending) or -1 (descending)`, {
			itemIndex,
		});
	}
	return parsed.text;
}

/** A GraphQL selection ("code companyName address { city }"), syntax-checked locally. */
export function requireSelection(node: INode, raw: unknown, parameterName: string, itemIndex: number, fallback: string): string {
	const selection = (Array.isArray(raw) ? raw.join(' ') : typeof raw === 'string' ? raw : '').trim() || fallback;
	checkSelection(node, selection, parameterName, itemIndex);
	return selection;
}
