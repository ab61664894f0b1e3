import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runBounded } from '../utils/concurrency';
import { failedItem, inItemOrder } from '../utils/items';
import { groupBy, requirePositiveInteger } from '../utils/parameters';
import type { KeyLookupResult } from './read-by-key';

export type DuplicateKeys = 'fail' | 'merge';

/** Writes in flight at once by default: writes to different records do not wait for each other. */
export const DEFAULT_WRITE_CONCURRENCY = 10;

export const MAX_WRITE_CONCURRENCY = 20;

/** The options every Create or Update operation has, in the three nodes. */
export const upsertOptionsProperty: INodeProperties = {
	displayName: 'Upsert Options',
	name: 'upsertOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'On Duplicate Keys',
			name: 'duplicateKeys',
			type: 'options',
			options: [
				{
					name: 'Fail Those Items',
					value: 'fail',
					description: 'Items giving a key another item also gives fail, and none of them is written',
				},
				{
					name: 'Merge Into One Write',
					value: 'merge',
					description: 'Items with the same key are written once, their fields merged in item order (later items win); each of them reports that write',
				},
			],
			default: 'fail',
			description: 'What to do when several input items give the same key: a record is never written twice in one run',
		},
		{
			displayName: 'Writes in Parallel',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_WRITE_CONCURRENCY },
			default: DEFAULT_WRITE_CONCURRENCY,
			description: `How many creates and updates are sent at the same time (1 to ${MAX_WRITE_CONCURRENCY}); each record is written by one of them`,
		},
	],
};

export interface UpsertSettings {
	duplicateKeys: DuplicateKeys;
	concurrency: number;
}

/** The run's upsert options, checked (the same for every item: read from the first). */
export function readUpsertSettings(context: IExecuteFunctions): UpsertSettings {
	const raw = (context.getNodeParameter('upsertOptions', 0, {}) ?? {}) as IDataObject;
	const duplicateKeys = raw.duplicateKeys ?? 'fail';
	if (duplicateKeys !== 'fail' && duplicateKeys !== 'merge') {
		throw new NodeOperationError(context.getNode(), `"On Duplicate Keys" must be "fail" or "merge", got ${JSON.stringify(duplicateKeys)}`, { itemIndex: 0 });
	}
	const concurrency = requirePositiveInteger(context.getNode(), raw.concurrency ?? DEFAULT_WRITE_CONCURRENCY, 'Writes in Parallel', 0, MAX_WRITE_CONCURRENCY);
	return { duplicateKeys, concurrency };
}

/** One item of an upsert once its parameters are read: its key, where it goes, and its fields. */
export interface UpsertItem {
	itemIndex: number;
	key: string;
	/** Items that may be the same record: the same folder, entity or company (and key field). */
	group: string;
	data: IDataObject;
}

export interface UpsertOptions<T extends UpsertItem> {
	settings: UpsertSettings;
	/** Keys that name the same record in Sage, e.g. without case where Sage compares without case. Default: as given. */
	sameKey?: (key: string) => string;
	/** One item from items that give the same key (Merge). Default: the first item, with every item's data merged in order. */
	merge?: (items: T[]) => T;
	/** The records Sage has for the writes' keys, in batches: one result per write (by its item index). */
	lookup: (writes: T[]) => Promise<KeyLookupResult[]>;
	/** Create (no record) or update (the record found): the output fields, the outcome among them. */
	write: (item: T, existing: IDataObject | undefined) => Promise<IDataObject>;
}

const mergeData = <T extends UpsertItem>(items: T[]): T => ({ ...items[0], data: Object.assign({}, ...items.map((item) => item.data)) as IDataObject });

const listOf = (indexes: number[]) => (indexes.length > 1 ? `${indexes.slice(0, -1).join(', ')} and ${indexes[indexes.length - 1]}` : String(indexes[0]));

/**
 * Create or Update for many items at once: duplicate keys among the items are refused or merged
 * first (nothing is sent for a refused one), then every key of the run is looked up in batches,
 * then the missing records are created and the existing ones updated, several writes in flight,
 * one write per record. Each output item is paired with its input; without Continue On Fail no
 * write starts once one failed, and the first failed item's error is thrown once the running ones end.
 */
export async function upsertItems<T extends UpsertItem>(
	context: IExecuteFunctions,
	items: T[],
	options: UpsertOptions<T>,
): Promise<INodeExecutionData[]> {
	const node = context.getNode();
	const output: INodeExecutionData[] = [];
	const sameKey = options.sameKey ?? ((key: string) => key);
	const writes: Array<{ item: T; members: T[] }> = [];
	for (const members of groupBy(items, (item) => `${item.group}\n${sameKey(item.key)}`).values()) {
		if (members.length === 1) {
			writes.push({ item: members[0], members });
		} else if (options.settings.duplicateKeys === 'merge') {
			writes.push({ item: (options.merge ?? mergeData)(members), members });
		} else {
			const indexes = members.map((member) => member.itemIndex);
			for (const member of members) {
				const error = new NodeOperationError(node, `The key "${member.key}" is given by items ${listOf(indexes)}: none of them is written`, {
					itemIndex: member.itemIndex,
					description: 'A record is written once per run. Set "On Duplicate Keys" to "Merge Into One Write" to write these items as one, or remove the duplicates before this node.',
				});
				output.push(failedItem.call(context, error, member.itemIndex));
			}
		}
	}

	const found = new Map((await options.lookup(writes.map((write) => write.item))).map((result) => [result.itemIndex, result]));
	const pending: Array<{ item: T; members: T[]; existing: IDataObject | undefined }> = [];
	for (const write of writes) {
		const result = found.get(write.item.itemIndex);
		if (result && 'error' in result) {
			for (const member of write.members) output.push(failedItem.call(context, result.error, member.itemIndex));
		} else {
			pending.push({ ...write, existing: result?.record });
		}
	}

	const stopOnFailure = !context.continueOnFail();
	let failed = false;
	const failures: Array<{ itemIndex: number; error: unknown }> = [];
	await runBounded(pending.length, options.settings.concurrency, async (index) => {
		if (failed && stopOnFailure) return;
		const { item, members, existing } = pending[index];
		try {
			const json = await options.write(item, existing);
			for (const member of members) output.push({ json: members.length > 1 ? { ...json } : json, pairedItem: { item: member.itemIndex } });
		} catch (error) {
			failed = true;
			for (const member of members) failures.push({ itemIndex: member.itemIndex, error });
		}
	});
	for (const { itemIndex, error } of failures.sort((a, b) => a.itemIndex - b.itemIndex)) output.push(failedItem.call(context, error, itemIndex));
	return inItemOrder(output);
}
