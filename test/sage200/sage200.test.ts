/* The Sage 200 node run through n8n's execution engine against the Sage 200 sandbox over HTTP. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Sage200OAuth2Api } from '../../credentials/Sage200OAuth2Api.credentials';
import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { Engine } from '../harness/engine';
import { sage200CredentialData } from '../harness/sandbox-credentials';

const { startSandbox } = require('../sandbox');

let sandbox: any;
let s200: any;
let server: any;
let engine: Engine;
let credentialCounter = 0;

beforeAll(async () => {
	// A little latency lets concurrent pages overlap on the server, so the in-flight bound is really exercised.
	sandbox = await startSandbox({ latencyMs: 15 });
	s200 = sandbox.sage200;
	server = sandbox.server;
	engine = new Engine({ nodes: { sage200: new Sage200() }, credentials: [new Sage200OAuth2Api()] });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => server.resetCounters());

/** A connected credential, as n8n stores it after the OAuth2 callback. */
function addCredential(overrides: IDataObject = {}, tokenData: IDataObject = s200.issue()): string {
	const id = `c${++credentialCounter}`;
	engine.addCredential(id, 'sage200OAuth2Api', { ...sage200CredentialData(s200, tokenData), ...overrides });
	return id;
}

const site = (value: string = s200.demo.siteId) => ({ __rl: true, mode: 'id', value });
const company = (value: string | number = 1) => ({ __rl: true, mode: 'id', value: String(value) });

async function run(parameters: INodeParameters, options: { credential?: string; items?: IDataObject[]; continueOnFail?: boolean } = {}) {
	return await engine.run({
		type: 'sage200',
		parameters: { site: site(), company: company(), ...parameters },
		credentials: { sage200OAuth2Api: options.credential ?? addCredential() },
		items: options.items,
		continueOnFail: options.continueOnFail,
	});
}

const apiRequests = () => server.log.filter((entry: any) => entry.name.startsWith('s200.') && entry.name !== 's200.token');
const decodedQuery = (entry: any) => new URLSearchParams(entry.query);

describe('Sage 200 node: customers', () => {
	test('Get returns the customer with the transport adding subscription key, X-Company and X-Site', async () => {
		const r = await run({ resource: 'customer', operation: 'get', recordId: '27828' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		expect(r.items[0].json).toMatchObject({ id: 27828, reference: 'ABS001', name: 'ABS Garages Ltd', balance: 2464.16 });
		expect(r.items[0].pairedItem).toEqual({ item: 0 });
		const [request] = apiRequests();
		expect(request.name).toBe('s200.customers.get');
		expect(request.headers['ocp-apim-subscription-key']).toBe(s200.demo.subscriptionKey);
		expect(request.headers['x-company']).toBe('1');
		expect(request.headers['x-site']).toBe(s200.demo.siteId);
		expect(request.headers.authorization).toMatch(/^Bearer /);
	});

	test('Get with $select and $expand', async () => {
		const r = await run({ resource: 'customer', operation: 'get', recordId: '27828', getOptions: { select: 'id, name', expand: 'contacts' } });
		expect(r.error).toBeUndefined();
		expect(Object.keys(r.items[0].json).sort()).toEqual(['contacts', 'id', 'name']);
		expect(decodedQuery(apiRequests()[0]).get('$select')).toBe('id,name');
	});

	test('Get Many with a limit sends one ordered request', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 7 });
		expect(r.error).toBeUndefined();
		const expected = s200.records(1, 'customers').slice(0, 7).map((c: any) => c.id);
		expect(r.items.map((i) => i.json.id)).toEqual(expected);
		expect(server.count('s200.customers.list')).toBe(1);
		const q = decodedQuery(apiRequests()[0]);
		expect([q.get('$top'), q.get('$skip'), q.get('$orderby')]).toEqual(['7', '0', 'id']);
	});

	test('Get Many with a limit above the page size pages with $skip', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 2500, listOptions: { pageSize: 1000, concurrency: 2 } });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.id)).toEqual(s200.records(1, 'customers').slice(0, 2500).map((c: any) => c.id));
		const tops = apiRequests().map((e: any) => [decodedQuery(e).get('$skip'), decodedQuery(e).get('$top')]);
		expect(tops.sort()).toEqual([['0', '1000'], ['1000', '1000'], ['2000', '500']]);
	});

	test('Return All: all 12,000 customers of company 1 and all of company 2, never mixed, in-flight bounded', async () => {
		const concurrency = 3;
		const r = await run(
			{
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				company: '={{ $json.company }}',
				listOptions: { pageSize: 1000, concurrency, select: 'id,reference' },
			},
			{ items: [{ company: 1 }, { company: 2 }] },
		);
		expect(r.error).toBeUndefined();
		const first = r.items.filter((i) => (i.pairedItem as { item: number }).item === 0).map((i) => i.json.id);
		const second = r.items.filter((i) => (i.pairedItem as { item: number }).item === 1).map((i) => i.json.id);
		const expected1 = s200.records(1, 'customers').map((c: any) => c.id);
		const expected2 = s200.records(2, 'customers').map((c: any) => c.id);
		expect(expected1).toHaveLength(12000);
		expect(first).toEqual(expected1);
		expect(new Set(first).size).toBe(12000);
		expect(second).toEqual(expected2);
		expect(first.filter((id) => new Set(expected2).has(id))).toEqual([]);
		expect(server.maxInFlight['s200.customers.list']).toBeLessThanOrEqual(concurrency);
		expect(server.maxInFlight['s200.customers.list']).toBeGreaterThan(1);
		// 12 pages for company 1, 1 for company 2; each carries $orderby with $skip, the first asks for the count.
		expect(server.count('s200.customers.list')).toBe(13);
		for (const entry of apiRequests()) expect(decodedQuery(entry).get('$orderby')).toBe('id');
		const byCompany = apiRequests().reduce((acc: Record<string, number>, e: any) => ({ ...acc, [e.headers['x-company']]: (acc[e.headers['x-company']] ?? 0) + 1 }), {});
		expect(byCompany).toEqual({ 1: 12, 2: 1 });
	});

	test('Return All with the default page size of 5000', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, listOptions: { select: 'id' } });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(12000);
		expect(apiRequests().map((e: any) => decodedQuery(e).get('$top'))).toEqual(['5000', '5000', '2000']);
	});

	test('Order By keeps the ID as the last key so pages cannot overlap', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, listOptions: { pageSize: 5000, orderBy: 'credit_limit desc', select: 'id,credit_limit' } });
		expect(r.error).toBeUndefined();
		expect(new Set(r.items.map((i) => i.json.id)).size).toBe(12000);
		expect(decodedQuery(apiRequests()[0]).get('$orderby')).toBe('credit_limit desc,id');
		expect(r.items[0].json.credit_limit).toBe(10000);
	});

	test('Updated Since turns into a UTC date_time_updated filter', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, filters: { updatedSince: '2026-10-01T02:00:00+02:00' }, listOptions: { select: 'id,date_time_updated' } });
		expect(r.error).toBeUndefined();
		expect(decodedQuery(apiRequests()[0]).get('$filter')).toBe('date_time_updated gt 2026-10-01T00:00:00Z');
		const expected = s200.records(1, 'customers').filter((c: any) => Date.parse(`${c.date_time_updated}Z`) > Date.UTC(2026, 9, 1)).map((c: any) => c.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(r.items.map((i) => i.json.id)).toEqual(expected);
	});

	test("Field Equals escapes quotes (O'Brien) and combines with a raw filter", async () => {
		const r = await run({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: {
				fieldEquals: { conditions: [{ field: 'name', value: "O'Brien Supplies Ltd", valueType: 'string' }, { field: 'on_hold', value: 'false', valueType: 'boolean' }] },
				filter: 'balance ge -100000',
			},
		});
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.name)).toEqual(["O'Brien Supplies Ltd"]);
		expect(decodedQuery(apiRequests()[0]).get('$filter')).toBe("(name eq 'O''Brien Supplies Ltd') and (on_hold eq false) and (balance ge -100000)");
	});

	test('Field Equals with a number', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, filters: { fieldEquals: { conditions: [{ field: 'id', value: '27828', valueType: 'number' }] } } });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.id)).toEqual([27828]);
	});

	test('Create, Update and Delete a customer', async () => {
		const created = await run({ resource: 'customer', operation: 'create', reference: 'NEWC0001'.slice(0, 8), name: 'New Customer Ltd', additionalFields: '{"credit_limit": 1500}' });
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id as number;
		expect(created.items[0].json).toMatchObject({ reference: 'NEWC0001', name: 'New Customer Ltd', credit_limit: 1500 });
		expect(s200.records(1, 'customers').find((c: any) => c.id === id)?.name).toBe('New Customer Ltd');
		expect(s200.records(2, 'customers').some((c: any) => c.reference === 'NEWC0001')).toBe(false);

		const updated = await run({ resource: 'customer', operation: 'update', recordId: String(id), updateFields: { credit_limit: 2500, name: "O'Neill Trading Ltd" } });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ id, credit_limit: 2500, name: "O'Neill Trading Ltd" });
		const lastWrite = s200.writeLog[s200.writeLog.length - 1];
		expect(lastWrite).toMatchObject({ op: 'update', id, company: 1, body: { credit_limit: 2500, name: "O'Neill Trading Ltd" } });

		const deleted = await run({ resource: 'customer', operation: 'delete', recordId: String(id) });
		expect(deleted.error).toBeUndefined();
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		expect(s200.records(1, 'customers').some((c: any) => c.id === id)).toBe(false);
	});

	test('Sage validation errors come back as NodeApiError with Sage\'s message', async () => {
		const r = await run({ resource: 'customer', operation: 'create', reference: 'ABS001', name: 'Duplicate' });
		expect(r.error?.name).toBe('NodeApiError');
		expect(r.error?.message).toMatch(/Creating customer failed: .*already exists/);
	});

	test('continueOnFail gives one error item per failing input, paired', async () => {
		const r = await run({ resource: 'customer', operation: 'get', recordId: '={{ $json.id }}' }, { items: [{ id: 27828 }, { id: 3 }, { id: 'x' }], continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(r.items[0].json.name).toBe('ABS Garages Ltd');
		expect(r.items[1].json.error).toMatch(/not found/);
		expect(r.items[2].json.error).toMatch(/"ID" must be a Sage 200 record ID/);
	});
});
