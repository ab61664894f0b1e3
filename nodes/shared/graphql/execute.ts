import type { IDataObject } from 'n8n-workflow';

import { diagnosesOf, sageApiError, sageRequest, type SageConnection, type SageContext, type SageResponse } from '../transport';
import { PagingGuard } from '../utils/paging-limits';

export interface GraphqlRequest {
	url: string;
	query: string;
	variables?: IDataObject;
	operationName?: string;
	/** Queries are retried on transient failures; mutations only where Sage provably did not run them. */
	isMutation: boolean;
	action?: string;
	itemIndex?: number;
}

export interface GraphqlResult {
	data: IDataObject;
	/** Warnings Sage attached to a successful response (xtrem diagnoses). */
	warnings: string[];
}

/** POST a GraphQL operation; `errors[]` in the answer (even with HTTP 200) become a NodeApiError. */
export async function executeGraphql(
	this: SageContext,
	connection: SageConnection,
	request: GraphqlRequest,
): Promise<GraphqlResult> {
	const response = (await sageRequest.call(this, connection, {
			method: 'POST',
			url: request.url,
			body: {
				query: request.query,
				variables: request.variables ?? {},
				...(request.operationName ? { operationName: request.operationName } : {}),
			},
			headers: { 'content-type': 'application/json' },
			idempotent: !request.isMutation,
			action: request.action,
			itemIndex: request.itemIndex,
	})) as SageResponse<IDataObject>;
	const body = response.body ?? {};
	if (Array.isArray(body.errors) && body.errors.length > 0) {
		throw sageApiError(this.getNode(), { status: response.statusCode, body }, { action: request.action, itemIndex: request.itemIndex });
	}
	return { data: (body.data as IDataObject) ?? {}, warnings: diagnosesOf(body) };
}

/** Value at a dot path of response keys, or undefined when a segment is missing or null. */
export function valueAtPath(data: unknown, path: string[]): unknown {
	let current: unknown = data;
	for (const segment of path) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as IDataObject)[segment];
	}
	return current;
}

export interface ConnectionPage {
	nodes: IDataObject[];
	hasNextPage: boolean;
	endCursor?: string;
	totalCount?: number;
}

/** Read a Relay connection (`edges { node cursor } pageInfo`, or `nodes`) found at `path`. */
export function readConnection(data: unknown, path: string[]): ConnectionPage | undefined {
	const connection = valueAtPath(data, path) as IDataObject | null | undefined;
	if (!connection || typeof connection !== 'object') return undefined;
	const edges = Array.isArray(connection.edges) ? (connection.edges as IDataObject[]) : undefined;
	const nodes = edges
		? edges.map((edge) => (edge?.node ?? {}) as IDataObject)
		: Array.isArray(connection.nodes)
			? (connection.nodes as IDataObject[])
			: [];
	const pageInfo = (connection.pageInfo ?? {}) as IDataObject;
	const lastEdgeCursor = edges?.length ? (edges[edges.length - 1]?.cursor as string | undefined) : undefined;
	return {
		nodes,
		hasNextPage: pageInfo.hasNextPage === true,
		endCursor: (pageInfo.endCursor as string | undefined) ?? lastEdgeCursor,
		totalCount: typeof connection.totalCount === 'number' ? connection.totalCount : undefined,
	};
}

export interface PagingRequest extends Omit<GraphqlRequest, 'isMutation'> {
	path: string[];
	/** Variable the query uses for `after` (see prepareConnectionPaging). */
	afterVariable: string;
	/** Stop once this many nodes were collected (undefined: all). */
	limit?: number;
	/**
	 * Each page's nodes in turn, awaited before the next page is asked for, instead of collecting
	 * them (the result's `nodes` is then empty and `count` says how many were handed over).
	 */
	onPage?: (nodes: IDataObject[]) => Promise<void>;
}

/**
 * Follow a connection page by page, passing each `endCursor` as the `after` variable, until
 * `hasNextPage` is false or `limit` nodes were read. The shared paging ceilings stop a server
 * that never finishes: a cursor seen before, empty pages in a row that still announce more, and
 * the page and record ceilings.
 */
export async function fetchConnectionNodes(
	this: SageContext,
	connection: SageConnection,
	request: PagingRequest,
): Promise<{ nodes: IDataObject[]; count: number; pages: number; totalCount?: number; warnings: string[] }> {
	const nodes: IDataObject[] = [];
	let count = 0;
	const warnings = new Set<string>();
	const guard = new PagingGuard({ node: this.getNode(), action: request.action, itemIndex: request.itemIndex });
	let after: string | undefined = (request.variables?.[request.afterVariable] as string | undefined) ?? undefined;
	let totalCount: number | undefined;
	for (;;) {
		const result = await executeGraphql.call(this, connection, {
			...request,
			isMutation: false,
			variables: { ...request.variables, [request.afterVariable]: after ?? null },
		});
		// The same warning on every page is one warning, not one per page.
		for (const warning of result.warnings) warnings.add(warning);
		const page = readConnection(result.data, request.path);
		if (!page) {
			throw sageApiError(this.getNode(), { body: { message: `The response has no connection at "${request.path.join('.')}"` } }, {
				action: request.action,
				itemIndex: request.itemIndex,
			});
		}
		totalCount ??= page.totalCount;
		const room = request.limit === undefined ? page.nodes.length : Math.max(0, request.limit - count);
		const taken = room < page.nodes.length ? page.nodes.slice(0, room) : page.nodes;
		count += taken.length;
		if (request.onPage) await request.onPage(taken);
		else for (const node of taken) nodes.push(node);
		const done = !page.hasNextPage || !page.endCursor || (request.limit !== undefined && count >= request.limit);
		if (done) return { nodes, count, pages: guard.pages + 1, totalCount, warnings: [...warnings] };
		guard.check({ records: page.nodes.length, next: page.endCursor });
		after = page.endCursor;
	}
}
