import type { INode } from 'n8n-workflow';

import { sageApiError } from '../transport/errors';

/**
 * Ceilings of every Return All (Sage 200 $skip paging, GraphQL connections, X3 data delivery).
 * Sage decides when paging ends (a total, `hasNextPage`, `isTruncated`); these make sure a server
 * that never says "done" fails the item instead of filling n8n's memory. Generous on purpose: a
 * real folder or company stays far below them.
 */
export const PAGING_LIMITS = Object.freeze({
	/** Pages one Return All may request. */
	maxPages: 10_000,
	/** Records one Return All may collect. */
	maxRecords: 1_000_000,
	/** Empty pages in a row that still announce more. */
	maxEmptyPages: 10,
});

export type PagingLimits = typeof PAGING_LIMITS;

export interface PagingContext {
	node: INode;
	/** What is being done, e.g. "Listing customers": the error reads "<action> failed: ...". */
	action?: string;
	itemIndex?: number;
}

export interface ReceivedPage {
	/** Records on the page. */
	records: number;
	/** What the next request continues from (cursor, continuation token); must be new each time. */
	next?: string;
	/** Identity of the page's content (e.g. its first and last key): a page equal to the one before means the server ignores the position asked for. */
	fingerprint?: string;
}

const HINT = 'Narrow the request with a filter, or read fewer records with Limit.';

const stops = new WeakSet<object>();

/** Whether `error` is a paging guard's stop (the server misbehaves; asking again the same way will not help). */
export const isPagingStop = (error: unknown): boolean => typeof error === 'object' && error !== null && stops.has(error);

/**
 * Watches one paging loop. Call `check()` for every page that announces more, before asking for
 * the next: it throws a NodeApiError when the server repeats a cursor or a page, keeps sending
 * empty pages, or the page or record ceiling is reached. What it keeps is bounded by the page
 * ceiling.
 */
export class PagingGuard {
	pages = 0;

	records = 0;

	private emptyInARow = 0;

	private lastFingerprint?: string;

	private readonly seen = new Set<string>();

	constructor(
		private readonly context: PagingContext,
		readonly limits: PagingLimits = PAGING_LIMITS,
	) {}

	check(page: ReceivedPage): void {
		this.pages++;
		this.records += page.records;
		if (page.next !== undefined) {
			if (this.seen.has(page.next)) this.fail(`Sage returned the same cursor twice (${page.next}); paging stopped`);
			this.seen.add(page.next);
		}
		this.emptyInARow = page.records === 0 ? this.emptyInARow + 1 : 0;
		if (this.emptyInARow >= this.limits.maxEmptyPages) {
			this.fail(`Sage returned ${this.emptyInARow} empty pages in a row that still announce more; paging stopped`);
		}
		if (page.fingerprint !== undefined && page.records > 0) {
			if (page.fingerprint === this.lastFingerprint) this.fail('Sage returned the same page twice in a row (the paging position was ignored); paging stopped');
			this.lastFingerprint = page.fingerprint;
		}
		if (this.pages >= this.limits.maxPages) {
			this.fail(`Sage still announced more after ${this.limits.maxPages.toLocaleString('en-US')} pages; paging stopped at that ceiling`);
		}
		if (this.records >= this.limits.maxRecords) {
			this.fail(`Sage still announced more after ${this.limits.maxRecords.toLocaleString('en-US')} records; paging stopped at that ceiling`);
		}
	}

	/**
	 * Refuse a server-reported total that the ceilings could never reach, before anything is
	 * planned from it: the total is Sage's word, not a size to allocate.
	 */
	checkTotal(total: number, pageSize: number): void {
		const reachable = Math.min(this.limits.maxRecords, pageSize * this.limits.maxPages);
		if (total > reachable) {
			this.fail(`Sage reported ${total.toLocaleString('en-US')} records, more than one Return All reads (${reachable.toLocaleString('en-US')}); nothing more was requested`);
		}
	}

	private fail(message: string): never {
		const error = sageApiError(this.context.node, { body: { message } }, { action: this.context.action, itemIndex: this.context.itemIndex, hint: HINT });
		stops.add(error);
		throw error;
	}
}
