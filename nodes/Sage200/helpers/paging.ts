import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { noteRecordBytes, scanRecordList, type RecordBytes } from '../../shared/output/record-bytes';
import type { SageConnection, SageResponse } from '../../shared/transport';
import { runInOrder } from '../../shared/utils';
import { PagingGuard } from '../../shared/utils/paging-limits';
import { sage200Request, type Sage200Context } from './api';

export const MAX_PAGE_SIZE = 5000;
export const MAX_CONCURRENCY = 8;

export interface ListRequest {
	path: string;
	filter?: string;
	select?: string;
	expand?: string;
	/** Always set: Sage 200 refuses $skip without $orderby, and paging needs a stable order. */
	orderBy: string;
}

export interface PagingOptions {
	/** Undefined means every record. */
	limit?: number;
	pageSize: number;
	concurrency: number;
	itemIndex: number;
	action: string;
	/** Where to note the bytes each record came in (an NDJSON file writes them as they are). */
	recordBytes?: RecordBytes;
}

/** Rows of a list response: a plain array (what Sage 200 documents) or an OData-style envelope. */
function readPage(response: SageResponse<unknown>, recordBytes?: RecordBytes): { rows: IDataObject[]; total?: number } {
	const { body, headers } = response;
	let rows: IDataObject[] = [];
	let total: unknown;
	if (Array.isArray(body)) {
		rows = body as IDataObject[];
		if (recordBytes && response.jsonBytes) noteRecordBytes(rows, response.jsonBytes, recordBytes);
	} else if (body && typeof body === 'object') {
		const envelope = body as IDataObject;
		const list = envelope.value ?? envelope.Items ?? envelope.items;
		if (Array.isArray(list)) rows = list as IDataObject[];
		total = envelope['@odata.count'] ?? envelope['odata.count'] ?? envelope.Count ?? envelope.count;
	}
	// Where $count=true puts the total is unverified for the real gateway; the header is one candidate.
	return { rows, total: totalOf(total) ?? headerTotal(headers) };
}

/** The total of a `$count=true` answer that came in its headers. */
const headerTotal = (headers: Record<string, string>) => totalOf(headers['x-total-count']);

/** A record count as Sage sent it (a number or a header's text), when it is one. */
function totalOf(value: unknown): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const total = Number(value);
	return Number.isFinite(total) && total >= 0 ? total : undefined;
}

/** Identity of a page: its first and last record. A server that ignores $skip sends the same one again. */
function fingerprintOf(rows: IDataObject[]): string {
	const identity = (row: IDataObject) => (row.id !== undefined ? String(row.id) : JSON.stringify(row));
	return `${identity(rows[0])}|${identity(rows[rows.length - 1])}|${rows.length}`;
}

/**
 * Records of a list endpoint, paged with $top/$skip (always ordered), handed to `onPage` page by
 * page in order, awaited, and not kept (without those an earlier page handed over). The first page
 * asks for $count; when the total comes back the other pages are fetched concurrently, at most
 * `concurrency` at a time fetched or waiting for their turn. Without a total, pages are fetched
 * `concurrency` at a time until the first short page. Either way the shared paging ceilings
 * apply: a total no Return All can reach is refused before any page is planned, and endless or
 * repeated pages stop the item. Returns how many records were handed over.
 */
export async function forEachRecordPage(
	this: IExecuteFunctions,
	connection: SageConnection,
	baseUrl: string,
	list: ListRequest,
	options: PagingOptions,
	onPage: (records: IDataObject[]) => Promise<void>,
): Promise<number> {
	const target = options.limit ?? Number.POSITIVE_INFINITY;
	const baseQuery: IDataObject = { $orderby: list.orderBy };
	if (list.filter) baseQuery.$filter = list.filter;
	if (list.select) baseQuery.$select = list.select;
	if (list.expand) baseQuery.$expand = list.expand;
	const guard = new PagingGuard({ node: this.getNode(), action: options.action, itemIndex: options.itemIndex });

	// An NDJSON file takes a compact page's records as the bytes they came in, unparsed; any other
	// page is parsed, and its records' bytes noted where the body allows.
	const recordBytes = options.recordBytes;
	const fetchPage = async (skip: number, top: number, count = false, onHeaders?: (headers: Record<string, string>) => void) => {
		const response = await sage200Request.call(this, connection, baseUrl, {
			method: 'GET',
			path: list.path,
			qs: { ...baseQuery, $top: top, $skip: skip, ...(count ? { $count: true } : {}) },
			action: options.action,
			itemIndex: options.itemIndex,
			keepJsonBytes: recordBytes !== undefined,
			readJson: recordBytes && ((bytes: Buffer) => scanRecordList(bytes, recordBytes)),
			onHeaders,
		});
		return readPage(response, recordBytes);
	};
	const checkFull = (rows: IDataObject[]) => guard.check({ records: rows.length, fingerprint: fingerprintOf(rows) });

	// Records inserted or deleted between pages shift $skip windows; never hand out one twice.
	const seen = new Set<unknown>();
	let handed = 0;
	const hand = async (rows: IDataObject[]) => {
		const fresh: IDataObject[] = [];
		for (const row of rows) {
			if (handed + fresh.length >= target) break;
			const key = row.id;
			if (key !== undefined && seen.has(key)) continue;
			if (key !== undefined) seen.add(key);
			fresh.push(row);
		}
		handed += fresh.length;
		if (fresh.length) await onPage(fresh);
	};

	// Once the pull has failed or ended (a short first page), no page is asked for or handed over.
	let stopped = false;
	const fetchRows = async (skip: number, top: number) => (stopped ? [] : (await fetchPage(skip, top)).rows);
	// Every later page waits for the first page's hand-over: `firstTurn` settles when it is done.
	let startFirstTurn!: (handing: Promise<void>) => void;
	const firstTurn = new Promise<void>((resolve, reject) => (startFirstTurn = (handing) => void handing.then(resolve, reject)));
	firstTurn.catch(() => (stopped = true));
	const handAfterFirst = async (rows: IDataObject[]) => {
		await firstTurn;
		if (!stopped) await hand(rows);
	};

	const firstTop = Math.min(options.pageSize, target);
	const asksTotal = firstTop < target;
	/** The pages after the first, up to the total, `concurrency` at a time; page n starts at firstTop + n * pageSize. */
	const fetchUpTo = async (total: number) => {
		const end = Math.min(total, target);
		guard.checkTotal(end, options.pageSize);
		const count = Math.max(0, Math.ceil((end - firstTop) / options.pageSize));
		await runInOrder(
			count,
			options.concurrency,
			async (index) => {
				const skip = firstTop + index * options.pageSize;
				return await fetchRows(skip, Math.min(options.pageSize, end - skip));
			},
			handAfterFirst,
		);
	};
	/** Without a total: the pages after the first, `concurrency` at a time, until the first short page. */
	const fetchToShortPage = async () => {
		let fetched = firstTop;
		let skip = firstTop;
		for (let done = false; !done && fetched < target && !stopped; ) {
			const batch: number[] = [];
			for (let n = 0; n < options.concurrency && skip + n * options.pageSize < target; n++) batch.push(skip + n * options.pageSize);
			const results = await Promise.all(batch.map(async (from) => await fetchRows(from, options.pageSize)));
			for (const rows of results) {
				fetched += rows.length;
				if (rows.length < options.pageSize) done = true;
				else if (fetched < target) checkFull(rows);
				await handAfterFirst(rows);
				if (done) break;
			}
			skip += batch.length * options.pageSize;
		}
	};

	// A total in a header (one candidate for where $count=true puts it) plans the next pages the
	// moment the first answer's headers arrive: its body, thousands of records, then streams in and
	// is parsed while they are on their way. Over HTTPS each of them opens its own connection first.
	let rest: Promise<void> | undefined;
	const startRest = (pages: Promise<void>) => {
		pages.catch(() => (stopped = true));
		rest = pages;
	};
	const onHeaders = (headers: Record<string, string>) => {
		const total = headerTotal(headers);
		if (total === undefined || total <= firstTop) return false;
		startRest(fetchUpTo(total));
		return true;
	};
	let firstRead = false;
	try {
		const first = await fetchPage(0, firstTop, asksTotal, asksTotal ? onHeaders : undefined);
		const more = first.rows.length >= firstTop && first.rows.length < target;
		if (!more) {
			// The whole list, or a first page shorter than asked for: pages asked for at its headers are dropped.
			stopped = true;
			startFirstTurn(hand(first.rows));
		} else {
			checkFull(first.rows);
			// The handing waits one turn of the event loop: encoding a page of 5,000 records resolves
			// promise after promise, and would hold the next requests' sockets back until it is done.
			// The first page is not kept after it.
			const firstRows = first.rows;
			first.rows = [];
			startFirstTurn(sleep(0).then(async () => await hand(firstRows)));
			if (!rest) startRest(first.total !== undefined ? fetchUpTo(first.total) : fetchToShortPage());
		}
		firstRead = true;
	} finally {
		if (!firstRead) {
			// The first page failed (or was refused), and fails the pull: pages already asked for
			// settle first, and nothing more is asked for or handed over.
			stopped = true;
			startFirstTurn(Promise.resolve());
			await rest?.catch(() => undefined);
		}
	}
	try {
		await rest;
	} finally {
		// A later page failing before the first was handed over: the first page's own failure (Max
		// File Size, say), if any, is what fails the pull.
		await firstTurn;
	}
	return handed;
}

/**
 * One page of a list endpoint, without $skip: the first `top` records in `orderBy` order (keyset
 * paging, where the $filter says where the page starts). Read as forEachRecordPage reads its pages.
 */
export async function fetchPage(
	this: Sage200Context,
	connection: SageConnection,
	baseUrl: string,
	list: ListRequest,
	options: { top: number; action: string; skip?: number },
): Promise<IDataObject[]> {
	const qs: IDataObject = { $orderby: list.orderBy, $top: Math.min(Math.max(1, Math.floor(options.top)), MAX_PAGE_SIZE) };
	if (options.skip) qs.$skip = Math.max(0, Math.floor(options.skip));
	if (list.filter) qs.$filter = list.filter;
	if (list.select) qs.$select = list.select;
	if (list.expand) qs.$expand = list.expand;
	const response = await sage200Request.call(this, connection, baseUrl, { method: 'GET', path: list.path, qs, action: options.action });
	return readPage(response).rows;
}
