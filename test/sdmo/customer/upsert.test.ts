/*
 * Sage DMO → Customer → Create or Update (upsert by the customer's id): every id of the run looked
 * up in requests of 100, then the missing customers created and the others updated by the _id
 * found; duplicate ids refused or merged. Then what a dropped connection after Sage applied a
 * write gives, on Create or Update, Create, Update and Delete (read back by key: confirmed, or
 * sent again once proven not applied), and on Bulk Update (no key: the outcome is plainly unknown).
 */
import { addCredential, badInputFailsBeforeAnyRequest, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

const graphqlQueries = () =>
	(sandbox.server.log as Json[]).filter((entry) => entry.name === 'sdmo.graphql').map((entry) => String(JSON.parse(entry.rawBody.toString()).query));
const mutations = () => graphqlQueries().filter((query) => /^\s*mutation\b/.test(query)).length;
/** Record lookups and read-backs: queries other than the schema's introspection. */
const lookups = () => graphqlQueries().filter((query) => !/^\s*mutation\b/.test(query) && !query.includes('__schema')).length;
const customer = (id: string) => sandbox.sdmo.customers().find((entry: Json) => entry.id === id);
/** The writes Sage applied, as "op id", in order. */
const writes = () =>
	(sandbox.sdmo.mutationLog as Json[]).map((entry) => `${entry.op} ${entry.data?.id ?? sandbox.sdmo.find('customer', entry._id)?.id ?? entry._id}`);

const upsert = (extra: Json = {}) => ({
	resource: 'customer',
	operation: 'upsert',
	key: '={{ $json.id }}',
	data: '={{ JSON.stringify($json.data) }}',
	options: { fields: '_id id name creditLimit' },
	...extra,
});
/** Every `every`-th mutation loses its answer after Sage ran it. */
const resetAfterWrites = (every: number) => sandbox.server.setFaults([{ route: 'sdmo.graphql', kind: 'reset-after-processing', every, requestBody: /"query":"\s*mutation/ }]);

describe('Create or Update', () => {
	test('new ids are created, known ids updated; each item says which, paired with its input', async () => {
		const id = addCredential();
		const items = [
			{ id: 'FR0001', data: { name: 'Renamed one', creditLimit: 100 } },
			{ id: 'UPS001', data: { name: 'New one', currency: '#EUR', country: '#FR' } },
			{ id: 'GB0002', data: { creditLimit: 200 } },
			{ id: 'UPS002', data: { name: 'New two' } },
		];
		const result = await run(id, upsert(), items);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.id, item.json._outcome, item.pairedItem])).toEqual([
			['FR0001', 'updated', { item: 0 }],
			['UPS001', 'created', { item: 1 }],
			['GB0002', 'updated', { item: 2 }],
			['UPS002', 'created', { item: 3 }],
		]);
		expect(result.items[0].json).toMatchObject({ _id: '1', name: 'Renamed one', creditLimit: 100 });
		expect(customer('UPS001')).toMatchObject({ name: 'New one', isActive: true });
		expect(customer('GB0002').creditLimit).toBe(200);
		// One lookup for the four ids, one mutation per item; the updates went to the _id found.
		expect(lookups()).toBe(1);
		expect(mutations()).toBe(4);
		expect(writes()).toEqual(['update FR0001', 'create UPS001', 'update GB0002', 'create UPS002']);
		expect((sandbox.sdmo.mutationLog as Json[]).filter((entry) => entry.op === 'update').map((entry) => entry.data._id)).toEqual(['1', '2']);
	});

	test('running the same items again updates them: an upsert is safe to repeat', async () => {
		const id = addCredential();
		await run(id, upsert(), [{ id: 'UPS003', data: { name: 'First run' } }]);
		const again = await run(id, upsert(), [{ id: 'UPS003', data: { name: 'Second run' } }]);
		expect(again.items[0].json).toMatchObject({ id: 'UPS003', name: 'Second run', _outcome: 'updated' });
		expect(sandbox.sdmo.customers().filter((entry: Json) => entry.id === 'UPS003')).toHaveLength(1);
	});

	test('250 items, half new: 3 lookups of up to 100 ids, then one write each', async () => {
		const id = addCredential();
		const known = sandbox.sdmo.customers().filter((entry: Json) => entry.isActive).slice(0, 125);
		const items = Array.from({ length: 250 }, (_, index) =>
			index % 2 === 0 ? { id: known[index / 2].id, data: { name: `Bulk ${index}` } } : { id: `UPB${String(index).padStart(4, '0')}`, data: { name: `Bulk ${index}` } },
		);
		const result = await run(id, upsert(), items);
		expect(result.error).toBeUndefined();
		expect(lookups()).toBe(3);
		expect(mutations()).toBe(250);
		const outcomes = result.items.map((item) => item.json._outcome);
		expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(125);
		expect(outcomes.filter((outcome) => outcome === 'updated')).toHaveLength(125);
		expect(result.items.map((item) => (item.pairedItem as Json).item)).toEqual(items.map((_, index) => index));
		for (const [index, item] of items.entries()) expect(customer(item.id).name).toBe(`Bulk ${index}`);
	});

	test('duplicate ids are refused by default: those items fail naming each other, nothing is sent for them', async () => {
		const id = addCredential();
		const items = [
			{ id: 'UPD001', data: { name: 'First' } },
			{ id: 'FR0011', data: { name: 'Fine' } },
			{ id: 'UPD001', data: { name: 'Second' } },
		];
		const result = await run(id, upsert(), items, true);
		expect(result.items.map((item) => item.json._outcome ?? item.json.error)).toEqual([
			'The key "UPD001" is given by items 0 and 2: none of them is written',
			'updated',
			'The key "UPD001" is given by items 0 and 2: none of them is written',
		]);
		expect(customer('UPD001')).toBeUndefined();
		expect(writes()).toEqual(['update FR0011']);

		sandbox.server.resetCounters();
		const stopped = await run(id, upsert(), items);
		expect(stopped.error?.message).toBe('The key "UPD001" is given by items 0 and 2: none of them is written');
		expect(String(stopped.error?.description)).toContain('Merge Into One Write');
		expect(lookups()).toBe(0);
		expect(mutations()).toBe(0);
	});

	test('with Merge Into One Write, items with the same id make one write, later fields winning; each reports it', async () => {
		const id = addCredential();
		const items = [
			{ id: 'UPM001', data: { name: 'First', creditLimit: 5 } },
			{ id: 'UPM001', data: { name: 'Second' } },
		];
		const result = await run(id, upsert({ upsertOptions: { duplicateKeys: 'merge' } }), items);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json._outcome, item.json.name, item.json.creditLimit, item.pairedItem])).toEqual([
			['created', 'Second', 5, { item: 0 }],
			['created', 'Second', 5, { item: 1 }],
		]);
		expect(writes()).toEqual(['create UPM001']);
	});

	test("Sage's refusal fails only its item, with Sage's words", async () => {
		const id = addCredential();
		// US0010 is inactive: Sage refuses to modify it.
		const result = await run(id, upsert(), [{ id: 'US0010', data: { name: 'Locked' } }, { id: 'UPE001', data: { name: 'Fine' } }], true);
		expect(result.items[0].json.error).toMatch(/The record is inactive and cannot be modified|The record was not updated/);
		expect(result.items[0].json._outcome).toBeUndefined();
		expect(result.items[1].json._outcome).toBe('created');
	});
});

badInputFailsBeforeAnyRequest([
	['empty key', { resource: 'customer', operation: 'upsert', key: '={{ "" }}', data: '{"name": "x"}' }, /"Key" must not be empty/],
	['bad key field', { resource: 'customer', operation: 'upsert', keyField: 'id name', key: 'A', data: '{"name": "x"}' }, /"Key Field" must be a field name/],
	['empty data', { resource: 'customer', operation: 'upsert', key: 'A', data: '{}' }, /"Data" must hold at least one field/],
	['key in data differs', { resource: 'customer', operation: 'upsert', key: 'A', data: '{"id": "B"}' }, /"Data" gives id "B", but "Key" is "A"/],
	['bad option', { resource: 'customer', operation: 'upsert', key: 'A', data: '{"name": "x"}', upsertOptions: { concurrency: 0 } }, /Writes in Parallel/],
]);

describe('the connection drops after Sage applied the write', () => {
	afterEach(() => sandbox.server.clearFaults());

	test('Create or Update: every write applied once, every item its true outcome, confirmed by reading it back', async () => {
		const id = addCredential();
		const items = [
			{ id: 'FR0021', data: { name: 'Dropped update' } },
			{ id: 'UPR001', data: { name: 'Dropped create' } },
			{ id: 'GB0022', data: { name: 'Plain update' } },
			{ id: 'UPR002', data: { name: 'Plain create' } },
		];
		resetAfterWrites(2);
		const result = await run(id, upsert({ upsertOptions: { concurrency: 1 } }), items);
		expect(result.error).toBeUndefined();
		expect(sandbox.server.faultsFired()).toBe(2);
		expect(result.items.map((item) => [item.json.id, item.json._outcome, item.json._confirmedAfter ?? null])).toEqual([
			['FR0021', 'updated', null],
			['UPR001', 'created', 'The connection to Sage was reset'],
			['GB0022', 'updated', null],
			['UPR002', 'created', 'The connection to Sage was reset'],
		]);
		expect(writes()).toEqual(['update FR0021', 'create UPR001', 'update GB0022', 'create UPR002']);
		expect(customer('UPR001').name).toBe('Dropped create');
	});

	test.each([
		['create', { operation: 'create', data: '={{ JSON.stringify({ id: $json.id, name: "After " + $json.id }) }}' }, (key: string) => customer(key)?.name === `After ${key}`],
		['update', { operation: 'update', recordId: '={{ "#" + $json.id }}', data: '={{ JSON.stringify({ name: "Changed " + $json.id }) }}' }, (key: string) => customer(key)?.name === `Changed ${key}`],
		['delete', { operation: 'delete', recordId: '={{ "#" + $json.id }}' }, (key: string) => customer(key) === undefined],
	])('%s: a reset after every 2nd write: each applied once, each item its true outcome', async (operation, parameters, done) => {
		const id = addCredential();
		const keys = ['RSA001', 'RSA002', 'RSA003', 'RSA004'];
		// Customers no sales order refers to, so each can be deleted.
		if (operation !== 'create') for (const key of keys) sandbox.sdmo.add('customer', { id: key, name: `Before ${key}`, isActive: true, creditLimit: 0 });
		const idOf = new Map(keys.map((key) => [key, customer(key)?._id]));
		resetAfterWrites(2);
		const result = await run(id, { resource: 'customer', ...parameters }, keys.map((key) => ({ id: key })));
		expect(result.error).toBeUndefined();
		expect(sandbox.server.faultsFired()).toBe(2);
		expect(keys.filter((key) => !done(key))).toEqual([]);
		expect(writes()).toEqual(keys.map((key) => `${operation} ${operation === 'delete' ? idOf.get(key) : key}`));
		const past = `${operation.replace(/e$/, '')}ed`;
		expect(result.items.map((item) => [item.json._outcome ?? null, item.json._confirmedAfter ?? null])).toEqual([
			[null, null],
			[past, 'The connection to Sage was reset'],
			[null, null],
			[past, 'The connection to Sage was reset'],
		]);
		if (operation === 'delete') expect(result.items[1].json).toMatchObject({ deleted: true, recordId: '#RSA002' });
		else expect(result.items[1].json).toMatchObject({ id: 'RSA002', name: operation === 'create' ? 'After RSA002' : 'Changed RSA002' });
	});

	test('a 503 before Sage ran the write: read back, proven not applied, sent again once', async () => {
		const id = addCredential();
		sandbox.server.setFaults([{ route: 'sdmo.graphql', kind: 503, times: 1, requestBody: /"query":"\s*mutation/ }]);
		const result = await run(id, { resource: 'customer', operation: 'update', recordId: '#FR0041', data: '{"name": "Sent twice, applied once"}' });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ _id: '41', name: 'Sent twice, applied once', _outcome: 'updated', _confirmedAfter: 'Service Unavailable (not applied; sent again)' });
		expect(writes()).toEqual(['update FR0041']);
	});

	test('a create whose Data has no key field: the error says plainly the outcome is unknown and how to check', async () => {
		const id = addCredential();
		resetAfterWrites(1);
		const result = await run(id, { resource: 'customer', operation: 'create', data: '{"id": "RSN001", "name": "No check"}', options: { keyField: '' } }, [{}], true);
		expect(result.items[0].json.error).toBe('Creating customer failed: The connection to Sage was reset. The outcome is unknown: Sage may have applied the write before the connection dropped');
		expect(result.items[0].json.description).toMatch(/No key identifies the record.*Get Many/);
		expect(result.items[0].json._outcome).toBe('unknown');
		// It was applied, and nothing was sent again.
		expect(writes()).toEqual(['create RSN001']);
	});

	test('Bulk Update has no key to read back: its error says plainly the outcome is unknown', async () => {
		const id = addCredential();
		resetAfterWrites(1);
		const result = await run(id, { resource: 'customer', operation: 'bulkUpdate', filter: "{country: {id: 'US'}}", data: '{"creditLimit": 7}' }, [{}], true);
		expect(result.items[0].json.error).toMatch(/^Bulk updating customer failed: The connection to Sage was reset\. The outcome is unknown/);
		expect(result.items[0].json.description).toContain("Get Many with the filter {country: {id: 'US'}}");
		expect(result.items[0].json._outcome).toBe('unknown');
		expect(mutations()).toBe(1);
	});
});
