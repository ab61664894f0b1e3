/* Sage 200 Trigger: records changed between polls are emitted once each, through n8n-core's PollContext against the sandbox over HTTP. */
import type { IDataObject } from 'n8n-workflow';

import { decodedQuery } from '../setup';
import { idsOf, reloaded, useTriggerSuite } from './setup';

const suite = useTriggerSuite();

/** Moves the sandbox's clock on, so each change gets a stamp of its own. */
const tick = (ms = 1500) => suite.s200.clock.advance(ms);
const customers = () => suite.s200.records(1, 'customers') as IDataObject[];
const listQueries = (): URLSearchParams[] => suite.server.log.filter((entry: any) => entry.name === 's200.customers.list').map((entry: any) => decodedQuery(entry));

/** A watermark in place: a first poll (activation) that emits nothing. */
async function activated(parameters: IDataObject = {}): Promise<IDataObject> {
	const staticData: IDataObject = {};
	const first = await suite.poll(parameters, { staticData });
	expect(first.items).toEqual([]);
	suite.server.resetCounters();
	return staticData;
}

describe('Sage 200 Trigger: changes between polls', () => {
	test('first activation emits nothing of the past; then each created or updated customer once, oldest first', async () => {
		const staticData: IDataObject = {};
		const first = await suite.poll({}, { staticData });
		expect(first.items).toEqual([]);
		expect(staticData.sageChangeWatermark).toBeDefined();
		// Activation asks for the newest customer, then reads its overlap window: two requests, no token request.
		expect(suite.server.count('s200.customers.list')).toBe(2);
		expect(suite.server.count('s200.token')).toBe(0);
		const [newest, windowRead] = listQueries();
		expect([newest.get('$orderby'), newest.get('$top'), newest.get('$filter')]).toEqual(['date_time_updated desc,id desc', '1', 'date_time_updated ne null']);
		expect(windowRead.get('$orderby')).toBe('date_time_updated,id');

		tick();
		const updated = suite.s200.change(1, 'customers', customers()[10].id, { name: 'Renamed Ltd' });
		tick();
		const created = suite.s200.insert(1, 'customers', { reference: 'NEW00001', name: 'New Customer Ltd' });
		tick();
		const updatedAgain = suite.s200.change(1, 'customers', customers()[3].id, { credit_limit: 5000 });

		suite.server.resetCounters();
		const second = await suite.poll({}, { staticData });
		expect(idsOf(second)).toEqual([updated.id, created.id, updatedAgain.id]);
		expect(second.items[0].json).toMatchObject({ id: updated.id, name: 'Renamed Ltd', date_time_updated: updated.date_time_updated });
		expect(second.items[1].json).toMatchObject({ reference: 'NEW00001', date_time_created: created.date_time_created });
		// The same shape as Get Many: every field of the record, nothing added.
		expect(Object.keys(second.items[0].json).sort()).toEqual(Object.keys(customers()[0]).filter((key) => !key.startsWith('_')).sort());
		// One page: from the last stamp seen, 60 s back (the overlap), in Sage's own naive format.
		expect(suite.server.count('s200.customers.list')).toBe(1);
		const [page] = listQueries();
		expect(page.get('$filter')).toMatch(/^date_time_updated ge \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}$/);
		expect([page.get('$orderby'), page.get('$top'), page.get('$skip')]).toEqual(['date_time_updated,id', '1000', null]);

		// Nothing changed: nothing emitted, the watermark stays.
		const watermark = JSON.stringify(staticData);
		const third = await suite.poll({}, { staticData });
		expect(third.items).toEqual([]);
		expect(JSON.stringify(staticData)).toBe(watermark);

		// A record changed again is a new change: emitted again, once.
		tick();
		suite.s200.change(1, 'customers', updated.id, { name: 'Renamed Again Ltd' });
		const fourth = await suite.poll({}, { staticData });
		expect(fourth.items.map((item) => item.json.name)).toEqual(['Renamed Again Ltd']);
	});

	test('50 of the 12,000 customers changed: the poll is one request of one page, no token request', async () => {
		const staticData = await activated();
		const all = customers();
		expect(all.length).toBeGreaterThanOrEqual(12000);
		const changed = Array.from({ length: 50 }, (_, n) => (tick(100), suite.s200.change(1, 'customers', all[(n * 233) % all.length].id)));
		suite.server.resetCounters();
		const result = await suite.poll({}, { staticData });
		expect(idsOf(result)).toEqual(changed.map((row) => row.id));
		expect([suite.server.count('s200.customers.list'), suite.server.count('s200.token')]).toEqual([1, 0]);
	});

	test('ten rounds of changes: every change is emitted exactly once, with the record as it is at the poll', async () => {
		let staticData = await activated();
		const all = customers();
		const emitted: Array<[number, string]> = [];
		const expected: Array<[number, string]> = [];
		for (let round = 0; round < 10; round++) {
			const changed = new Map<number, string>();
			for (let n = 0; n < 7; n++) {
				tick(400);
				// Some records change twice in a round (only the last version exists at the poll), some in several rounds.
				const row = n % 3 === 2 && round % 2 === 0 ? suite.s200.insert(1, 'customers', { reference: `R${round}N${n}`, name: 'Round Ltd' }) : suite.s200.change(1, 'customers', all[(round * 5 + n * 11) % 40].id);
				changed.set(row.id as number, row.date_time_updated as string);
			}
			expected.push(...[...changed].sort((a, b) => a[1].localeCompare(b[1])));
			// Every third round n8n restarted in between: static data reloaded from its database.
			if (round % 3 === 0) staticData = reloaded(staticData);
			const result = await suite.poll({}, { staticData });
			emitted.push(...result.items.map((item) => [item.json.id as number, item.json.date_time_updated as string] as [number, string]));
		}
		expect(emitted).toEqual(expected);
		expect(new Set(emitted.map(([id, stamp]) => `${id}@${stamp}`)).size).toBe(emitted.length);
	});

	test('a restart between polls (static data reloaded from the database) emits nothing twice and loses nothing', async () => {
		let staticData = await activated();
		tick();
		const a = suite.s200.change(1, 'customers', customers()[20].id);
		const first = await suite.poll({}, { staticData });
		expect(idsOf(first)).toEqual([a.id]);

		// n8n restarts: static data comes back from its database as JSON.
		staticData = reloaded(staticData);
		expect((await suite.poll({}, { staticData })).items).toEqual([]);
		tick();
		const b = suite.s200.change(1, 'customers', customers()[21].id);
		staticData = reloaded(staticData);
		expect(idsOf(await suite.poll({}, { staticData }))).toEqual([b.id]);
	});

	test('Record Created: new customers only, by date_time_created; Record Updated includes them', async () => {
		const created = await activated({ event: 'recordCreated' });
		const updated = await activated({ event: 'recordUpdated' });
		tick();
		suite.s200.change(1, 'customers', customers()[30].id, { name: 'Changed Only Ltd' });
		tick();
		const fresh = suite.s200.insert(1, 'customers', { reference: 'CREATED1', name: 'Created Ltd' });
		const byCreation = await suite.poll({ event: 'recordCreated' }, { staticData: created });
		expect(idsOf(byCreation)).toEqual([fresh.id]);
		expect(listQueries().at(-1)!.get('$filter')).toMatch(/^date_time_created ge /);
		expect(listQueries().at(-1)!.get('$orderby')).toBe('date_time_created,id');
		const byUpdate = await suite.poll({ event: 'recordUpdated' }, { staticData: updated });
		expect(idsOf(byUpdate)).toEqual([customers()[30].id, fresh.id]);
	});

	test('another company, resource, event or filter starts over: nothing of the past is emitted for it', async () => {
		const staticData = await activated();
		tick();
		suite.s200.change(1, 'customers', customers()[40].id);
		const watched = JSON.parse(JSON.stringify(staticData));
		const otherFilter = await suite.poll({ options: { filter: 'balance ge 0' } }, { staticData });
		expect(otherFilter.items).toEqual([]);
		// Back to the first filter: it starts over too (the watermark follows what is watched).
		expect((await suite.poll({}, { staticData })).items).toEqual([]);
		expect(idsOf(await suite.poll({}, { staticData: watched }))).toEqual([customers()[40].id]);
	});

	test('Sales orders of company 2: the resource\'s own path, the company\'s own records', async () => {
		const parameters = { resource: 'salesOrder', company: { __rl: true, mode: 'id', value: '2' } };
		const staticData = await activated(parameters);
		const orders = suite.s200.records(2, 'sop_orders') as IDataObject[];
		tick();
		const changed = suite.s200.change(2, 'sop_orders', orders[5].id, { customer_document_no: 'PO-TRIGGER' });
		const result = await suite.poll(parameters, { staticData });
		expect(idsOf(result)).toEqual([changed.id]);
		expect(result.items[0].json.customer_document_no).toBe('PO-TRIGGER');
		expect(suite.server.log.filter((entry: any) => entry.name === 's200.sop_orders.list').every((entry: any) => entry.headers['x-company'] === '2')).toBe(true);
	});
});
