import type { INode } from 'n8n-workflow';

import { pollChanges, type ChangedRecord, type ChangeSource, type PagePosition, type Watermark } from '../../nodes/shared/trigger/poll-changes';
import { compareStamps, formatStamp, parseStamp, shiftStamp } from '../../nodes/shared/trigger/stamp';

const node = { name: 'Trigger', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** A table of records with a change stamp, answering pages as the products' queries do. */
class Table implements ChangeSource {
	rows = new Map<string, string>();

	requests = 0;

	/** Called before each page is answered (to change records while a poll pages). */
	beforePage?: (pageNumber: number) => void;

	set(key: string, stamp: string) {
		this.rows.set(key, stamp);
	}

	private sorted(): ChangedRecord[] {
		return [...this.rows]
			.map(([key, stamp]) => ({ key, stamp, json: { key, stamp } }))
			.sort((a, b) => compareStamps(a.stamp, b.stamp) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	}

	async page(position: PagePosition, pageSize: number) {
		this.beforePage?.(++this.requests);
		const rows = this.sorted().filter((row) => {
			if (position.kind === 'at') return row.stamp === position.stamp && row.key > position.afterKey;
			if (position.stamp === undefined) return true;
			const order = compareStamps(row.stamp, position.stamp);
			return position.inclusive ? order >= 0 : order > 0;
		});
		return rows.slice(0, pageSize);
	}

	async newest() {
		this.requests++;
		return this.sorted().pop();
	}
}

const at = (second: number) => formatStamp(Date.UTC(2026, 0, 1, 8, 0, second));
const options = { node, watch: 'customers', maxRecords: 1000, pageSize: 20, overlapMs: 5_000, now: () => Date.now() };

async function poll(table: Table, watermark: Watermark | undefined, extra: Partial<typeof options> & { startFrom?: string } = {}) {
	const result = await pollChanges(table, watermark, { ...options, ...extra });
	return { keys: result.records.map((record) => record.key), watermark: result.watermark, pages: result.pages };
}

describe('stamps keep the format Sage wrote them in', () => {
	it.each([
		['2026-01-01T08:00:10Z', -5000, '2026-01-01T08:00:05Z'],
		['2026-01-01T08:00:10.123Z', -5000, '2026-01-01T08:00:05.123Z'],
		['2026-01-01T08:00:02', -5000, '2026-01-01T07:59:57'],
		['2026-01-01T08:00:02+02:00', -5000, '2026-01-01T07:59:57+02:00'],
		['2026-01-01 08:00:02', 1000, '2026-01-01 08:00:03'],
	])('%s shifted by %d ms is %s', (stamp, delta, expected) => {
		expect(shiftStamp(stamp, delta)).toBe(expected);
	});

	it('orders stamps of different zones by time, and refuses what is not a date', () => {
		expect(compareStamps('2026-01-01T08:00:00+02:00', '2026-01-01T07:00:00Z')).toBeLessThan(0);
		expect(compareStamps('2026-01-01T08:00:00.5Z', '2026-01-01T08:00:00.25Z')).toBeGreaterThan(0);
		expect(parseStamp('yesterday')).toBeUndefined();
		expect(parseStamp('2026-13-45T99:00:00Z')?.ms).not.toBeNaN();
	});
});

describe('pollChanges', () => {
	it('first activation emits nothing of the past, then each change once', async () => {
		const table = new Table();
		for (let i = 0; i < 30; i++) table.set(`C${String(i).padStart(3, '0')}`, at(i % 3));
		const first = await poll(table, undefined);
		expect(first.keys).toEqual([]);
		expect(first.watermark.stamp).toBe(at(2));

		table.set('C100', at(10));
		table.set('C001', at(11));
		const second = await poll(table, first.watermark);
		expect(second.keys).toEqual(['C100', 'C001']);

		const third = await poll(table, second.watermark);
		expect(third.keys).toEqual([]);
	});

	it('50 records sharing one timestamp across page boundaries and polls are emitted exactly once', async () => {
		const table = new Table();
		table.set('OLD', at(0));
		let watermark = (await poll(table, undefined)).watermark;
		for (let i = 0; i < 50; i++) table.set(`S${String(i).padStart(2, '0')}`, at(20));
		table.set('LATER', at(21));
		const emitted: string[] = [];
		for (let round = 0; round < 4; round++) {
			const result = await poll(table, watermark, { maxRecords: 15, pageSize: 20 });
			emitted.push(...result.keys);
			watermark = result.watermark;
		}
		expect(emitted).toEqual([...Array.from({ length: 50 }, (_, i) => `S${String(i).padStart(2, '0')}`), 'LATER']);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect((await poll(table, watermark)).keys).toEqual([]);
	});

	it('more records at one timestamp than a page holds are paged by key, not repeated', async () => {
		const table = new Table();
		table.set('OLD', at(0));
		const start = (await poll(table, undefined)).watermark;
		for (let i = 0; i < 45; i++) table.set(`K${String(i).padStart(2, '0')}`, at(30));
		table.set('Z', at(31));
		const result = await poll(table, start, { pageSize: 10 });
		expect(result.keys).toHaveLength(46);
		expect(result.keys[45]).toBe('Z');
		expect(result.pages).toBeLessThan(12);
	});

	it('a record updated while a poll pages comes again (this poll or the next); none of the unread ones is lost', async () => {
		const table = new Table();
		table.set('OLD', at(0));
		let watermark = (await poll(table, undefined)).watermark;
		for (let i = 0; i < 60; i++) table.set(`R${String(i).padStart(2, '0')}`, at(10 + Math.floor(i / 4)));
		table.requests = 0;
		table.beforePage = (page) => {
			// R01 was on the first page; updated now, the records after it would shift by one under offset paging.
			if (page === 2) table.set('R01', at(40));
		};
		const first = await poll(table, watermark, { pageSize: 10 });
		table.beforePage = undefined;
		watermark = first.watermark;
		const second = await poll(table, watermark, { pageSize: 10 });
		const all = [...first.keys, ...second.keys];
		for (let i = 0; i < 60; i++) expect(all).toContain(`R${String(i).padStart(2, '0')}`);
		expect(all.filter((key) => key === 'R01')).toHaveLength(2); // created, then updated at 08:00:40
		expect(all).toHaveLength(61);
	});

	it('a record Sage stamps late (within the overlap window) is still emitted, once', async () => {
		const table = new Table();
		table.set('A', at(10));
		let watermark = (await poll(table, undefined)).watermark;
		table.set('B', at(12));
		const first = await poll(table, watermark);
		watermark = first.watermark;
		table.set('LATE', at(9)); // committed after the poll that read 08:00:12, stamped earlier
		const second = await poll(table, watermark);
		expect([first.keys, second.keys]).toEqual([['B'], ['LATE']]);
		expect((await poll(table, second.watermark)).keys).toEqual([]);
	});

	it('Start From emits history from that time; a changed watch starts over', async () => {
		const table = new Table();
		for (let i = 0; i < 5; i++) table.set(`H${i}`, at(i * 10));
		const backfill = await poll(table, undefined, { startFrom: at(20) });
		expect(backfill.keys).toEqual(['H2', 'H3', 'H4']); // 08:00:20 and later, looking back the 5 s overlap
		const other = await poll(table, backfill.watermark, { watch: 'suppliers' });
		expect(other.keys).toEqual([]);
		await expect(poll(table, undefined, { startFrom: 'last week' })).rejects.toThrow('"Start From" must be a date and time');
	});

	it('Max Records Per Poll leaves the rest, in order, for the next polls', async () => {
		const table = new Table();
		table.set('OLD', at(0));
		let watermark = (await poll(table, undefined)).watermark;
		for (let i = 0; i < 25; i++) table.set(`M${String(i).padStart(2, '0')}`, at(1 + i));
		const batches: string[][] = [];
		for (let round = 0; round < 3; round++) {
			const result = await poll(table, watermark, { maxRecords: 10 });
			batches.push(result.keys);
			watermark = result.watermark;
		}
		expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
		expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `M${String(i).padStart(2, '0')}`));
	});

	it('a server that repeats the same full page forever stops at the page ceiling', async () => {
		const endless: ChangeSource = {
			page: async (_position, size) => Array.from({ length: size }, (_, i) => ({ key: `E${i}`, stamp: at(1), json: {} })),
			newest: async () => ({ key: 'E0', stamp: at(1), json: {} }),
		};
		const result = await pollChanges(endless, { stamp: at(0), seen: {}, watch: 'customers' }, options);
		expect(result.records).toHaveLength(20);
		expect(result.pages).toBeLessThanOrEqual(3);
	});

	it('remembers at most the overlap window of keys', async () => {
		const table = new Table();
		table.set('OLD', at(0));
		let watermark = (await poll(table, undefined)).watermark;
		for (let i = 0; i < 10; i++) table.set(`W${i}`, at(i * 10));
		watermark = (await poll(table, watermark)).watermark;
		expect(Object.keys(watermark.seen)).toEqual(['W9']);
	});
});
