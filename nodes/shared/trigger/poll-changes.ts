import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { compareStamps, formatStamp, parseStamp, shiftStamp } from './stamp';

/** One record as a trigger sees it: its key, its change timestamp as Sage wrote it, and its output. */
export interface ChangedRecord {
	key: string;
	stamp: string;
	json: IDataObject;
}

/**
 * Where the next page starts. Pages are asked afresh from a timestamp (keyset paging), never by
 * offset: a record updated while a poll pages moves to the end instead of shifting unread records
 * into pages already read.
 * - `from`: records with a stamp after `stamp` (or at it, when `inclusive`), oldest first, then by key;
 * - `at`: records whose stamp equals `stamp` with a key after `afterKey`, by key (more records share
 *   one timestamp than a page holds, e.g. after a mass update).
 */
export type PagePosition =
	| { kind: 'from'; stamp?: string; inclusive: boolean }
	| { kind: 'at'; stamp: string; afterKey: string };

/** What a product supplies: its query for a page of changed records and for the newest one. */
export interface ChangeSource {
	page(position: PagePosition, pageSize: number): Promise<ChangedRecord[]>;
	/** The most recently changed matching record (Fetch Test Event, first activation). */
	newest(): Promise<ChangedRecord | undefined>;
}

/** The watermark kept in the workflow's static data between polls. */
export interface Watermark {
	/** The newest stamp emitted (or seen at activation); undefined: from the beginning. */
	stamp?: string;
	/** key -> stamp of the records emitted within the overlap window before `stamp`. */
	seen: Record<string, string>;
	/** What is being watched (resource, event, filter): a change of it starts over. */
	watch: string;
}

export interface PollOptions {
	node: INode;
	/** Identity of the resource/event/filter watched. */
	watch: string;
	/** At most this many records are emitted by one poll; the rest come next poll, in order. */
	maxRecords: number;
	pageSize: number;
	/** How far back each poll looks again, for records Sage stamped late (clock skew between its servers). */
	overlapMs: number;
	/** First activation only: emit changes from this time instead of from now. */
	startFrom?: string;
	/** Milliseconds the poll may spend fetching; what is collected by then is emitted. */
	budgetMs?: number;
	now: () => number;
}

/** Pages one poll may request, whatever Sage answers. */
export const MAX_PAGES_PER_POLL = 1_000;

/** Keys remembered for de-duplication: a mass update inside the overlap window may exceed it. */
export const MAX_SEEN_KEYS = 20_000;

const WATERMARK_FIELD = 'sageChangeWatermark';

export function readWatermark(staticData: IDataObject): Watermark | undefined {
	const stored = staticData[WATERMARK_FIELD] as Partial<Watermark> | undefined;
	if (!stored || typeof stored !== 'object' || typeof stored.watch !== 'string') return undefined;
	const seen = stored.seen && typeof stored.seen === 'object' ? (stored.seen as Record<string, string>) : {};
	return { stamp: typeof stored.stamp === 'string' ? stored.stamp : undefined, seen, watch: stored.watch };
}

export function writeWatermark(staticData: IDataObject, watermark: Watermark): void {
	staticData[WATERMARK_FIELD] = { ...watermark } as unknown as IDataObject;
}

export interface PollResult {
	/** Records to emit, in change order. */
	records: ChangedRecord[];
	/** The watermark once they are emitted (n8n saves static data with the execution it starts). */
	watermark: Watermark;
	pages: number;
}

/**
 * One poll: the records changed since the watermark that were not emitted yet, at most
 * `maxRecords`, oldest first, and the watermark that follows them. Nothing is stored here: the
 * caller writes the watermark only when it returns the records, so a failed poll moves nothing.
 * A first poll (no watermark, or another resource/filter) emits nothing and starts from the newest
 * record, unless `startFrom` asks for history.
 */
export async function pollChanges(source: ChangeSource, previous: Watermark | undefined, options: PollOptions): Promise<PollResult> {
	const started = options.now();
	const fresh = !previous || previous.watch !== options.watch;
	if (fresh && !options.startFrom) {
		const newest = await source.newest();
		// Mark what is already in the overlap window as seen: activating emits nothing of the past.
		const start: Watermark = { stamp: newest?.stamp, seen: {}, watch: options.watch };
		if (!newest) return { records: [], watermark: start, pages: 0 };
		const primed = await collect(source, start, { ...options, maxRecords: MAX_SEEN_KEYS }, started);
		return { records: [], watermark: primed.watermark, pages: primed.pages };
	}
	const watermark: Watermark = fresh ? { stamp: startStamp(options), seen: {}, watch: options.watch } : previous;
	return await collect(source, watermark, options, started);
}

function startStamp(options: PollOptions): string | undefined {
	const parsed = parseStamp(options.startFrom);
	if (!parsed) {
		throw new NodeOperationError(options.node, `"Start From" must be a date and time, e.g. 2026-01-31T08:00:00 (got ${JSON.stringify(options.startFrom)})`);
	}
	return options.startFrom;
}

async function collect(source: ChangeSource, watermark: Watermark, options: PollOptions, started: number): Promise<PollResult> {
	const records: ChangedRecord[] = [];
	const seen = { ...watermark.seen };
	const isNew = (record: ChangedRecord) => seen[record.key] !== record.stamp;
	let newest = watermark.stamp;
	let position: PagePosition = {
		kind: 'from',
		stamp: watermark.stamp === undefined ? undefined : shiftStamp(watermark.stamp, -options.overlapMs),
		inclusive: true,
	};
	let pages = 0;
	while (records.length < options.maxRecords) {
		if (pages >= MAX_PAGES_PER_POLL) break;
		if (options.budgetMs !== undefined && options.now() - started > options.budgetMs) break;
		const page = await source.page(position, options.pageSize);
		pages++;
		for (const record of page) {
			if (typeof record.key !== 'string' || !parseStamp(record.stamp)) continue;
			if (!isNew(record)) continue;
			if (records.length >= options.maxRecords) break;
			records.push(record);
			seen[record.key] = record.stamp;
			if (newest === undefined || compareStamps(record.stamp, newest) > 0) newest = record.stamp;
		}
		if (page.length < options.pageSize) {
			if (position.kind === 'from') break;
			// The records sharing that timestamp are done: go on after it.
			position = { kind: 'from', stamp: position.stamp, inclusive: false };
			continue;
		}
		const next = nextPosition(position, page);
		if (!next) break;
		position = next;
	}
	return { records, watermark: { stamp: newest, seen: pruneSeen(seen, newest, options.overlapMs), watch: watermark.watch }, pages };
}

/** The page after a full `page`, or undefined when Sage's answer does not move forward. */
function nextPosition(position: PagePosition, page: ChangedRecord[]): PagePosition | undefined {
	const last = page[page.length - 1];
	if (!last || !parseStamp(last.stamp)) return undefined;
	if (position.kind === 'at') {
		// Still inside one timestamp: go on by key, then past that timestamp.
		if (last.stamp !== position.stamp || last.key === position.afterKey) return { kind: 'from', stamp: position.stamp, inclusive: false };
		return { kind: 'at', stamp: position.stamp, afterKey: last.key };
	}
	// A server that ignores the position asked for would be asked the same page forever.
	if (position.stamp !== undefined && compareStamps(last.stamp, position.stamp) < (position.inclusive ? 0 : 1)) return undefined;
	if (compareStamps(page[0].stamp, last.stamp) === 0) {
		// A whole page shares one timestamp: page within it by key.
		return { kind: 'at', stamp: last.stamp, afterKey: last.key };
	}
	// From the last page's newest timestamp on: the records at it come again and are skipped as seen.
	return { kind: 'from', stamp: last.stamp, inclusive: true };
}

/** Keeps the keys whose stamp lies within the overlap window before `newest`, at most MAX_SEEN_KEYS. */
function pruneSeen(seen: Record<string, string>, newest: string | undefined, overlapMs: number): Record<string, string> {
	if (newest === undefined) return {};
	const parsedNewest = parseStamp(newest);
	const since = parsedNewest ? formatStamp(parsedNewest.ms - overlapMs, parsedNewest) : newest;
	const kept = Object.entries(seen)
		.filter(([, stamp]) => compareStamps(stamp, since) >= 0)
		.sort(([, a], [, b]) => compareStamps(b, a))
		.slice(0, MAX_SEEN_KEYS);
	return Object.fromEntries(kept);
}
