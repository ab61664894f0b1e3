import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { perRun, runNodeCopy } from './node';

/** Reads an item's parameter, as `this.getNodeParameter.bind(this)` does. */
export type ParameterReader = (name: string, itemIndex: number, fallbackValue?: unknown) => unknown;

/** A JSON parameter (object), accepting both text and an object already resolved by an expression. */
export function parseJsonObjectParameter(node: INode, value: unknown, parameterName: string, itemIndex: number): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (typeof value === 'string') {
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(node, `"${parameterName}" is not valid JSON: ${(error as Error).message}`, {
				itemIndex,
				description: 'Enter a JSON object, for example {"code": "AE003"}.',
			});
		}
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	}
	throw new NodeOperationError(node, `"${parameterName}" must be a JSON object`, {
		itemIndex,
		description: 'Enter a JSON object, for example {"code": "AE003"}.',
	});
}

/** A positive whole number no larger than `max`, or a NodeOperationError naming the parameter. */
export function requirePositiveInteger(
	node: INode,
	value: unknown,
	parameterName: string,
	itemIndex: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > max) {
		throw new NodeOperationError(node, `"${parameterName}" must be a whole number from 1 to ${max} (got ${JSON.stringify(value)})`, {
			itemIndex,
		});
	}
	return number;
}

/** The value of a resource locator (`{__rl: true, mode, value}`), or the value itself (older workflows stored plain strings). */
export function locatorValueOf(value: unknown): unknown {
	return value !== null && typeof value === 'object' && !Array.isArray(value) && (value as IDataObject).__rl === true ? (value as IDataObject).value : value;
}

/** A non-empty trimmed string (a resource locator's value too), or a NodeOperationError naming the parameter. */
export function requireNonEmptyString(node: INode, raw: unknown, parameterName: string, itemIndex: number): string {
	const value = locatorValueOf(raw);
	if ((typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '') return String(value).trim();
	throw new NodeOperationError(node, `"${parameterName}" must not be empty`, { itemIndex });
}

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
	return chunks;
}

/** `={{ $json.a.b }}`, `={{ $json["a b"] }}`, `={{ $json.lines[0] }}`: a plain path into the item. */
const JSON_PATH_EXPRESSION = /^=\{\{\s*\$json((?:\s*\.\s*[A-Za-z_$][\w$]*|\s*\[\s*(?:'[^'\\]*'|"[^"\\]*"|\d+)\s*\])+)\s*\}\}$/;
const PATH_STEP = /\.\s*([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)"|(\d+))\s*\]/g;

/**
 * An item's parameter, as `getNodeParameter` gives it. A parameter that is only a path into the
 * input item (`{{ $json.code }}`, the usual way to map an item's key) is read straight from the
 * item: n8n evaluates every expression in an isolate, which costs about half a millisecond an
 * item and was most of the time of a 1,000-item lookup. Anything else, or a path that does not
 * end at a plain value, goes through readCachedParameter (n8n's evaluator, or the run's value of
 * a parameter without expressions). Nothing is cached per item.
 */
export function readMappedParameter(context: IExecuteFunctions, name: string, itemIndex: number, fallbackValue?: unknown): unknown {
	// A resource locator mapped from the item ({__rl, mode, value: '={{ $json.id }}'}) takes the same fast path.
	const raw = locatorValueOf(runNodeCopy(context).parameters[name] ?? fallbackValue);
	const match = typeof raw === 'string' ? JSON_PATH_EXPRESSION.exec(raw) : null;
	if (match) {
		let value: unknown = context.getInputData()[itemIndex]?.json;
		for (const step of match[1].matchAll(PATH_STEP)) {
			const key = step[1] ?? step[2] ?? step[3] ?? step[4];
			value = value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, key) ? (value as IDataObject)[key] : undefined;
			if (value === undefined) break;
		}
		if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	}
	return readCachedParameter(context, name, itemIndex, fallbackValue);
}

const holdsExpression = (value: unknown): boolean =>
	typeof value === 'string' ? value.startsWith('=') : value !== null && typeof value === 'object' && Object.values(value).some(holdsExpression);

function deepFreeze<T>(value: T): T {
	if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const inner of Object.values(value)) deepFreeze(inner);
	}
	return value;
}

/** Per node run: values of parameters without expressions, the same for every item. */
const runConstants = new WeakMap<object, Map<string, unknown>>();

/**
 * `getNodeParameter`, cached for the run when the parameter holds no expression (read once, for
 * every item); a parameter with an expression is asked of n8n for each item. n8n copies,
 * resolves and validates a parameter on every call, tens of microseconds each, several times an
 * item. The value is frozen: it is shared by every item of the run.
 */
export function readCachedParameter(
	context: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallbackValue?: unknown,
	options?: { extractValue?: boolean },
): unknown {
	const raw = name.includes('.') ? undefined : runNodeCopy(context).parameters[name];
	if (raw === undefined || holdsExpression(raw)) return context.getNodeParameter(name, itemIndex, fallbackValue, options);
	const constants = perRun(runConstants, context, () => new Map<string, unknown>());
	const key = options?.extractValue ? `${name}\0extract` : name;
	if (!constants.has(key)) constants.set(key, deepFreeze(context.getNodeParameter(name, itemIndex, fallbackValue, options)));
	return constants.get(key);
}

/** Values grouped by key, groups and their members in first-seen order. */
export function groupBy<K, T>(values: Iterable<T>, keyOf: (value: T) => K): Map<K, T[]> {
	const groups = new Map<K, T[]>();
	for (const value of values) {
		const key = keyOf(value);
		const members = groups.get(key);
		if (members) members.push(value);
		else groups.set(key, [value]);
	}
	return groups;
}
