/**
 * Sage DMO Trigger: each change emitted once, through n8n's PollContext against the sandbox (which
 * stamps records with its own clock on create and update).
 */
import type { IDataObject } from 'n8n-workflow';

import { stampsAfterNow, useSdmoTriggerSuite, type Json, type TriggerSuite } from './setup';

const suite = useSdmoTriggerSuite();
const customers = { event: 'recordUpdated', resource: 'customer' };
const keys = (items: Json[]) => items.map((item) => item._id);
const byStampThenId = (a: Json, b: Json) => Date.parse(a._updateStamp) - Date.parse(b._updateStamp) || Number(a._id) - Number(b._id);

/** Activates the trigger: the first poll emits nothing and remembers where Sage is. */
async function activate(parameters: Json = customers, on: TriggerSuite = suite): Promise<IDataObject> {
	const staticData: IDataObject = {};
	expect(await on.poll(parameters, staticData)).toEqual([]);
	expect(staticData.sageChangeWatermark).toBeDefined();
	return staticData;
}

describe('records created or updated between polls are emitted exactly once', () => {
	test('an update and a create, in change order, with the shape of Get Many; a second change of a record comes again', async () => {
		const { sandbox } = suite;
		const staticData = await activate();
		sandbox.sdmo.change('customer', '5', { name: 'Changed Five' });
		const created = sandbox.sdmo.add('customer', { id: 'NEW0001', name: 'New One', isActive: true, currency: '1', country: '1', creditLimit: 0 });
		const items = await suite.poll(customers, staticData);
		expect(keys(items)).toEqual(['5', created._id]);
		expect(items[0].name).toBe('Changed Five');
		// The same record as Get Many returns it, field for field.
		const [fromGetMany] = await suite.getMany({ resource: 'customer', operation: 'getMany', filter: "{_id: '5'}", returnAll: true });
		expect(items[0]).toEqual(fromGetMany);
		expect(await suite.poll(customers, staticData)).toEqual([]);

		sandbox.sdmo.change('customer', '5', { name: 'Changed Again' });
		const again = await suite.poll(customers, staticData);
		expect(keys(again)).toEqual(['5']);
		expect(again[0].name).toBe('Changed Again');
		expect(await suite.poll(customers, staticData)).toEqual([]);
	});

	test('Record Created ignores updates: only new records, by _createStamp', async () => {
		const { sandbox } = suite;
		const created = { ...customers, event: 'recordCreated', timestampField: '_createStamp' };
		const staticData = await activate(created);
		sandbox.sdmo.change('customer', '7', { name: 'Updated only' });
		const record = sandbox.sdmo.add('customer', { id: 'NEW0002', name: 'Created', isActive: true });
		expect(keys(await suite.poll(created, staticData))).toEqual([record._id]);
		sandbox.sdmo.change('customer', record._id, { name: 'Created, then updated' });
		expect(await suite.poll(created, staticData)).toEqual([]);
	});

	test('50 records sharing one timestamp across page boundaries: each once, in key order, the polls continuing', async () => {
		const { sandbox } = suite;
		const parameters = { ...customers, options: { maxRecordsPerPoll: 20 } };
		const staticData = await activate(parameters);
		const [shared] = stampsAfterNow(sandbox, 1);
		const ids = Array.from({ length: 50 }, (_, index) => String(101 + index * 3));
		for (const id of ids) sandbox.sdmo.change('customer', id, {}, { stamp: shared });

		const polls: string[][] = [];
		for (let poll = 0; poll < 4; poll++) polls.push(keys(await suite.poll(parameters, staticData)));
		expect(polls.map((emitted) => emitted.length)).toEqual([20, 20, 10, 0]);
		expect(polls.flat()).toEqual(ids);
		for (const emitted of polls.flat()) expect(sandbox.sdmo.find('customer', emitted)._updateStamp).toBe(shared);
	});
});

describe('a server that sends 10 records a page (pageCap): one read follows several cursors', () => {
	const capped = useSdmoTriggerSuite({ sdmo: { pageCap: 10 } });

	test('a record updated while the poll pages is emitted with its new stamp: nothing lost, each change once', async () => {
		const { sandbox } = capped;
		const staticData = await activate(customers, capped);
		const stamps = stampsAfterNow(sandbox, 27, 5);
		const ids = Array.from({ length: 25 }, (_, index) => String(index + 1));
		ids.forEach((id, index) => sandbox.sdmo.change('customer', id, { creditLimit: index }, { stamp: stamps[index] }));
		let queries = 0;
		sandbox.sdmo.setBeforeQuery((entity: string) => {
			if (entity !== 'customer' || ++queries !== 2) return;
			// While the trigger reads its second page: customer 3 (already read) and 20 (not read yet) change.
			sandbox.sdmo.change('customer', '3', { name: 'Three again' }, { stamp: stamps[25] });
			sandbox.sdmo.change('customer', '20', { name: 'Twenty again' }, { stamp: stamps[26] });
		});
		const items = await capped.poll(customers, staticData);
		expect(queries).toBeGreaterThanOrEqual(3);
		expect(keys(items)).toEqual([...ids.filter((id) => id !== '20'), '3', '20']);
		// 3 twice: its first change (as read before the second) and its second.
		expect(items.filter((item) => item._id === '3').map((item) => item.name)).toEqual([expect.not.stringMatching('again'), 'Three again']);
		expect(items.find((item) => item._id === '20')!.name).toBe('Twenty again');
		sandbox.sdmo.setBeforeQuery(undefined);
		expect(await capped.poll(customers, staticData)).toEqual([]);
	});
});

describe('watermark', () => {
	test('a restart (static data reloaded from the database) goes on where it was', async () => {
		const { sandbox } = suite;
		const staticData = await activate();
		sandbox.sdmo.change('customer', '11', { name: 'Before the restart' });
		expect(keys(await suite.poll(customers, staticData))).toEqual(['11']);

		suite.restart();
		const reloaded = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		sandbox.sdmo.change('customer', '12', { name: 'After the restart' });
		expect(keys(await suite.poll(customers, reloaded))).toEqual(['12']);
		expect(await suite.poll(customers, JSON.parse(JSON.stringify(reloaded)))).toEqual([]);
	});

	test('Start From backfills on activation: every record changed since then, oldest first, Max Records Per Poll at a time', async () => {
		const { sandbox } = suite;
		const startFrom = '2022-04-20T00:00:00.000Z';
		const expected = sandbox.sdmo
			.records('customer')
			.filter((record: Json) => Date.parse(record._updateStamp) >= Date.parse(startFrom))
			.sort(byStampThenId)
			.map((record: Json) => record._id);
		expect(expected.length).toBeGreaterThan(100);
		const parameters = { ...customers, options: { startFrom, maxRecordsPerPoll: 100 } };
		const staticData: IDataObject = {};
		const emitted: string[] = [];
		for (let poll = 0; poll < 10; poll++) {
			const items = keys(await suite.poll(parameters, staticData));
			expect(items.length).toBeLessThanOrEqual(100);
			if (items.length === 0) break;
			emitted.push(...items);
		}
		expect(emitted).toEqual(expected);
	});

	test('Start From without a zone is the workflow\'s time zone', async () => {
		const { sandbox } = suite;
		const { getGlobalState } = await import('n8n-workflow');
		const { DateTime } = await import('luxon');
		const local = '2022-05-20T06:00:00';
		const since = DateTime.fromISO(local, { zone: getGlobalState().defaultTimezone }).toMillis();
		const expected = sandbox.sdmo
			.records('customer')
			.filter((record: Json) => Date.parse(record._updateStamp) >= since)
			.sort(byStampThenId)
			.map((record: Json) => record._id);
		expect(expected.length).toBeGreaterThan(0);
		const items = await suite.poll({ ...customers, options: { startFrom: local } }, {});
		expect(keys(items)).toEqual(expected);
	});

	test('Fetch Test Event returns the most recently changed record and leaves the watermark as it was', async () => {
		const { sandbox } = suite;
		const staticData = await activate();
		const before = JSON.parse(JSON.stringify(staticData));
		sandbox.sdmo.change('customer', '42', { name: 'Newest' });
		const newest = await suite.poll(customers, staticData, 'manual');
		expect(keys(newest)).toEqual(['42']);
		expect(staticData).toEqual(before);
		// The change is still to come for the activated workflow.
		expect(keys(await suite.poll(customers, staticData))).toEqual(['42']);

		const never: IDataObject = {};
		expect(keys(await suite.poll(customers, never, 'manual'))).toEqual(['42']);
		expect(never).toEqual({});
	});

	test('Max Records Per Poll: the rest comes with the next polls, in change order', async () => {
		const { sandbox } = suite;
		const parameters = { ...customers, options: { maxRecordsPerPoll: 10 } };
		const staticData = await activate(parameters);
		const stamps = stampsAfterNow(sandbox, 25, 1000);
		const ids = Array.from({ length: 25 }, (_, index) => String(2000 - index * 7));
		ids.forEach((id, index) => sandbox.sdmo.change('customer', id, {}, { stamp: stamps[index] }));
		const polls: string[][] = [];
		for (let poll = 0; poll < 4; poll++) polls.push(keys(await suite.poll(parameters, staticData)));
		expect(polls).toEqual([ids.slice(0, 10), ids.slice(10, 20), ids.slice(20), []]);
	});

	test('a poll costs one page (the schema read at activation is kept in static data); a token only when it expired', async () => {
		const { sandbox } = suite;
		const staticData = await activate();
		sandbox.server.resetCounters();
		sandbox.sdmo.change('customer', '9', { name: 'Nine' });
		expect(keys(await suite.poll(customers, staticData))).toEqual(['9']);
		expect(await suite.poll(customers, staticData)).toEqual([]);
		expect({ token: suite.count('sdmo.token'), graphql: suite.count('sdmo.graphql') }).toEqual({ token: 0, graphql: 2 });
		sandbox.sdmo.expireAccessTokens();
		expect(await suite.poll(customers, staticData)).toEqual([]);
		expect(suite.count('sdmo.token')).toBe(1);
	});

	test('a failed poll (500 on the read) throws and moves nothing: the next poll emits the changes', async () => {
		const { sandbox } = suite;
		const staticData = await activate();
		const before = JSON.parse(JSON.stringify(staticData));
		sandbox.sdmo.change('customer', '8', { name: 'Eight' });
		// After activation a poll sends only its read: the next GraphQL request.
		sandbox.server.setFaults([{ route: 'sdmo.graphql', kind: 500, times: 1 }]);
		const failure = await suite.poll(customers, staticData).then(
			() => undefined,
			(error: Error) => error,
		);
		expect(failure?.name).toBe('NodeApiError');
		expect(sandbox.server.faultsFired()).toBe(1);
		expect(staticData).toEqual(before);
		sandbox.server.clearFaults();
		expect(keys(await suite.poll(customers, staticData))).toEqual(['8']);
	});
});

describe('Filter, Fields and Simplify', () => {
	test('Simplify (on by default, as in Get Many): a collection in Fields becomes a list; off, it is as Sage sent it', async () => {
		const { sandbox } = suite;
		const fields = '_id number lines { query { edges { node { _id quantity } } } }';
		const parameters = { event: 'recordUpdated', resource: 'salesOrder', options: { fields } };
		const staticData = await activate(parameters);
		const [first, second] = stampsAfterNow(sandbox, 2, 5);
		sandbox.sdmo.change('salesOrder', '4', {}, { stamp: first });
		const [simplified] = await suite.poll(parameters, staticData);
		const [fromGetMany] = await suite.getMany({ resource: 'entity', operation: 'getMany', entity: 'xtremSales.salesOrder', filter: "{_id: '4'}", returnAll: true, options: { fields } });
		expect(simplified).toEqual(fromGetMany);
		expect(Array.isArray(simplified.lines)).toBe(true);
		expect(simplified.lines.length).toBeGreaterThan(0);

		const raw = { ...parameters, simple: false };
		sandbox.sdmo.change('salesOrder', '4', {}, { stamp: second });
		const [unsimplified] = await suite.poll(raw, staticData);
		expect(unsimplified.lines.query.edges.map((edge: Json) => edge.node)).toEqual(simplified.lines);
	});

	test('only records matching the Filter start the workflow, with the Fields asked for', async () => {
		const { sandbox } = suite;
		const parameters = { ...customers, options: { filter: '{isActive: true}', fields: 'id name' } };
		const staticData = await activate(parameters);
		expect(sandbox.sdmo.find('customer', '10').isActive).toBe(false);
		sandbox.sdmo.change('customer', '10', { name: 'Inactive, changed' });
		sandbox.sdmo.change('customer', '13', { name: 'Active, changed' });
		const items = await suite.poll(parameters, staticData);
		expect(items).toEqual([{ id: sandbox.sdmo.find('customer', '13').id, name: 'Active, changed' }]);
	});

	test('another Filter is another stream of changes: it starts over from now', async () => {
		const { sandbox } = suite;
		const staticData = await activate();
		sandbox.sdmo.change('customer', '21', { name: 'Twenty-one' });
		expect(await suite.poll({ ...customers, options: { filter: '{isActive: true}' } }, staticData)).toEqual([]);
		sandbox.sdmo.change('customer', '22', { name: 'Twenty-two' });
		expect(keys(await suite.poll({ ...customers, options: { filter: '{isActive: true}' } }, staticData))).toEqual(['22']);
	});
});
