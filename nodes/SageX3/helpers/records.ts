import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { executeGraphql, fetchConnectionNodes, readConnection, valueAtPath } from '../../shared/graphql';
import { simplifyItemRecord } from '../../shared/graphql/simplify';
import {
	buildListQuery,
	buildMutation,
	buildReadByKeysQuery,
	keyInFilter,
	type EntityDescriptor,
} from '../../shared/graphql/entities';
import type { SageConnection } from '../../shared/transport';
import { readByKey, type KeyRead } from '../../shared/records/read-by-key';
import { failedItem, inItemOrder, prepareItems, runNodeCopy } from '../../shared/utils';
import type { X3Session } from './session';

/** Largest page X3 serves. */
export const MAX_PAGE_SIZE = 100;

export interface KeyLookup extends KeyRead {
	folderUrl: string;
	entity: EntityDescriptor;
	selection: string;
	/** Simplify the record read (connections unwrapped, `$` metadata dropped). */
	simplify?: boolean;
}

const withKeyField = (selection: string, keyField: string) =>
	new RegExp(`(^|[\\s{])${keyField}($|[\\s}])`).test(selection) ? selection : `${keyField} ${selection}`;

/**
 * One request for many keys: aliased `read` calls where the entity has `read`, else an `$in`/`_in`
 * filter on its key field. The records in key order; undefined where X3 has none.
 */
export async function readBatch(this: IExecuteFunctions, connection: SageConnection, lookup: KeyLookup, keys: string[]): Promise<Array<IDataObject | undefined>> {
	const { entity, folderUrl, selection, itemIndex } = lookup;
	if (entity.read) {
		const built = buildReadByKeysQuery(entity, selection, keys);
		const result = await executeGraphql.call(this, connection, {
			url: folderUrl,
			query: built.query,
			variables: built.variables as IDataObject,
			isMutation: false,
			action: `Reading ${entity.name} records`,
			itemIndex,
		});
		return keys.map((_, index) => {
			const record = valueAtPath(result.data, built.aliasPath(index));
			return record && typeof record === 'object' ? (record as IDataObject) : undefined;
		});
	}
	const built = buildListQuery(entity, {
		selection: withKeyField(selection, entity.keyField),
		filter: keyInFilter(entity, entity.keyField, keys),
		pageSize: Math.min(MAX_PAGE_SIZE, keys.length),
	});
	const result = await executeGraphql.call(this, connection, {
		url: folderUrl,
		query: built.query,
		variables: { ...(built.variables as IDataObject), [built.afterVariable]: null },
		isMutation: false,
		action: `Reading ${entity.name} records`,
		itemIndex,
	});
	const found = new Map<string, IDataObject>();
	for (const record of readConnection(result.data, built.path)?.nodes ?? []) found.set(String(record[entity.keyField]), record);
	return keys.map((key) => found.get(key));
}

export interface ListOptions {
	folderUrl: string;
	entity: EntityDescriptor;
	selection: string;
	filter?: string;
	orderBy?: string;
	/** Undefined: every record. */
	limit?: number;
	itemIndex: number;
	/** Each page's records in turn instead of collecting them (see fetchConnectionNodes). */
	onPage?: (records: IDataObject[]) => Promise<void>;
}

/** Page through a connection (cursor passed as a variable) until done or `limit` records. */
export async function listRecords(this: IExecuteFunctions, session: X3Session, options: ListOptions): Promise<IDataObject[]> {
	const { connection } = await session.connection();
	const built = buildListQuery(options.entity, {
		selection: options.selection,
		filter: options.filter,
		orderBy: options.orderBy,
		pageSize: Math.min(MAX_PAGE_SIZE, options.limit ?? MAX_PAGE_SIZE),
	});
	const result = await fetchConnectionNodes.call(this, connection, {
		url: options.folderUrl,
		query: built.query,
		variables: built.variables as IDataObject,
		path: built.path,
		afterVariable: built.afterVariable,
		limit: options.limit,
		action: `Listing ${options.entity.name} records`,
		itemIndex: options.itemIndex,
		onPage: options.onPage,
	});
	return result.nodes;
}

export type WriteKind = 'create' | 'update' | 'delete';

/** Run create/update/delete with every value passed as a GraphQL variable, never spliced in. */
export async function writeRecord(
	this: IExecuteFunctions,
	session: X3Session,
	options: { folderUrl: string; entity: EntityDescriptor; kind: WriteKind; selection: string; argumentValues: IDataObject; itemIndex: number },
): Promise<unknown> {
	const { entity, kind, itemIndex } = options;
	if (!entity.mutations[kind]) {
		throw new NodeOperationError(this.getNode(), `The entity "${entity.key}" has no ${kind} mutation in this folder`, { itemIndex });
	}
	const { connection } = await session.connection();
	const built = buildMutation(entity, kind, options.selection, options.argumentValues);
	const result = await executeGraphql.call(this, connection, {
		url: options.folderUrl,
		query: built.query,
		variables: built.variables as IDataObject,
		isMutation: true,
		action: `${kind.charAt(0).toUpperCase()}${kind.slice(1).replace(/e$/, '')}ing a ${entity.name}`,
		itemIndex,
	});
	return valueAtPath(result.data, built.path);
}

/**
 * Every item's parameters checked first (`prepare`, no I/O), then each good item resolved in turn
 * (`resolve`: its folder and entity from the schema): the resolved items, and the error items of
 * those that failed either step (Continue On Fail; otherwise the first failure stops the run).
 */
export async function prepareAndResolve<P, T>(
	context: IExecuteFunctions,
	itemCount: number,
	prepare: (itemIndex: number) => P,
	resolve: (value: P, itemIndex: number) => Promise<T>,
): Promise<{ resolved: T[]; failed: INodeExecutionData[] }> {
	const { prepared, failed } = prepareItems(context, itemCount, prepare);
	const resolved: T[] = [];
	for (const { itemIndex, value } of prepared) {
		try {
			resolved.push(await resolve(value, itemIndex));
		} catch (error) {
			failed.push(failedItem.call(context, error, itemIndex));
		}
	}
	return { resolved, failed };
}

/**
 * Get by key for every item: parameters are checked first (`prepare`, no I/O), then each item's
 * lookup is resolved (folder, entity) and all keys are read in shared requests, one per folder,
 * entity, selection and up to 100 keys. The output is in input order: a record, or (with
 * Continue On Fail) an error item.
 */
export async function lookupEach<T>(
	context: IExecuteFunctions,
	session: X3Session,
	itemCount: number,
	prepare: (itemIndex: number) => T,
	resolve: (value: T, itemIndex: number) => Promise<KeyLookup>,
): Promise<INodeExecutionData[]> {
	const { resolved: lookups, failed: output } = await prepareAndResolve(context, itemCount, prepare, resolve);
	const simplified = new Set(lookups.filter((lookup) => lookup.simplify).map((lookup) => lookup.itemIndex));
	const { connection } = await session.connection();
	const read = await readByKey(context, lookups, {
		groupOf: (lookup) => `${lookup.folderUrl}\n${lookup.entity.key}\n${lookup.selection}`,
		readBatch: async (first, keys) => await readBatch.call(context, connection, first, keys),
		notFound: ({ entity }, lookup) =>
			new NodeOperationError(context.getNode(), `No ${entity.name} with ${entity.keyField} "${lookup.key}" was found`, {
				itemIndex: lookup.itemIndex,
				description: 'Check the key and the folder.',
			}),
		finish: (record, itemIndex) => (simplified.has(itemIndex) ? simplifyItemRecord(runNodeCopy(context), record, itemIndex) : record),
	});
	return inItemOrder([...output, ...read]);
}
