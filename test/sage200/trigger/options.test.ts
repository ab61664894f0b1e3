/* Sage 200 Trigger: Start From, Fetch Test Event, Filter, Fields and Expand, bad parameters, failed polls, token renewal. */
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { apiRequestsOf, decodedQuery } from '../setup';
import { idsOf, useTriggerSuite } from './setup';

const suite = useTriggerSuite();

const customers = () => suite.s200.records(1, 'customers') as IDataObject[];
const tick = (ms = 1500) => suite.s200.clock.advance(ms);
const listQueries = (): URLSearchParams[] => suite.server.log.filter((entry: any) => entry.name === 's200.customers.list').map((entry: any) => decodedQuery(entry));
const byChange = (a: IDataObject, b: IDataObject) => String(a.date_time_updated).localeCompare(String(b.date_time_updated)) || (a.id as number) - (b.id as number);

async function activated(parameters: IDataObject = {}): Promise<IDataObject> {
	suite.s200.clock.advance(120_000);
	const staticData: IDataObject = {};
	expect((await suite.poll(parameters, { staticData })).items).toEqual([]);
	suite.server.resetCounters();
	return staticData;
}

describe('Sage 200 Trigger: Start From and Fetch Test Event', () => {
	test('Start From emits the customers changed since then (compared in Sage\'s own time), then only new changes', async () => {
		const startFrom = '2026-10-25T00:00:00';
		const expected = customers()
			.filter((row) => String(row.date_time_updated) >= startFrom)
			.sort(byChange)
			.map((row) => row.id);
		expect(expected.length).toBeGreaterThan(20);
		expect(expected.length).toBeLessThan(1000);
		const staticData: IDataObject = {};
		const first = await suite.poll({ options: { startFrom } }, { staticData });
		// The overlap reaches 60 s before Start From: nothing from that minute is older than it here.
		expect(idsOf(first)).toEqual(expected);
		expect(listQueries()[0].get('$filter')).toBe('date_time_updated ge 2026-10-24T23:59:00');
		expect((await suite.poll({ options: { startFrom } }, { staticData })).items).toEqual([]);
		tick();
		const changed = suite.s200.change(1, 'customers', customers()[50].id);
		expect(idsOf(await suite.poll({ options: { startFrom } }, { staticData }))).toEqual([changed.id]);
	});

	test('a Start From with a zone (an expression such as $now) is read in the workflow\'s time zone, as Sage 200 writes local time', async () => {
		// The engine's workflow has n8n's default time zone, America/New_York (UTC-4 on this date).
		await suite.poll({ options: { startFrom: '2026-10-30T12:00:00.000Z' } }, { staticData: {} });
		expect(listQueries()[0].get('$filter')).toBe('date_time_updated ge 2026-10-30T07:59:00');
	});

	test('Fetch Test Event returns the newest matching customer and leaves the watermark as it was', async () => {
		const newest = [...customers()].sort(byChange).at(-1)!;
		const empty: IDataObject = {};
		const manual = await suite.poll({}, { staticData: empty, mode: 'manual' });
		expect(idsOf(manual)).toEqual([newest.id]);
		expect(manual.items[0].json).toMatchObject({ id: newest.id, date_time_updated: newest.date_time_updated });
		expect(empty).toEqual({});
		expect(listQueries().map((q) => q.get('$top'))).toEqual(['1']);

		const staticData = await activated();
		tick();
		const changed = suite.s200.change(1, 'customers', customers()[60].id, { name: 'Tested Ltd' });
		const before = JSON.stringify(staticData);
		const test = await suite.poll({}, { staticData, mode: 'manual' });
		expect(test.items.map((item) => item.json.name)).toEqual(['Tested Ltd']);
		expect(JSON.stringify(staticData)).toBe(before);
		// The change the test event showed still starts the active workflow, once.
		expect(idsOf(await suite.poll({}, { staticData }))).toEqual([changed.id]);
		expect((await suite.poll({}, { staticData })).items).toEqual([]);

		// Nothing matches: no test event (n8n says so), nothing stored.
		const watermark = JSON.stringify(staticData);
		expect((await suite.poll({ options: { filter: "reference eq 'NO-SUCH-REF'" } }, { staticData, mode: 'manual' })).items).toEqual([]);
		expect(JSON.stringify(staticData)).toBe(watermark);
	});
});

describe('Sage 200 Trigger: Filter, Fields and Expand', () => {
	test('Filter (OData): only matching changes, the filter kept in parentheses next to the position', async () => {
		const parameters = { options: { filter: "startswith(name, 'Match') or name eq 'Old Special Ltd'" } };
		// A record that matches but has not changed since long ago: the position must still apply to it.
		suite.s200.change(1, 'customers', customers()[73].id, { name: 'Old Special Ltd' }, { stamp: '2025-01-01T00:00:00.00' });
		suite.s200.change(1, 'customers', customers()[74].id, { name: 'Match Before Ltd' });
		const staticData = await activated(parameters);
		tick();
		const match = suite.s200.change(1, 'customers', customers()[70].id, { name: 'Match Me Ltd' });
		tick();
		suite.s200.change(1, 'customers', customers()[71].id, { name: 'Other Ltd' });
		tick();
		const special = suite.s200.change(1, 'customers', customers()[72].id, { name: 'Old Special Ltd' });
		const result = await suite.poll(parameters, { staticData });
		expect(idsOf(result)).toEqual([match.id, special.id]);
		expect(listQueries()[0].get('$filter')).toMatch(/^date_time_updated ge [0-9T:.-]+ and \(startswith\(name, 'Match'\) or name eq 'Old Special Ltd'\)$/);
	});

	test('Fields: the fields asked for, plus the ID and the timestamp the trigger needs; Expand: related records', async () => {
		const parameters = { options: { fields: 'name, reference', expand: 'contacts' } };
		const staticData = await activated(parameters);
		tick();
		const changed = suite.s200.change(1, 'customers', customers()[80].id, { name: 'Selected Ltd' });
		const result = await suite.poll(parameters, { staticData });
		expect(result.items).toHaveLength(1);
		expect(Object.keys(result.items[0].json).sort()).toEqual(['contacts', 'date_time_updated', 'id', 'name', 'reference']);
		expect(result.items[0].json).toMatchObject({ id: changed.id, name: 'Selected Ltd', reference: changed.reference });
		expect(Array.isArray(result.items[0].json.contacts)).toBe(true);
		expect([listQueries()[0].get('$select'), listQueries()[0].get('$expand')]).toEqual(['name,reference,id,date_time_updated', 'contacts']);
	});
});

describe('Sage 200 Trigger: bad parameters and failed polls', () => {
	test.each([
		['Filter (OData)', { options: { filter: "name eq 'unclosed" } }],
		['Fields', { options: { fields: 'name;reference' } }],
		['Expand', { options: { expand: 'contacts lines' } }],
		['Max Records Per Poll', { options: { maxRecordsPerPoll: 0 } }],
		['Overlap (Seconds)', { options: { overlapSeconds: -5 } }],
		['Start From', { options: { startFrom: 'yesterday' } }],
		['Trigger On', { event: 'recordDeleted' }],
		['Resource', { resource: 'customApiCall' }],
		['Company', { company: { __rl: true, mode: 'id', value: 'ACME' } }],
		['Site', { site: { __rl: true, mode: 'id', value: '' } }],
		['Simplify', { simple: 'yes' }],
	])('%s: a NodeOperationError naming it, before anything is sent', async (name, parameters) => {
		const staticData: IDataObject = {};
		const error = await suite.poll(parameters as IDataObject, { staticData }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toContain(name);
		expect(suite.server.log).toEqual([]);
		expect(staticData).toEqual({});
	});

	test('a 500 on the read fails the poll with Sage\'s words and moves nothing; the next poll emits the changes', async () => {
		const staticData = await activated();
		tick();
		const changed = suite.s200.change(1, 'customers', customers()[90].id);
		const before = JSON.stringify(staticData);
		suite.server.setFaults([
			{ route: 's200.customers.list', kind: 500, times: 1, body: [{ $severity: 'error', $dataCode: 'InternalError', $message: 'Timeout expired while reading the customer table', $source: '' }] },
		]);
		const error = await suite.poll({}, { staticData }).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(`${(error as NodeApiError).message} ${(error as NodeApiError).description}`).toContain('Timeout expired while reading the customer table');
		expect(JSON.stringify(staticData)).toBe(before);
		expect(idsOf(await suite.poll({}, { staticData }))).toEqual([changed.id]);
	});

	test('a failure on a later page of the poll emits nothing of the earlier pages and moves nothing', async () => {
		const parameters = { options: { maxRecordsPerPoll: 100 } };
		const staticData = await activated(parameters);
		const first = customers().slice(100, 160).map((row) => (tick(100), suite.s200.change(1, 'customers', row.id)));
		expect(idsOf(await suite.poll(parameters, { staticData }))).toEqual(first.map((row) => row.id));
		const second = customers().slice(200, 290).map((row) => (tick(100), suite.s200.change(1, 'customers', row.id)));
		const before = JSON.stringify(staticData);
		suite.server.resetCounters();
		// The poll reads the 60 it emitted and 40 new ones, then fails on the page after.
		suite.server.setFaults([{ route: 's200.customers.list', kind: 500, every: 2 }]);
		await expect(suite.poll(parameters, { staticData })).rejects.toBeInstanceOf(NodeApiError);
		expect(suite.server.count('s200.customers.list')).toBe(2);
		expect(JSON.stringify(staticData)).toBe(before);
		suite.server.clearFaults();
		expect(idsOf(await suite.poll(parameters, { staticData }))).toEqual(second.map((row) => row.id));
	});

	test('a 503 on the read is retried as any read; an expired access token is renewed once through n8n\'s OAuth2', async () => {
		const staticData = await activated();
		tick();
		const changed = suite.s200.change(1, 'customers', customers()[95].id);
		suite.server.setFaults([{ route: 's200.customers.list', kind: 503, times: 1 }]);
		suite.s200.expireAccessTokens();
		expect(idsOf(await suite.poll({}, { staticData }))).toEqual([changed.id]);
		expect(suite.server.count('s200.token')).toBe(1);
		expect(apiRequestsOf(suite.server).filter((entry: any) => entry.fault === 503)).toHaveLength(1);
	});
});

describe('Sage 200 Trigger: Simplify, as Get Many', () => {
	// A gateway that annotates its answers (Sage 200 documents plain JSON).
	const annotated = useTriggerSuite({ odataAnnotations: true, customers: 300 });

	test('on by default: no OData annotations in the items; off: the records as Sage 200 sent them', async () => {
		const rows = () => annotated.s200.records(1, 'customers') as IDataObject[];
		const simplified: IDataObject = {};
		const raw: IDataObject = {};
		await annotated.poll({}, { staticData: simplified });
		await annotated.poll({ simple: false }, { staticData: raw });
		annotated.s200.clock.advance(1500);
		const changed = annotated.s200.change(1, 'customers', rows()[5].id, { name: 'Annotated Ltd' });
		const [on] = (await annotated.poll({}, { staticData: simplified })).items;
		const [off] = (await annotated.poll({ simple: false }, { staticData: raw })).items;
		expect(on.json).toMatchObject({ id: changed.id, name: 'Annotated Ltd' });
		expect(Object.keys(on.json).filter((key) => key.includes('@'))).toEqual([]);
		expect(off.json['@odata.etag']).toEqual(expect.any(String));
		expect({ ...off.json, '@odata.etag': undefined }).toEqual({ ...on.json, '@odata.etag': undefined });
	});
});
