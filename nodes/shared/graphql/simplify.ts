import type { IDataObject } from 'n8n-workflow';

type Json = IDataObject | IDataObject[] | unknown;

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A GraphQL connection: `{ edges: [{ node }] }` (with `pageInfo`, `totalCount`, cursors beside it). */
const isConnection = (value: IDataObject) =>
	Array.isArray(value.edges) && value.edges.every((edge) => isObject(edge) && 'node' in edge);

/** Connections become the list of their nodes, at any depth. */
function unwrapConnections(value: Json, depth = 0): Json {
	// Sage's answers nest a few levels; a deeper value is left as it came.
	if (depth > 64) return value;
	if (Array.isArray(value)) return value.map((entry) => unwrapConnections(entry, depth + 1));
	if (!isObject(value)) return value;
	if (isConnection(value)) return (value.edges as IDataObject[]).map((edge) => unwrapConnections(edge.node, depth + 1));
	const result: IDataObject = {};
	for (const [key, inner] of Object.entries(value)) result[key] = unwrapConnections(inner, depth + 1) as IDataObject;
	return result;
}

/**
 * What "Simplify" makes of a GraphQL answer: connections unwrapped to their nodes, then the
 * namespaces Sage wraps every answer in (`xtremMasterData.customer.query`, `x3MasterData...`)
 * walked down while they hold one key: a list at the end gives one item per record, anything else
 * one item.
 */
export function simplifyGraphqlData(data: IDataObject): IDataObject[] {
	let value = unwrapConnections(data);
	while (isObject(value) && Object.keys(value).length === 1) value = Object.values(value)[0];
	if (Array.isArray(value)) return value.map((entry) => (isObject(entry) ? entry : { value: entry as never }));
	return [isObject(value) ? value : { value: value as never }];
}

/** A record's own nested connections (order lines and the like) unwrapped, for paged and entity reads. */
export function simplifyRecord(record: IDataObject): IDataObject {
	return unwrapConnections(record) as IDataObject;
}
