import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

type Json = IDataObject | IDataObject[] | unknown;

const isObject = (value: unknown): value is IDataObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A GraphQL connection: `{ edges: [{ node }] }` (with `pageInfo`, `totalCount`, cursors beside it). */
const isConnection = (value: IDataObject) =>
	Array.isArray(value.edges) && value.edges.every((edge) => isObject(edge) && 'node' in edge);

interface UnwrapOptions {
	/** Entity reads: a collection `{ query: connection }` (xtrem) becomes its list, `$` members are dropped, truncation is noted. */
	records?: boolean;
	/** Paths of the connections that said Sage holds more entries than it sent. */
	truncated?: string[];
}

const hasMore = (connection: IDataObject) => isObject(connection.pageInfo) && connection.pageInfo.hasNextPage === true;

/** Connections become the list of their nodes, at any depth. */
function unwrapConnections(value: Json, depth = 0, options: UnwrapOptions = {}, path = ''): Json {
	// Sage's answers nest a few levels; a deeper value is left as it came.
	if (depth > 64) return value;
	if (Array.isArray(value)) return value.map((entry, index) => unwrapConnections(entry, depth + 1, options, `${path}[${index}]`));
	if (!isObject(value)) return value;
	if (isConnection(value)) {
		if (options.records && hasMore(value)) options.truncated?.push(path);
		return (value.edges as IDataObject[]).map((edge, index) => unwrapConnections(edge.node, depth + 1, options, `${path}[${index}]`));
	}
	// No GraphQL field can be named `$...`: such members are metadata the server added (X3's `$urls`), never selected data.
	const entries = Object.entries(value).filter(([key]) => !(options.records && key.startsWith('$')));
	if (options.records && entries.length === 1 && entries[0][0] === 'query' && isObject(entries[0][1]) && isConnection(entries[0][1])) {
		return unwrapConnections(entries[0][1], depth + 1, options, path);
	}
	const result: IDataObject = {};
	for (const [key, inner] of entries) result[key] = unwrapConnections(inner, depth + 1, options, path ? `${path}.${key}` : key) as IDataObject;
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

/** A nested collection (a record's lines, say) that Sage sent only part of: `pageInfo.hasNextPage` was true. */
export class TruncatedCollectionError extends Error {
	constructor(readonly paths: string[]) {
		super(`Sage sent only part of the collection ${paths.map((path) => `"${path}"`).join(', ')} (its pageInfo says there is more)`);
		this.name = 'TruncatedCollectionError';
	}
}

/** A record simplified, and the paths of its connections that said Sage holds more. */
function simplifyWithTruncation(record: IDataObject): { simplified: IDataObject; truncated: string[] } {
	const truncated: string[] = [];
	return { simplified: unwrapConnections(record, 0, { records: true, truncated }) as IDataObject, truncated };
}

/**
 * What "Simplify" makes of a record read by an entity operation (X3, SDMO): its connections, at any
 * depth, become lists of their records (`lines { edges { node } }` on X3's older schema, xtrem's
 * `lines { query { edges { node } } }` on SDMO and X3 V12), members named `$...` are dropped, and
 * everything else (references such as `customer { _id }` included) stays as Sage sent it. A
 * connection whose pageInfo says there is more throws TruncatedCollectionError: the rest would be
 * lost without a trace.
 */
export function simplifyEntityRecord(record: IDataObject): IDataObject {
	const { simplified, truncated } = simplifyWithTruncation(record);
	if (truncated.length) throw new TruncatedCollectionError(truncated);
	return simplified;
}

/** simplifyEntityRecord for an item: a truncated collection fails the item, naming Simplify and the way out. */
export function simplifyItemRecord(node: INode, record: IDataObject, itemIndex: number): IDataObject {
	const { simplified, truncated } = simplifyWithTruncation(record);
	if (truncated.length === 0) return simplified;
	throw new NodeOperationError(node, `${new TruncatedCollectionError(truncated).message}: "Simplify" would drop the rest`, {
		itemIndex,
		description: 'Ask for more entries in the Fields selection (first: on the collection), or turn off "Simplify" to get the collection as Sage sent it, with its pageInfo.',
	});
}
