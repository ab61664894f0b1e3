import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { executeGraphql, fetchConnectionNodes, readConnection, valueAtPath } from '../../shared/graphql';
import {
	buildListQuery,
	buildMutation,
	buildReadManyQuery,
	keyInFilter,
	type EntityDescriptor,
} from '../../shared/graphql/entities';
import { chunk, failedItem, groupBy, inItemOrder, LOOKUP_CONCURRENCY, prepareItems, runBounded } from '../../shared/utils';
import type { X3Session } from './session';

/** Largest page X3 serves. */
export const MAX_PAGE_SIZE = 100;

/** Keys per request when reading many records by key: an `$in` filter's answer must fit one page. */
export const KEYS_PER_REQUEST = MAX_PAGE_SIZE;

export interface KeyLookup {
	itemIndex: number;
	folderUrl: string;
	entity: EntityDescriptor;
	key: string;
	selection: string;
}

export type LookupOutcome = { itemIndex: number; record: IDataObject } | { itemIndex: number; error: Error };

const withKeyField = (selection: string, keyField: string) =>
	new RegExp(`(^|[\\s{])${keyField}($|[\\s}])`).test(selection) ? selection : `${keyField} ${selection}`;

/**
 * Read records by key for many items at once: one request per folder, entity, selection and
 * up to KEYS_PER_REQUEST keys. A key Sage does not know fails only its own item.
 */
export async function readRecordsByKey(this: IExecuteFunctions, session: X3Session, lookups: KeyLookup[]): Promise<LookupOutcome[]> {
	const groups = groupBy(lookups, (lookup) => `${lookup.folderUrl}\n${lookup.entity.key}\n${lookup.selection}`);
	const batches: Array<{ batch: string[]; batchMembers: KeyLookup[] }> = [];
	for (const members of groups.values()) {
		const byKey = groupBy(members, (member) => member.key);
		for (const batch of chunk([...byKey.keys()], KEYS_PER_REQUEST)) {
			batches.push({ batch, batchMembers: batch.flatMap((key) => byKey.get(key) ?? []) });
		}
	}
	const outcomes: LookupOutcome[] = [];
	const { connection } = await session.connection();
	await runBounded(batches.length, LOOKUP_CONCURRENCY, async (index) => {
		const { batch, batchMembers } = batches[index];
		const { entity, folderUrl, selection } = batchMembers[0];
		const found = new Map<string, IDataObject>();
		try {
			if (entity.read) {
				const built = buildReadManyQuery(entity, selection, batch);
				const result = await executeGraphql.call(this, connection, {
					url: folderUrl,
					query: built.query,
					variables: built.variables as IDataObject,
					isMutation: false,
					action: `Reading ${entity.name} records`,
					itemIndex: batchMembers[0].itemIndex,
				});
				batch.forEach((key, index) => {
					const record = valueAtPath(result.data, built.aliasPath(index));
					if (record && typeof record === 'object') found.set(key, record as IDataObject);
				});
			} else {
				const built = buildListQuery(entity, {
					selection: withKeyField(selection, entity.keyField),
					filter: keyInFilter(entity, entity.keyField, batch),
					pageSize: Math.min(MAX_PAGE_SIZE, batch.length),
				});
				const result = await executeGraphql.call(this, connection, {
					url: folderUrl,
					query: built.query,
					variables: { ...(built.variables as IDataObject), [built.afterVariable]: null },
					isMutation: false,
					action: `Reading ${entity.name} records`,
					itemIndex: batchMembers[0].itemIndex,
				});
				for (const record of readConnection(result.data, built.path)?.nodes ?? []) {
					found.set(String(record[entity.keyField]), record);
				}
			}
		} catch (error) {
			for (const member of batchMembers) outcomes.push({ itemIndex: member.itemIndex, error: error as Error });
			return;
		}
		for (const member of batchMembers) {
			const record = found.get(member.key);
			outcomes.push(
				record
					? { itemIndex: member.itemIndex, record }
					: {
							itemIndex: member.itemIndex,
							error: new NodeOperationError(this.getNode(), `No ${entity.name} with ${entity.keyField} "${member.key}" was found`, {
								itemIndex: member.itemIndex,
								description: 'Check the key and the folder.',
							}),
						},
			);
		}
	});
	return outcomes.sort((a, b) => a.itemIndex - b.itemIndex);
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
 * Get by key for every item: parameters are checked first (`prepare`, no I/O), then each item's
 * lookup is resolved (folder, entity) and all keys are read in shared requests. The output is in
 * input order: a record, or (with Continue On Fail) an error item.
 */
export async function lookupEach<T>(
	context: IExecuteFunctions,
	session: X3Session,
	itemCount: number,
	prepare: (itemIndex: number) => T,
	resolve: (value: T, itemIndex: number) => Promise<KeyLookup>,
): Promise<INodeExecutionData[]> {
	const { prepared, failed } = prepareItems(context, itemCount, prepare);
	const output = [...failed];
	const lookups: KeyLookup[] = [];
	for (const { itemIndex, value } of prepared) {
		try {
			lookups.push(await resolve(value, itemIndex));
		} catch (error) {
			output.push(failedItem.call(context, error, itemIndex));
		}
	}
	for (const outcome of await readRecordsByKey.call(context, session, lookups)) {
		output.push('error' in outcome ? failedItem.call(context, outcome.error, outcome.itemIndex) : { json: outcome.record, pairedItem: { item: outcome.itemIndex } });
	}
	return inItemOrder(output);
}
