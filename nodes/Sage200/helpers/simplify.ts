import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * OData's own members, never fields of a Sage 200 record (whose names are snake_case words):
 * instance annotations (`@odata.etag`, `odata.metadata`), property annotations
 * (`contacts@odata.count`) and the verbose format's `__metadata`.
 */
const isAnnotation = (key: string) => key.includes('@') || key.startsWith('odata.') || key === '__metadata';

/** Annotations that say an expanded collection holds more than was sent. */
const isNextLink = (key: string) => key.endsWith('@odata.nextLink') || key.endsWith('@odata.nextlink');

function strip(value: unknown, path: string, truncated: string[], depth: number): unknown {
	// Records nest a few levels (order → lines → items); a deeper value is left as it came.
	if (depth > 64) return value;
	if (Array.isArray(value)) return value.map((entry, index) => strip(entry, `${path}[${index}]`, truncated, depth + 1));
	if (!isObject(value)) return value;
	const result: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) {
		if (isNextLink(key)) truncated.push(path ? `${path}.${key.slice(0, key.indexOf('@'))}` : key.slice(0, key.indexOf('@')));
		if (isAnnotation(key)) continue;
		// The verbose format's link to a navigation property that was not expanded: no data.
		if (isObject(inner) && Object.keys(inner).length === 1 && '__deferred' in inner) continue;
		result[key] = strip(inner, path ? `${path}.${key}` : key, truncated, depth + 1) as IDataObject;
	}
	return result;
}

/**
 * Whether a value holds anything `strip` would remove or report. Most records hold none: they are
 * kept as Sage sent them instead of copied key by key (on a 12,000-record Get Many the copy cost
 * several times the JSON parse). Conservative: a `__deferred` key anywhere takes the full path.
 */
function hasAnnotations(value: unknown, depth: number): boolean {
	if (depth > 64) return false;
	if (Array.isArray(value)) {
		for (const entry of value) if (hasAnnotations(entry, depth + 1)) return true;
		return false;
	}
	if (!isObject(value)) return false;
	// for...in builds no key array per object; a record parsed from JSON has only own keys.
	for (const key in value) {
		if (isAnnotation(key) || key === '__deferred') return true;
		const inner = value[key];
		if (typeof inner === 'object' && inner !== null && hasAnnotations(inner, depth + 1)) return true;
	}
	return false;
}

/**
 * What "Simplify" makes of a Sage 200 record: the record as Sage sent it, nested records (order
 * lines, contacts, addresses) and their names included, without OData annotations. An expanded
 * collection that comes with a next link (only part of it was sent) fails the item instead: the
 * rest would be lost without a trace.
 */
export function simplifySage200Record(node: INode, record: IDataObject, itemIndex: number): IDataObject {
	if (!hasAnnotations(record, 0)) return record;
	const truncated: string[] = [];
	const simplified = strip(record, '', truncated, 0) as IDataObject;
	if (truncated.length) {
		throw new NodeOperationError(node, `Sage 200 sent only part of ${truncated.map((path) => `"${path}"`).join(', ')} (a next link came with it): "Simplify" would drop the rest`, {
			itemIndex,
			description: 'Turn off "Simplify" to get the record as Sage 200 sent it, with its next link, or read the collection with its own Get Many.',
		});
	}
	return simplified;
}
