/*
 * Sage X3 Trigger → poll, through n8n-core's PollContext against the sandbox: the watermark in the
 * node's static data, keyset paging by timestamp then key, on the older schema (SEED), V12 (X3) and
 * a folder whose stamp has a name of its own (MINI), with the stamp formats X3 may send.
 */
import type { IDataObject } from 'n8n-workflow';

import { SageX3Trigger } from '../../../nodes/SageX3Trigger/SageX3Trigger.node';
import { folder, useX3Suite, type X3Suite } from '../setup';

type Parameters = Record<string, unknown>;

const customers = (folderName: string, extra: Parameters = {}): Parameters => ({ event: 'recordUpdated', folder: folder(folderName), resource: 'customer', ...extra });

function pollWith(suite: X3Suite) {
	return async (parameters: Parameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') =>
		await suite.engine.poll({ type: 'sageX3Trigger', parameters: parameters as never, credentials: { sageX3Api: suite.credentialId }, staticData, mode });
}

/** The key of each emitted customer: its code (older schema) or _id (V12). */
const keysOf = (items: Array<{ json: IDataObject }>) => items.map((item) => String(item.json.code ?? item.json._id ?? item.json.id));

/** Moves the sandbox clock on, so the next stamps are newer (X3 datetimes may hold whole seconds). */
const tick = (suite: X3Suite, ms = 1500) => suite.sandbox.x3.clock.advance(ms);

const codes = (from: number, count: number) => Array.from({ length: count }, (_, index) => `AE${String(from + index).padStart(4, '0')}`);

const graphqlBodies = (suite: X3Suite) =>
	suite.sandbox.server.log.filter((entry: { name: string }) => entry.name === 'x3.graphql').map((entry: { rawBody: Buffer }) => JSON.parse(entry.rawBody.toString()));

describe.each(['milliseconds', 'seconds', 'offset'])('stamps written as %s', (stampFormat) => {
	const suite = useX3Suite({ sandbox: { stampFormat }, nodes: { sageX3Trigger: new SageX3Trigger() } });
	const poll = pollWith(suite);

	test.each(['SEED', 'X3'])('on %s, records created and updated between polls are emitted exactly once, oldest first', async (folderName) => {
		const staticData: IDataObject = {};
		expect((await poll(customers(folderName), staticData)).items).toEqual([]);
		expect(staticData.sageChangeWatermark).toBeDefined();
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0007'], { changes: { companyName: 'Changed 7' } });
		tick(suite);
		suite.sandbox.x3.addCustomer({ code: `NEW${folderName}`, companyName: 'Brand new' });
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0003']);
		const first = await poll(customers(folderName), staticData);
		expect(keysOf(first.items)).toEqual(['AE0007', `NEW${folderName}`, 'AE0003']);
		expect(first.items[0].json.companyName).toBe('Changed 7');
		// Records with the same shape as Get Many's: no aliases, no trigger fields.
		expect(Object.keys(first.items[0].json)).not.toContain('sageTriggerKey');
		expect((await poll(customers(folderName), staticData)).items).toEqual([]);
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0007'], { changes: { companyName: 'Changed again' } });
		const again = await poll(customers(folderName), staticData);
		expect(keysOf(again.items)).toEqual(['AE0007']);
		expect(again.items[0].json.companyName).toBe('Changed again');
		expect((await poll(customers(folderName), staticData)).items).toEqual([]);
	});

	test('records sharing one timestamp across a page boundary are emitted once each: 80 then 50 sharing a stamp, and 150 sharing one', async () => {
		const staticData: IDataObject = {};
		await poll(customers('SEED'), staticData);
		tick(suite);
		suite.sandbox.x3.touch('customer', codes(101, 80));
		tick(suite);
		const shared = suite.sandbox.x3.touch('customer', codes(201, 50));
		const mixed = await poll(customers('SEED'), staticData);
		expect(keysOf(mixed.items)).toEqual([...codes(101, 80), ...codes(201, 50)]);
		expect(mixed.items.slice(80).every((item) => item.json.updatedAt === shared)).toBe(true);
		tick(suite);
		suite.sandbox.x3.touch('customer', codes(301, 150));
		suite.sandbox.server.resetCounters();
		const same = await poll(customers('SEED'), staticData);
		expect(keysOf(same.items)).toEqual(codes(301, 150));
		// Pages are asked by timestamp and key, never by cursor: a page of 100 at one stamp, the rest after its last key.
		const lists = graphqlBodies(suite).filter((body: { query: string }) => body.query.includes('SageList'));
		expect(lists.every((body: { variables: IDataObject }) => body.variables.after === null)).toBe(true);
		expect(lists.some((body: { variables: IDataObject }) => String(body.variables.filter).includes("code: {$gt: 'AE0400'}"))).toBe(true);
		expect((await poll(customers('SEED'), staticData)).items).toEqual([]);
	});

	test('a restart (static data reloaded from the database) neither loses nor repeats a record', async () => {
		let staticData: IDataObject = {};
		await poll(customers('X3'), staticData);
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0011', 'AE0012']);
		expect(keysOf((await poll(customers('X3'), staticData)).items)).toEqual(['AE0011', 'AE0012']);
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0013']);
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect(keysOf((await poll(customers('X3'), staticData)).items)).toEqual(['AE0013']);
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		expect((await poll(customers('X3'), staticData)).items).toEqual([]);
	});
});

describe('the watermark', () => {
	const suite = useX3Suite({ sandbox: { folders: ['MINI'], stampFormat: 'seconds' }, credential: { folders: ['SEED', 'X3', 'MINI'] }, nodes: { sageX3Trigger: new SageX3Trigger() } });
	const poll = pollWith(suite);
	afterEach(() => suite.sandbox.x3.onGraphql(undefined));

	test('records updated while a poll pages are not lost: one moved behind the pages read comes again, one not read yet comes once', async () => {
		const staticData: IDataObject = {};
		await poll(customers('SEED'), staticData);
		tick(suite);
		const first = suite.sandbox.x3.touch('customer', codes(501, 150));
		let lists = 0;
		let moved = '';
		suite.sandbox.x3.onGraphql(({ query }: { query: string }) => {
			if (!query.includes('SageList') || ++lists !== 2) return;
			tick(suite);
			moved = suite.sandbox.x3.touch('customer', ['AE0510', 'AE0620'], { changes: { category: 'KEY' } });
		});
		const during = await poll(customers('SEED'), staticData);
		const next = await poll(customers('SEED'), staticData);
		const emitted = [...during.items, ...next.items].map((item) => `${item.json.code}@${item.json.updatedAt}`);
		expect(new Set(emitted).size).toBe(emitted.length);
		for (const code of codes(501, 150).filter((code) => code !== 'AE0620')) expect(emitted).toContain(`${code}@${first}`);
		expect(emitted).toContain(`AE0510@${moved}`);
		expect(emitted.filter((entry) => entry.startsWith('AE0620@'))).toEqual([`AE0620@${moved}`]);
		expect(emitted).toHaveLength(151);
	});

	test('Start From emits the records changed since then on activation; without it, activation emits nothing', async () => {
		tick(suite, 60_000);
		const since = new Date(suite.sandbox.x3.clock.now()).toISOString();
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0021', 'AE0022']);
		const backfill = await poll(customers('SEED', { options: { startFrom: since } }), {});
		expect(keysOf(backfill.items)).toEqual(['AE0021', 'AE0022']);
		expect((await poll(customers('SEED'), {})).items).toEqual([]);
		// From the beginning, at most Max Records Per Poll, oldest first.
		const history = await poll(customers('SEED', { options: { startFrom: '2016-12-31T00:00:00', maxRecordsPerPoll: 3 } }), {});
		expect(keysOf(history.items)).toEqual(['AE0001', 'AE0002', 'AE0003']);
	});

	test('Max Records Per Poll: the rest comes with the next polls, in order', async () => {
		const staticData: IDataObject = {};
		const parameters = customers('X3', { options: { maxRecordsPerPoll: 3 } });
		await poll(parameters, staticData);
		const changed = codes(31, 7);
		for (const code of changed) {
			tick(suite, 1000);
			suite.sandbox.x3.touch('customer', [code]);
		}
		const polls = [];
		for (let round = 0; round < 4; round++) polls.push(keysOf((await poll(parameters, staticData)).items));
		expect(polls).toEqual([changed.slice(0, 3), changed.slice(3, 6), changed.slice(6), []]);
	});

	test('Fetch Test Event returns the newest matching record and leaves the watermark alone', async () => {
		const staticData: IDataObject = {};
		await poll(customers('SEED'), staticData);
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0041', 'AE0042']);
		const before = JSON.parse(JSON.stringify(staticData));
		const manual = await poll(customers('SEED'), staticData, 'manual');
		expect(keysOf(manual.items)).toEqual(['AE0042']);
		expect(staticData).toEqual(before);
		expect(keysOf((await poll(customers('SEED'), staticData)).items)).toEqual(['AE0041', 'AE0042']);
	});

	test('a failed poll (X3 answers 500 on the read) throws with X3\'s words and moves nothing', async () => {
		const staticData: IDataObject = {};
		await poll(customers('SEED'), staticData);
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0051']);
		const before = JSON.parse(JSON.stringify(staticData));
		suite.sandbox.x3.onGraphql(({ query }: { query: string }) => {
			if (query.includes('SageList')) suite.sandbox.x3.failGraphQL(1, { afterExecute: true });
		});
		await expect(poll(customers('SEED'), staticData)).rejects.toThrow(/An unexpected error occurred while processing the request/);
		expect(staticData).toEqual(before);
		suite.sandbox.x3.onGraphql(undefined);
		expect(keysOf((await poll(customers('SEED'), staticData)).items)).toEqual(['AE0051']);
	});

	test.each([
		['SEED', "{country: 'FR'}"],
		['X3', "{country: {_eq: 'FR'}}"],
	])('on %s, Filter %s and Fields are honoured', async (folderName, filter) => {
		const parameters = customers(folderName, { options: { filter, fields: ['companyName', 'country'] } });
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		tick(suite);
		// AE0006 and AE0012 are French, AE0007 British.
		suite.sandbox.x3.touch('customer', ['AE0006', 'AE0007', 'AE0012'], { changes: { companyName: 'Filtered' } });
		const result = await poll(parameters, staticData);
		expect(result.items.map((item) => item.json)).toEqual([
			{ companyName: 'Filtered', country: 'FR' },
			{ companyName: 'Filtered', country: 'FR' },
		]);
	});

	test('a Filter on the timestamp field itself is joined with the dialect\'s and', async () => {
		const parameters = customers('SEED', { options: { filter: "{updatedAt: {$gte: '2020-01-01T00:00:00Z'}}" } });
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0061']);
		expect(keysOf((await poll(parameters, staticData)).items)).toEqual(['AE0061']);
	});

	test('sales orders: updDatTim on the older schema, _updateStamp on V12, keyed as Entity Get keys them', async () => {
		for (const [folderName, field, key] of [
			['SEED', 'updDatTim', 'id'],
			['X3', '_updateStamp', '_id'],
		]) {
			const parameters = { event: 'recordUpdated', folder: folder(folderName), resource: 'salesOrder' };
			const staticData: IDataObject = {};
			await poll(parameters, staticData);
			tick(suite);
			const stamp = suite.sandbox.x3.touch('salesOrder', ['SO000004', 'SO000002']);
			const result = await poll(parameters, staticData);
			expect(result.items.map((item) => [item.json[key], item.json[field]])).toEqual([
				['SO000002', stamp],
				['SO000004', stamp],
			]);
		}
	});

	test('Record Created watches the creation stamp: a new record comes, an update does not', async () => {
		const parameters = customers('SEED', { event: 'recordCreated' });
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0071']);
		suite.sandbox.x3.addCustomer({ code: 'CREATED1', companyName: 'Created' });
		expect(keysOf((await poll(parameters, staticData)).items)).toEqual(['CREATED1']);
	});

	test('any entity with a date and time field: V12 suppliers by updatedAt', async () => {
		const parameters = { event: 'recordUpdated', folder: folder('X3'), resource: 'entity', entity: 'x3MasterData.supplier', options: { fields: ['_id', 'updatedAt'] } };
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		tick(suite);
		const store = suite.sandbox.x3.store();
		const supplier = store.suppliers.find((candidate: { code: string }) => candidate.code === 'SU0005');
		supplier.updatedAt = suite.sandbox.x3.stamp();
		expect((await poll(parameters, staticData)).items.map((item) => item.json)).toEqual([{ _id: 'SU0005', updatedAt: supplier.updatedAt }]);
	});

	test('on MINI, whose stamp has a name of its own, the trigger asks for the field, then watches it', async () => {
		await expect(poll(customers('MINI'), {})).rejects.toThrow(/Choose the "Timestamp Field" for sage.x3BusinessPartners.customer/);
		await expect(poll(customers('MINI'), {})).rejects.toMatchObject({ description: expect.stringContaining('Date and time fields of Customer: modifiedOn') });
		const parameters = customers('MINI', { timestampField: 'modifiedOn' });
		const staticData: IDataObject = {};
		await poll(parameters, staticData);
		tick(suite);
		suite.sandbox.x3.touch('customer', ['AE0081']);
		const result = await poll(parameters, staticData);
		expect(result.items.map((item) => item.json.code)).toEqual(['AE0081']);
		expect(Object.keys(result.items[0].json)).toEqual(['code', 'companyName', 'country', 'modifiedOn']);
		await expect(poll(customers('MINI', { timestampField: 'country' }), {})).rejects.toThrow(/names a field that holds no date and time/);
	});

	test.each([
		['Filter', { options: { filter: '{country: }' } }, /"Filter" is not a valid Sage expression/],
		['Fields', { options: { fields: 'code {' } }, /Fields/],
		['Max Records Per Poll', { options: { maxRecordsPerPoll: 0 } }, /"Max Records Per Poll" must be a whole number/],
		['Overlap (Seconds)', { options: { overlapSeconds: -1 } }, /"Overlap \(Seconds\)" must be a number from 0 to 3600/],
		['Start From', { options: { startFrom: 'yesterday' } }, /"Start From" must be a date and time/],
		['Timestamp Field', { timestampField: 'updated at' }, /"Timestamp Field" must be a field name/],
		['Folder', { folder: folder('') }, /"Folder" must not be empty/],
		['Entity', { resource: 'entity', entity: '' }, /"Entity" must not be empty/],
		['Trigger On', { event: 'recordDeleted' }, /"Trigger On" must be Record Created or Record Updated/],
	])('a bad %s is a NodeOperationError naming it, before anything is sent', async (_name, extra, message) => {
		const error = await poll(customers('SEED', extra as Parameters), {}).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).constructor.name).toBe('NodeOperationError');
		expect((error as Error).message).toMatch(message);
		expect(suite.sandbox.server.log).toHaveLength(0);
	});
});
