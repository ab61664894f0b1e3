/*
 * Sage 200 → Customer → Create or Update: customers matched on their reference (the table's natural
 * key), every reference of the run looked up with `or`ed $filter equalities, 100 a request; then
 * created (POST) or updated (PUT by the ID found). Dropped connections after Sage applied a write
 * are settled by reading the record back.
 */
import { apiRequestsOf, decodedQuery, useSage200Suite } from '../setup';

const suite = useSage200Suite({ sage200: { customers: 300 } });
const { run } = suite;

type Json = Record<string, any>;

const customers = () => suite.s200.records(1, 'customers') as Json[];
const byReference = (reference: string) => customers().filter((customer) => customer.reference.toLowerCase() === reference.toLowerCase());
const lookups = () => apiRequestsOf(suite.server).filter((entry: Json) => entry.name === 's200.customers.list');
const writes = () => apiRequestsOf(suite.server).filter((entry: Json) => ['s200.customers.create', 's200.customers.update'].includes(entry.name));
let logStart = 0;
beforeEach(() => {
	logStart = suite.s200.writeLog.length;
});
const applied = () => (suite.s200.writeLog as Json[]).slice(logStart).map((entry) => `${entry.op} ${entry.body?.reference ?? entry.id}`);

const upsert = (extra: Json = {}) => ({
	resource: 'customer',
	operation: 'upsert',
	reference: '={{ $json.reference }}',
	upsertFields: '={{ JSON.stringify($json.fields ?? {}) }}',
	...extra,
});

describe('Sage 200 → Customer → Create or Update', () => {
	test('new references are created, known ones updated by the ID found; each item says which', async () => {
		const known = customers().slice(0, 2);
		const items = [
			{ reference: known[0].reference, fields: { credit_limit: 777 } },
			{ reference: 'UPS00001', fields: { name: 'Upserted Ltd', credit_limit: 100 } },
			// Sage 200 compares references without case: this one is the second known customer.
			{ reference: known[1].reference.toLowerCase(), fields: { name: 'Renamed Ltd' } },
		];
		const result = await run(upsert(), { items });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json._outcome, item.pairedItem])).toEqual([
			['updated', { item: 0 }],
			['created', { item: 1 }],
			['updated', { item: 2 }],
		]);
		expect(result.items[0].json).toMatchObject({ id: known[0].id, credit_limit: 777 });
		expect(byReference('UPS00001')).toHaveLength(1);
		expect(byReference('UPS00001')[0]).toMatchObject({ name: 'Upserted Ltd', credit_limit: 100 });
		expect(customers().find((customer) => customer.id === known[1].id)?.name).toBe('Renamed Ltd');
		// One lookup: an `or` of the three references, asked for one record more than keys.
		expect(lookups()).toHaveLength(1);
		const query = decodedQuery(lookups()[0]);
		expect(query.get('$filter')).toBe(items.map((item) => `reference eq '${item.reference}'`).join(' or '));
		expect(query.get('$top')).toBe('4');
		expect(writes()).toHaveLength(3);
		// The update does not send the key again; the create does.
		expect(applied()).toEqual(expect.arrayContaining([`update ${known[0].id}`, 'create UPS00001', `update ${known[1].id}`]));
	});

	test('250 items, half new: 3 lookups, one write each, nothing written twice', async () => {
		const existing = customers().slice(10, 135);
		const items = [...existing.map((customer) => ({ reference: customer.reference, fields: { credit_limit: 4321 } })), ...Array.from({ length: 125 }, (_, index) => ({ reference: `UB${String(index).padStart(5, '0')}`, fields: { name: `Bulk ${index}` } }))];
		const result = await run(upsert(), { items });
		expect(result.error).toBeUndefined();
		expect(lookups()).toHaveLength(3);
		expect(writes()).toHaveLength(250);
		expect(result.items.filter((item) => item.json._outcome === 'created')).toHaveLength(125);
		expect(result.items.filter((item) => item.json._outcome === 'updated')).toHaveLength(125);
		for (const customer of existing) expect(customers().find((entry) => entry.id === customer.id)?.credit_limit).toBe(4321);
		for (let index = 0; index < 125; index++) expect(byReference(`UB${String(index).padStart(5, '0')}`)).toHaveLength(1);
	});

	test('references that differ only in case are the same customer: refused as duplicates, or merged into one write', async () => {
		const items = [
			{ reference: 'DUPA0001', fields: { name: 'First' } },
			{ reference: 'dupa0001', fields: { name: 'Second', credit_limit: 5 } },
		];
		const refused = await run(upsert(), { items, continueOnFail: true });
		expect(refused.items.map((item) => item.json.error)).toEqual([
			'The key "DUPA0001" is given by items 0 and 1: none of them is written',
			'The key "dupa0001" is given by items 0 and 1: none of them is written',
		]);
		expect(apiRequestsOf(suite.server)).toHaveLength(0);

		const merged = await run(upsert({ upsertOptions: { duplicateKeys: 'merge' } }), { items });
		expect(merged.error).toBeUndefined();
		expect(merged.items.map((item) => [item.json._outcome, item.json.name, item.json.credit_limit])).toEqual([
			['created', 'Second', 5],
			['created', 'Second', 5],
		]);
		expect(byReference('DUPA0001')).toHaveLength(1);
	});

	test('a reference in the JSON that contradicts the Reference parameter is refused before anything is sent', async () => {
		const result = await run(upsert(), { items: [{ reference: 'AAA', fields: { reference: 'BBB', name: 'x' } }] });
		expect(result.error?.message).toBe('"Fields (JSON)" gives reference "BBB", but "Reference" is "AAA"');
		expect(apiRequestsOf(suite.server)).toHaveLength(0);
	});

	test('resources without a natural key do not offer it; a hand-edited workflow is refused naming those that do', async () => {
		const result = await run({ resource: 'customerContact', operation: 'upsert' });
		expect(result.error?.message).toBe('The operation "upsert" is not available for the resource "customerContact"');
		expect(String(result.error?.description)).toContain('Customer, ');
	});

	test('connections dropped after Sage 200 applied the write: every item reports its true outcome, each write applied once', async () => {
		const known = customers().slice(200, 202);
		const items = [
			{ reference: known[0].reference, fields: { credit_limit: 9001 } },
			{ reference: 'DROP0001', fields: { name: 'Dropped create' } },
			{ reference: known[1].reference, fields: { credit_limit: 9002 } },
			{ reference: 'DROP0002', fields: { name: 'Dropped create two' } },
		];
		suite.server.setFaults([
			{ route: 's200.customers.create', kind: 'reset-after-processing' },
			{ route: 's200.customers.update', kind: 'reset-after-processing' },
		]);
		try {
			const result = await run(upsert({ upsertOptions: { concurrency: 2 } }), { items });
			expect(result.error).toBeUndefined();
			expect(suite.server.faultsFired()).toBe(4);
			expect(result.items.map((item) => [item.json._outcome, item.json._confirmedAfter])).toEqual(
				items.map((_, index) => [index % 2 ? 'created' : 'updated', 'The connection to Sage was reset']),
			);
			expect(byReference('DROP0001')).toHaveLength(1);
			expect(byReference('DROP0002')).toHaveLength(1);
			expect(applied().sort()).toEqual(['create DROP0001', 'create DROP0002', `update ${known[0].id}`, `update ${known[1].id}`].sort());
		} finally {
			suite.server.clearFaults();
		}
	});
});

describe("Sage 200 → Customer → Create or Update where Sage's OData layer caps a filter's nodes", () => {
	// ASP.NET Web API OData refuses a $filter past its MaxNodeCount (100 by default there).
	const capped = useSage200Suite({ sage200: { customers: 300, maxFilterNodes: 100 } });
	const cappedLookups = () => apiRequestsOf(capped.server).filter((entry: Json) => entry.name === 's200.customers.list');

	test('a lookup refused for its node count is sent again as two halves, down to what Sage accepts; every item still matched', async () => {
		const known = (capped.s200.records(1, 'customers') as Json[]).slice(0, 50);
		const items = Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? { reference: known[index / 2].reference, fields: { credit_limit: index } } : { reference: `CAP${String(index).padStart(5, '0')}`, fields: { name: `Capped ${index}` } }));
		const result = await capped.run(upsert(), { items });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json._outcome)).toEqual(items.map((_, index) => (index % 2 === 0 ? 'updated' : 'created')));
		// 100 keys: 399 nodes refused, two halves of 199 refused, four quarters of 25 keys (99 nodes) answered.
		const statuses = cappedLookups().map((entry: Json) => entry.status);
		expect(statuses.filter((status: number) => status === 400)).toHaveLength(3);
		expect(statuses.filter((status: number) => status === 200)).toHaveLength(4);
		const answered = cappedLookups().filter((entry: Json) => entry.status === 200);
		expect(answered.map((entry: Json) => decodedQuery(entry).get('$filter')!.split(' or ').length)).toEqual([25, 25, 25, 25]);
		for (const [index, item] of items.entries()) {
			const stored = (capped.s200.records(1, 'customers') as Json[]).filter((customer) => customer.reference === item.reference);
			expect(stored).toHaveLength(1);
			if (index % 2 === 0) expect(stored[0].credit_limit).toBe(index);
		}
	});
});
