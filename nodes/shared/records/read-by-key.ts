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
}

interface Slot<T> {
	key: string;
	items: T[];
}

type Outcome = { itemIndex: number; record: IDataObject } | { itemIndex: number; error: unknown };

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
	const resolveFailed: INodeExecutionData[] = [];
	const batches: Array<{ group: G; slots: Array<Slot<T>> }> = [];
	for (const members of groupBy(items, options.groupOf).values()) {
		let group: G;
		try {
			group = options.resolveGroup ? await options.resolveGroup(members[0]) : (members[0] as unknown as G);
		} catch (error) {
			for (const item of members) resolveFailed.push(failedItem.call(context, error, item.itemIndex));
			continue;
		}
		const bySlot = groupBy(members, (item) => (options.shareKeys === false ? String(item.itemIndex) : item.key));
		const slots = [...bySlot.values()].map((slotItems) => ({ key: slotItems[0].key, items: slotItems }));
		for (const batch of chunk(slots, KEYS_PER_REQUEST)) batches.push({ group, slots: batch });
	}

	const outcomes: Outcome[] = [];
	const stopOnFailure = !context.continueOnFail();
	let failed = false;
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
			if (!record) {
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

	const output = [...resolveFailed];
	for (const outcome of outcomes.sort((a, b) => a.itemIndex - b.itemIndex)) {
		output.push('error' in outcome ? failedItem.call(context, outcome.error, outcome.itemIndex) : { json: outcome.record, pairedItem: { item: outcome.itemIndex } });
	}
	return output;
}
