/* Sage 200 Trigger: bounded polls, records sharing one timestamp, changes made while a poll pages, late stamps. */
import type { IDataObject } from 'n8n-workflow';

import { decodedQuery } from '../setup';
import { idsOf, reloaded, useTriggerSuite } from './setup';

const suite = useTriggerSuite();

const customers = () => suite.s200.records(1, 'customers') as IDataObject[];
const listFilters = () => suite.server.log.filter((entry: any) => entry.name === 's200.customers.list').map((entry: any) => decodedQuery(entry).get('$filter') as string);

async function activated(parameters: IDataObject = {}): Promise<IDataObject> {
	// Two minutes on: what earlier tests changed is out of the overlap window.
	suite.s200.clock.advance(120_000);
	const staticData: IDataObject = {};
	expect((await suite.poll(parameters, { staticData })).items).toEqual([]);
	suite.server.resetCounters();
	return staticData;
}

/** Stamps a few seconds ahead of the sandbox's clock, then moves the clock past them (Sage's clock never goes back). */
function stampsAhead(count: number, stepMs: number): string[] {
	const start = suite.s200.clock.now() + 5_000;
	const stamps = Array.from({ length: count }, (_, index) => suite.s200.stampOf(start + index * stepMs) as string);
	suite.s200.clock.advance(5_000 + count * stepMs + 1_000);
	return stamps;
}

/** `count` customers from `offset`, changed with the given stamps (one each, or all with the one stamp). */
function changeCustomers(offset: number, count: number, stamps: string[] | string): IDataObject[] {
	return customers()
		.slice(offset, offset + count)
		.map((row, index) => suite.s200.change(1, 'customers', row.id, {}, { stamp: typeof stamps === 'string' ? stamps : stamps[index] }));
}

const inChangeOrder = (rows: IDataObject[]) =>
	[...rows].sort((a, b) => String(a.date_time_updated).localeCompare(String(b.date_time_updated)) || (a.id as number) - (b.id as number)).map((row) => row.id);

describe('Sage 200 Trigger: bounded polls and shared timestamps', () => {
	test('Max Records Per Poll: 250 changes come as 100, 100 and 50, in change order, each once', async () => {
		const parameters = { options: { maxRecordsPerPoll: 100 } };
		let staticData = await activated(parameters);
		const changed = changeCustomers(100, 250, stampsAhead(250, 300));
		const polls: number[][] = [];
		for (let n = 0; n < 4; n++) {
			polls.push(idsOf(await suite.poll(parameters, { staticData })));
			staticData = reloaded(staticData);
		}
		expect(polls.map((ids) => ids.length)).toEqual([100, 100, 50, 0]);
		expect(polls.flat()).toEqual(inChangeOrder(changed));
		// Pages of 100 (Max Records Per Poll): a poll reads a second one only to step past what it emitted already.
		for (const entry of suite.server.log.filter((e: any) => e.name === 's200.customers.list')) expect(decodedQuery(entry).get('$top')).toBe('100');
	});

	test('50 records sharing one timestamp across a page boundary: emitted once each, over two polls', async () => {
		const parameters = { options: { maxRecordsPerPoll: 100 } };
		const staticData = await activated(parameters);
		// 80 records with stamps of their own (all within the 60 s overlap), then 50 sharing the next one.
		const stamps = stampsAhead(81, 500);
		const distinct = changeCustomers(400, 80, stamps.slice(0, 80));
		const shared = changeCustomers(480, 50, stamps[80]);
		expect(new Set(shared.map((row) => row.date_time_updated)).size).toBe(1);

		const first = idsOf(await suite.poll(parameters, { staticData }));
		// The page of 100 ends after 20 of the 50: the poll stops there (Max Records Per Poll).
		expect(first).toEqual(inChangeOrder([...distinct, ...shared]).slice(0, 100));
		const second = idsOf(await suite.poll(parameters, { staticData }));
		expect(second).toEqual(inChangeOrder(shared).slice(20));
		expect([...first, ...second].sort()).toEqual([...distinct, ...shared].map((row) => row.id).sort());
		expect((await suite.poll(parameters, { staticData })).items).toEqual([]);
	});

	test('150 records sharing one timestamp (whole pages of it): paged by id within the timestamp', async () => {
		const parameters = { options: { maxRecordsPerPoll: 100 } };
		const staticData = await activated(parameters);
		const [stamp] = stampsAhead(1, 0);
		const shared = changeCustomers(600, 150, stamp);
		const first = idsOf(await suite.poll(parameters, { staticData }));
		const second = idsOf(await suite.poll(parameters, { staticData }));
		expect([first.length, second.length]).toEqual([100, 50]);
		expect([...first, ...second]).toEqual(shared.map((row) => row.id));
		// The second poll skipped the 100 it had emitted by key, not by offset.
		expect(listFilters()).toContain(`date_time_updated eq ${stamp} and id gt ${first[99]}`);
		expect(listFilters()).toContain(`date_time_updated gt ${stamp}`);
		expect((await suite.poll(parameters, { staticData })).items).toEqual([]);
	});

	test('records changed while a poll pages are emitted once per change, in this poll or the next', async () => {
		const parameters = { options: { maxRecordsPerPoll: 100 } };
		const staticData = await activated(parameters);
		// 60 changes a first poll emits, then 90 more: the next poll pages past the 60 it already emitted.
		const earlier = changeCustomers(800, 60, stampsAhead(60, 200));
		expect(idsOf(await suite.poll(parameters, { staticData }))).toEqual(inChangeOrder(earlier));
		const later = changeCustomers(900, 90, stampsAhead(90, 200));
		const laterIds = inChangeOrder(later);

		// While the second page is being read: a record of the first page changes again, one not read yet
		// changes, and one is stamped a little earlier than the page being read (Sage's servers' clocks differ).
		let listRequests = 0;
		const during: IDataObject[] = [];
		suite.s200.hooks.beforeList = ({ resource }: { resource: string }) => {
			if (resource !== 'customers' || ++listRequests !== 2) return;
			const now = suite.s200.clock.now();
			during.push(suite.s200.change(1, 'customers', laterIds[10] as number, { name: 'Changed Mid Poll Ltd' }, { stamp: suite.s200.stampOf(now) }));
			during.push(suite.s200.change(1, 'customers', laterIds[80] as number, {}, { stamp: suite.s200.stampOf(now + 10) }));
			during.push(suite.s200.change(1, 'customers', customers()[1200].id, {}, { stamp: later[20].date_time_updated }));
		};
		const second = await suite.poll(parameters, { staticData });
		delete suite.s200.hooks.beforeList;
		suite.s200.clock.advance(1_000);
		const third = await suite.poll(parameters, { staticData });

		// Every version a poll read, each once: the 90 (the one read on the first page also in its new
		// version), the one changed before it was read, and the late-stamped one, which the second poll's
		// page had already passed: the next poll's overlap catches it.
		const emitted = [...second.items, ...third.items].map((item) => `${item.json.id}@${item.json.date_time_updated}`);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(listRequests).toBeGreaterThanOrEqual(2);
		for (const row of during) expect(emitted).toContain(`${row.id}@${row.date_time_updated}`);
		expect(emitted.filter((entry) => entry.startsWith(`${laterIds[10]}@`))).toHaveLength(2);
		expect(emitted.filter((entry) => entry.startsWith(`${laterIds[80]}@`))).toHaveLength(1);
		expect(idsOf(third)).toEqual([customers()[1200].id]);
		expect(new Set([...idsOf(second), ...idsOf(third)])).toEqual(new Set([...laterIds, customers()[1200].id]));
		expect(emitted).toHaveLength(92);
		expect((await suite.poll(parameters, { staticData })).items).toEqual([]);
	});

	test('a stamp written late is caught within the overlap window (Overlap (Seconds)), not beyond it', async () => {
		const staticData = await activated();
		const wide = await activated({ options: { overlapSeconds: 300 } });
		const [now] = stampsAhead(1, 0);
		const marker = suite.s200.change(1, 'customers', customers()[1300].id, {}, { stamp: now });
		expect(idsOf(await suite.poll({}, { staticData }))).toEqual([marker.id]);
		expect(idsOf(await suite.poll({ options: { overlapSeconds: 300 } }, { staticData: wide }))).toEqual([marker.id]);

		// Committed after that poll, stamped 30 s and 120 s before the newest record it saw.
		const ms = Date.parse(`${now}Z`);
		const late = suite.s200.change(1, 'customers', customers()[1301].id, {}, { stamp: suite.s200.stampOf(ms - 30_000) });
		const later = suite.s200.change(1, 'customers', customers()[1302].id, {}, { stamp: suite.s200.stampOf(ms - 120_000) });
		expect(idsOf(await suite.poll({}, { staticData }))).toEqual([late.id]);
		expect(idsOf(await suite.poll({ options: { overlapSeconds: 300 } }, { staticData: wide }))).toEqual([later.id, late.id]);
	});
});
