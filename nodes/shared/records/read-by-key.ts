import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { LOOKUP_CONCURRENCY, runBounded } from '../utils/concurrency';
import { failedItem } from '../utils/items';
import { chunk, groupBy } from '../utils/parameters';

/**
 * Keys per request when many items are read by key. X3 serves at most 100 records a page, so the
 * answer of an `$in` filter on 100 keys fits one page; 100 aliased `read` calls stay a small query.
 */
export const KEYS_PER_REQUEST = 100;

/** One item's read: the key it asks for and whatever its node needs to build the request. */
export interface KeyRead {
	itemIndex: number;
	key: string;
}

export interface ReadByKeyOptions<T extends KeyRead, G> {
	/** Items that can share a request: the same endpoint, entity and selection. */
	groupOf: (item: T) => string;
	/** What a group's requests need (entity, URL), once per group; a failure fails its items. Default: the first item. */
	resolveGroup?: (first: T) => Promise<G>;
	/** One request for up to KEYS_PER_REQUEST keys: the record read for each key, in key order (undefined: not found). */
	readBatch: (group: G, keys: string[], items: T[]) => Promise<Array<IDataObject | undefined>>;
	/** The error of an item whose key Sage does not know. */
	notFound: (group: G, item: T) => Error;
	/** Items asking the same key share one key of a request (default), or each sends its own. */
	shareKeys?: boolean;
	/** A failed request is read again key by key, so Sage's error lands on the item that caused it. */
	retryOneByOne?: boolean;
	/** What an item outputs of its record (Simplify, say); a throw fails that item only. Default: the record. */
	finish?: (record: IDataObject, itemIndex: number) => IDataObject;
}

interface Slot<T> {
	key: string;
	items: T[];
}

type KeyBatchOptions<T extends KeyRead, G> = Omit<ReadByKeyOptions<T, G>, 'notFound'> & {
	/** The error of a key Sage does not know; without it such a key is kept as found nothing. */
	notFound?: (group: G, item: T) => Error;
};

/** One item's lookup: its record, nothing (a key Sage does not know, when that is no error), or the error. */
export type KeyLookupResult = { itemIndex: number; record?: IDataObject } | { itemIndex: number; error: unknown };

/**
 * The batched reads behind readByKey and findByKey: one request per group and KEYS_PER_REQUEST
 * keys, LOOKUP_CONCURRENCY in flight. Without Continue On Fail no request starts once an item has
 * failed. Results are sorted by item index; items whose group failed to resolve come first.
 */
async function readKeyBatches<T extends KeyRead, G>(context: IExecuteFunctions, items: T[], options: KeyBatchOptions<T, G>): Promise<KeyLookupResult[]> {
	const resolveFailed: KeyLookupResult[] = [];
	const batches: Array<{ group: G; slots: Array<Slot<T>> }> = [];
	const stopOnFailure = !context.continueOnFail();
	for (const members of groupBy(items, options.groupOf).values()) {
		let group: G;
		try {
			group = options.resolveGroup ? await options.resolveGroup(members[0]) : (members[0] as unknown as G);
		} catch (error) {
			for (const item of members) resolveFailed.push({ itemIndex: item.itemIndex, error });
			if (stopOnFailure) break;
			continue;
		}
		const bySlot = groupBy(members, (item) => (options.shareKeys === false ? String(item.itemIndex) : item.key));
		const slots = [...bySlot.values()].map((slotItems) => ({ key: slotItems[0].key, items: slotItems }));
		for (const batch of chunk(slots, KEYS_PER_REQUEST)) batches.push({ group, slots: batch });
	}

	const outcomes: KeyLookupResult[] = [];
	let failed = resolveFailed.length > 0;
	const fail = (slot: Slot<T>, error: unknown) => {
		failed = true;
		for (const item of slot.items) outcomes.push({ itemIndex: item.itemIndex, error });
	};
	const read = async (group: G, slots: Array<Slot<T>>) => {
		const records = await options.readBatch(
			group,
			slots.map((slot) => slot.key),
			slots.flatMap((slot) => slot.items),
		);
		slots.forEach((slot, position) => {
			const record = records[position];
			if (!record && options.notFound) {
				failed = true;
				for (const item of slot.items) outcomes.push({ itemIndex: item.itemIndex, error: options.notFound(group, item) });
			} else {
				for (const item of slot.items) outcomes.push({ itemIndex: item.itemIndex, record });
			}
		});
	};
	await runBounded(batches.length, LOOKUP_CONCURRENCY, async (index) => {
		if (failed && stopOnFailure) return;
		const { group, slots } = batches[index];
		try {
			await read(group, slots);
		} catch (error) {
			if (!options.retryOneByOne || slots.length === 1) {
				for (const slot of slots) fail(slot, error);
				return;
			}
			for (const slot of slots) {
				if (failed && stopOnFailure) return;
				try {
					await read(group, [slot]);
				} catch (slotError) {
					fail(slot, slotError);
				}
			}
		}
	});
	return [...resolveFailed, ...outcomes.sort((a, b) => a.itemIndex - b.itemIndex)];
}

/**
 * Read records by key for many items at once: one request per group and KEYS_PER_REQUEST keys,
 * LOOKUP_CONCURRENCY requests in flight. A key Sage does not know fails only its own item. Without
 * Continue On Fail no request starts once an item has failed, and the first failed item's error
 * is thrown. The output is in input order: a record, or (with Continue On Fail) an error item.
 */
export async function readByKey<T extends KeyRead, G = T>(
	context: IExecuteFunctions,
	items: T[],
	options: ReadByKeyOptions<T, G>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (const outcome of await readKeyBatches(context, items, options)) {
		if ('error' in outcome) {
			output.push(failedItem.call(context, outcome.error, outcome.itemIndex));
			continue;
		}
		try {
			const json = options.finish ? options.finish(outcome.record!, outcome.itemIndex) : outcome.record!;
			output.push({ json, pairedItem: { item: outcome.itemIndex } });
		} catch (error) {
			output.push(failedItem.call(context, error, outcome.itemIndex));
		}
	}
	return output;
}

/**
 * Which keys Sage knows, for many items at once (the lookup of an upsert): the same batched
 * requests as readByKey, but a key Sage does not know is a result (no record), not an error.
 * Errors are returned, never thrown: the caller decides what a failed lookup means for its items.
 */
export async function findByKey<T extends KeyRead, G = T>(
	context: IExecuteFunctions,
	items: T[],
	options: Omit<ReadByKeyOptions<T, G>, 'notFound'>,
): Promise<KeyLookupResult[]> {
	return await readKeyBatches(context, items, options);
}
