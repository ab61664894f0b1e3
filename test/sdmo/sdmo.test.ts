/**
 * Sage DMO node and credential, run through n8n's execution engine against the local sandbox.
 */
import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { Engine } from '../harness/engine';

const { startSandbox } = require('../sandbox/index.js');

type Json = Record<string, any>;

let sandbox: any;
let engine: Engine;
let credentialSeq = 0;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => {
	sandbox.sdmo.reset();
	sandbox.server.resetCounters();
	sandbox.server.clearFaults?.();
	engine = new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });
});

function addCredential(overrides: Json = {}, base = sandbox.url): string {
	const id = `c${++credentialSeq}`;
	engine.addCredential(id, 'sageDmoApi', {
		clientId: sandbox.sdmo.demo.clientId,
		clientSecret: sandbox.sdmo.demo.clientSecret,
		tenantId: sandbox.sdmo.demo.tenantId,
		tokenUrl: `${base}/sdmo/v1/token`,
		...overrides,
	});
	return id;
}

async function run(credentialId: string, parameters: Json, items: Json[] = [{}], continueOnFail = false) {
	return await engine.run({ type: 'sageDmo', parameters, credentials: { sageDmoApi: credentialId }, items, continueOnFail });
}

const count = (route: string) => sandbox.server.count(route);
const CUSTOMER_QUERY = 'query { xtremMasterData { customer { query(first: 2) { edges { node { _id id name } } } } } }';

describe('credential and token', () => {
	test('1,000 items cost exactly 1 token request, and the token and URLs are stored', async () => {
		const id = addCredential();
		const items = Array.from({ length: 1000 }, (_, n) => ({ key: String(n + 1) }));
		const r = await run(id, { resource: 'customer', operation: 'get', recordId: '={{$json.key}}', options: { fields: '_id id' } }, items);
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1000);
		expect(r.items[999]).toEqual({ json: { _id: '1000', id: 'US1000' }, pairedItem: { item: 999 } });
		expect(count('sdmo.token')).toBe(1);
		// Introspection, then the reads batched 100 a request.
		expect(count('sdmo.graphql')).toBe(1 + 10);
		const request = sandbox.sdmo.tokenRequests()[0];
		expect(request).toMatchObject({ contentType: expect.stringContaining('application/x-www-form-urlencoded'), scope: `tenantid:${sandbox.sdmo.demo.tenantId}`, status: 200 });
		const stored = engine.store.get(id).data;
		expect(stored.accessToken).toBe(request.token);
		expect(JSON.parse(String(stored.urls)).apps.shopfloor.graphQL).toBe(`${sandbox.url}/sdmo/v1/fwd/cluster-release/shopfloor/api`);
	});

	test('one request per item reuses the token, within and across executions', async () => {
		const id = addCredential();
		const items = Array.from({ length: 100 }, (_, n) => ({ n }));
		const r = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY }, items);
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(100);
		expect(r.items[99].json.data).toEqual({ xtremMasterData: { customer: { query: { edges: [{ node: { _id: '1', id: 'FR0001', name: expect.any(String) } }, expect.anything()] } } } });
		expect(count('sdmo.graphql')).toBe(100);
		const again = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
		expect(again.error).toBeUndefined();
		expect(count('sdmo.token')).toBe(1);
	});

	test('revoke sends x-tokens to invalidateToken; the next call fetches exactly 1 new token', async () => {
		const id = addCredential();
		await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
		const first = String(engine.store.get(id).data.accessToken);
		const revoked = await run(id, { resource: 'token', operation: 'revoke' }, [{}, {}]);
		expect(revoked.error).toBeUndefined();
		expect(revoked.items.map((item) => item.json)).toEqual([{ revoked: true }]);
		expect(JSON.stringify(revoked.items)).not.toContain(first);
		expect(sandbox.sdmo.invalidations()).toEqual([expect.objectContaining({ token: first, status: 204 })]);
		expect(sandbox.sdmo.tokenState(first)).toBe('invalidated');
		expect(count('sdmo.token')).toBe(1);

		const after = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY }, [{}, {}, {}]);
		expect(after.error).toBeUndefined();
		expect(after.items).toHaveLength(3);
		expect(count('sdmo.token')).toBe(2);
		expect(engine.store.get(id).data.accessToken).not.toBe(first);
	});

	test('an expired token is replaced once, mid-execution', async () => {
		const id = addCredential();
		await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
		sandbox.sdmo.expireAccessTokens();
		const r = await run(id, { resource: 'customer', operation: 'getMany', returnAll: false, limit: 5 }, [{}, {}]);
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(10);
		expect(count('sdmo.token')).toBe(2);
	});

	test('403 from the token API names both causes: wrong credentials or tenant not accepted', async () => {
		for (const overrides of [{ tenantId: sandbox.sdmo.demo.notAcceptedTenantId }, { clientSecret: 'wrong' }]) {
			const id = addCredential(overrides);
			const r = await run(id, { resource: 'customer', operation: 'get', recordId: '1' });
			expect(r.error?.message).toMatch(/client ID or client secret is wrong/);
			expect(r.error?.message).toMatch(/tenant has not accepted this application/);
			expect(r.error?.message).not.toContain('wrong'.repeat(2));
			expect(JSON.stringify(r.error)).not.toContain(sandbox.sdmo.demo.clientSecret);
		}
		expect(count('sdmo.graphql')).toBe(0);
	});

	test('the credential test request fetches a token with the form body', async () => {
		const credential = new SageDmoApi();
		expect(credential.test.request).toMatchObject({ method: 'POST', url: '={{$credentials.tokenUrl}}' });
		expect(credential.properties.find((property) => property.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
	});
});

describe('host guard', () => {
	test('an app URL outside the token host is refused and gets no token', async () => {
		const foreign = await startSandbox({ sdmo: { foreignAppUrl: true, customers: 10 } });
		try {
			const id = addCredential({}, foreign.url);
			const r = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
			expect(r.error?.message).toMatch(/GraphQL URL of app "sdmo" points to http:\/\/127\.0\.0\.2:\d+, outside the Sage gateway/);
			expect(foreign.server.count('sdmo.graphql')).toBe(0);
			const shopfloor = await run(id, { resource: 'graphql', operation: 'execute', app: 'shopfloor', query: '{ xtremShopfloor { workOrder { query(first: 1) { totalCount } } } }' });
			expect(shopfloor.error).toBeUndefined();
			expect(shopfloor.items[0].json.data).toEqual({ xtremShopfloor: { workOrder: { query: { totalCount: 50 } } } });
		} finally {
			await foreign.close();
		}
	});
});

describe('GraphQL execute', () => {
	test('pages a connection at a path, variables and an unknown app', async () => {
		const id = addCredential();
		const r = await run(id, {
			resource: 'graphql',
			operation: 'execute',
			app: 'sdmo',
			query: 'query($f: String) { xtremMasterData { customer { query(filter: $f, first: 40) { edges { node { _id id } } } } } }',
			variables: JSON.stringify({ f: "{country: {id: 'GB'}}" }),
			paginate: true,
			connectionPath: 'xtremMasterData.customer.query',
			returnAll: true,
		});
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(600);
		expect(new Set(r.items.map((item) => item.json._id)).size).toBe(600);
		expect(r.items.every((item) => String(item.json.id).startsWith('GB'))).toBe(true);
		expect(count('sdmo.graphql')).toBe(15);

		const unknown = await run(id, { resource: 'graphql', operation: 'execute', app: 'finance', query: CUSTOMER_QUERY });
		expect(unknown.error?.message).toBe('The tenant has no app "finance"');
	});

	test('Simplify: one item per record, connections unwrapped', async () => {
		const id = addCredential();
		const plain = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
		expect(plain.items).toHaveLength(1);
		const simplified = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY, options: { simplify: true } });
		expect(simplified.error).toBeUndefined();
		const edges = (plain.items[0].json as Json).data.xtremMasterData.customer.query.edges;
		expect(simplified.items.map((item) => item.json)).toEqual(edges.map((edge: Json) => edge.node));
		expect(simplified.items).toHaveLength(2);
	});

	test('GraphQL errors with diagnoses become the error', async () => {
		const id = addCredential();
		const r = await run(id, {
			resource: 'graphql',
			operation: 'execute',
			app: 'sdmo',
			query: 'mutation { xtremMasterData { customer { update(data: {_id: "1", creditLimit: -5}) { _id } } } }',
		});
		expect(r.error?.message).toMatch(/The record was not updated/);
		expect(JSON.stringify(r.error)).toMatch(/value must not be negative \(creditLimit\)/);
	});
});

describe('customer', () => {
	test('Get for many items is batched, accepts #natural keys, and reports a missing record per item', async () => {
		const id = addCredential();
		const items = Array.from({ length: 250 }, (_, n) => ({ key: n === 3 ? '#GB0002' : n === 7 ? '99999' : String(n + 1) }));
		const r = await run(id, { resource: 'customer', operation: 'get', app: 'sdmo', recordId: '={{$json.key}}' }, items, true);
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(250);
		expect(r.items[0].json).toMatchObject({ _id: '1', id: 'FR0001', currency: { id: 'EUR' } });
		expect(r.items[3].json).toMatchObject({ _id: '2', id: 'GB0002' });
		expect(r.items[7].json.error).toMatch(/No customer record with key "99999"/);
		expect(r.items[249].json._id).toBe('250');
		expect(r.items.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		// 1 introspection + 3 batches of at most 100 reads.
		expect(count('sdmo.graphql')).toBe(4);
		expect(count('sdmo.token')).toBe(1);
	});

	test('Get Many returns all 3,000 customers with no loss or repeat, in pages of 1000', async () => {
		const id = addCredential();
		const r = await run(id, { resource: 'customer', operation: 'getMany', returnAll: true, options: { fields: '_id id' } });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(3000);
		const ids = r.items.map((item) => item.json._id);
		expect(new Set(ids).size).toBe(3000);
		expect(new Set(ids)).toEqual(new Set(sandbox.sdmo.customers().map((customer: Json) => customer._id)));
		expect(count('sdmo.graphql')).toBe(1 + 3);
	});

	test('Get Many with filter, orderBy, limit and totalCount', async () => {
		const id = addCredential();
		const r = await run(id, {
			resource: 'customer',
			operation: 'getMany',
			returnAll: false,
			limit: 7,
			filter: "{country: {id: 'DE'}}",
			options: { orderBy: '{id: -1}', includeTotalCount: true, fields: 'id name' },
		});
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		expect(r.items[0].json.totalCount).toBe(600);
		expect(r.items[0].json.count).toBe(7);
		expect((r.items[0].json.records as Json[])[0]).toEqual({ id: 'DE2998', name: expect.any(String) });
	});

	test('Create, Update and Delete', async () => {
		const id = addCredential();
		const created = await run(id, {
			resource: 'customer',
			operation: 'create',
			data: JSON.stringify({ id: 'N8N001', name: 'Workflow Ltd', currency: '#GBP', country: '#GB', creditLimit: 1000 }),
		});
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ id: 'N8N001', name: 'Workflow Ltd', currency: { id: 'GBP' }, creditLimit: 1000 });
		const newId = created.items[0].json._id as string;
		expect(sandbox.sdmo.find('customer', '#N8N001')).toMatchObject({ _id: newId, name: 'Workflow Ltd' });

		const updated = await run(id, { resource: 'customer', operation: 'update', recordId: '#N8N001', data: '{"name": "Renamed Ltd"}' });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ _id: newId, name: 'Renamed Ltd' });
		expect(sandbox.sdmo.find('customer', newId).name).toBe('Renamed Ltd');

		const deleted = await run(id, { resource: 'customer', operation: 'delete', recordId: newId });
		expect(deleted.error).toBeUndefined();
		expect(deleted.items[0].json).toEqual({ deleted: true, recordId: newId });
		expect(sandbox.sdmo.find('customer', newId)).toBeUndefined();
		expect(sandbox.sdmo.mutationLog.map((entry: Json) => entry.op)).toEqual(['create', 'update', 'delete']);
	});

	test('a failed mutation carries its diagnoses; continue on fail keeps the other items', async () => {
		const id = addCredential();
		const r = await run(id, { resource: 'customer', operation: 'update', recordId: '={{$json.key}}', data: '{"creditLimit": 10}' }, [{ key: '1' }, { key: '10' }], true);
		expect(r.items[0].json).toMatchObject({ _id: '1', creditLimit: 10 });
		expect(r.items[1].json.error).toMatch(/The record was not updated/);
		const failed = await run(id, { resource: 'customer', operation: 'delete', recordId: '38' });
		expect(failed.error?.message).toMatch(/The record was not deleted/);
		expect(JSON.stringify(failed.error)).toMatch(/referenced by salesOrder/);
	});

	test('Bulk Update reports the count and warns that Sage skips records', async () => {
		const id = addCredential();
		const r = await run(id, { resource: 'customer', operation: 'bulkUpdate', filter: "{country: {id: 'US'}}", data: '{"creditLimit": 42}' });
		expect(r.error).toBeUndefined();
		const json = r.items[0].json;
		expect(json.updatedCount).toBe(300);
		expect(json.warning).toMatch(/silently skips records it cannot update/);
		expect(json.diagnoses).toEqual([expect.stringMatching(/300 customer record\(s\) were skipped/)]);
		const us = sandbox.sdmo.customers().filter((customer: Json) => customer.id.startsWith('US'));
		expect(us.filter((customer: Json) => customer.creditLimit === 42)).toHaveLength(300);
	});

	test('Async mutation: start only, then start and wait through track', async () => {
		const id = addCredential();
		const started = await run(id, { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncExport', arguments: '{"filter": "{id: {_in: [\'FR0001\', \'GB0002\']}}"}', waitForCompletion: false });
		expect(started.error).toBeUndefined();
		expect(started.items[0].json).toMatchObject({ status: 'started', trackingId: expect.any(String) });
		expect(sandbox.sdmo.asyncJobs()).toHaveLength(1);

		const waited = await run(id, {
			resource: 'customer',
			operation: 'asyncMutation',
			asyncMutation: 'asyncExport',
			arguments: '{"filter": "{country: {id: \'FR\'}}", "orderBy": "{id: 1}"}',
			waitForCompletion: true,
			pollInterval: 0.1,
			timeout: 30,
		});
		expect(waited.error).toBeUndefined();
		expect(waited.items[0].json).toMatchObject({ status: 'success', trackCalls: 3, result: { rowCount: 600 } });
		expect(sandbox.sdmo.asyncJobs()[1]).toMatchObject({ status: 'success', trackCalls: 3 });

		sandbox.sdmo.failNextAsyncExport('Export exploded');
		const failed = await run(id, { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncExport', arguments: '{}', waitForCompletion: true, pollInterval: 0.1, timeout: 30 });
		expect(failed.error?.message).toMatch(/Export exploded/);

		const unknown = await run(id, { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncImport', arguments: '{}', waitForCompletion: false });
		expect(unknown.error?.message).toBe('Entity "xtremMasterData.customer" has no async mutation "asyncImport"');
	});
});

describe('entity', () => {
	test('any entity by introspection: supplier by natural key, work orders of the shopfloor app', async () => {
		const id = addCredential();
		const supplier = await run(id, { resource: 'entity', operation: 'get', app: 'sdmo', entity: 'xtremMasterData.supplier', recordId: '#SUP0003' });
		expect(supplier.error).toBeUndefined();
		expect(supplier.items[0].json).toMatchObject({ _id: '3', id: 'SUP0003' });

		const orders = await run(id, { resource: 'entity', operation: 'getMany', app: 'shopfloor', entity: 'xtremShopfloor.workOrder', returnAll: true });
		expect(orders.error).toBeUndefined();
		expect(orders.items).toHaveLength(50);

		const item = await run(id, { resource: 'entity', operation: 'create', app: 'sdmo', entity: 'xtremMasterData.item', data: '{"id": "ITMNEW", "name": "New bolt", "basePrice": 2.5}' });
		expect(item.items[0].json).toMatchObject({ id: 'ITMNEW', basePrice: 2.5 });

		const missing = await run(id, { resource: 'entity', operation: 'get', app: 'sdmo', entity: 'xtremMasterData.warehouse', recordId: '1' });
		expect(missing.error?.message).toBe('App "sdmo" has no entity "xtremMasterData.warehouse"');
		const readOnly = await run(id, { resource: 'entity', operation: 'delete', app: 'sdmo', entity: 'xtremSales.salesOrder', recordId: '1' });
		expect(readOnly.error?.message).toBe('Entity "xtremSales.salesOrder" has no delete mutation in app "sdmo"');
	});
});

describe('bad input fails before any request', () => {
	const cases: Array<[string, Json, RegExp]> = [
		['GraphQL syntax', { resource: 'graphql', operation: 'execute', query: 'query { xtremMasterData { ' }, /Invalid GraphQL in "Query" at line 1, column 27/],
		['variables JSON', { resource: 'graphql', operation: 'execute', query: CUSTOMER_QUERY, variables: '{nope' }, /"Variables" is not valid JSON/],
		['paging a mutation', { resource: 'graphql', operation: 'execute', query: 'mutation { a }', paginate: true, connectionPath: 'a' }, /Only a query can be paged/],
		['connection path', { resource: 'graphql', operation: 'execute', query: CUSTOMER_QUERY, paginate: true, connectionPath: 'x..y' }, /"Connection Path" must be a dot-separated path/],
		['missing path in query', { resource: 'graphql', operation: 'execute', query: CUSTOMER_QUERY, paginate: true, connectionPath: 'xtremMasterData.supplier.query' }, /no field at "xtremMasterData.supplier.query"/],
		['empty record ID', { resource: 'customer', operation: 'get', recordId: '  ' }, /"Record ID" must be a record _id such as 6/],
		['limit', { resource: 'customer', operation: 'getMany', returnAll: false, limit: 0 }, /"Limit" must be a whole number from 1/],
		['filter', { resource: 'customer', operation: 'getMany', returnAll: true, filter: "name: 'x'" }, /"Filter" must be an object in Sage's filter syntax/],
		['fields', { resource: 'customer', operation: 'get', recordId: '1', options: { fields: 'id {' } }, /Invalid GraphQL in "Fields"/],
		['create data', { resource: 'customer', operation: 'create', data: '[1]' }, /"Data" must be a JSON object/],
		['update data', { resource: 'customer', operation: 'update', recordId: '1', data: '{}' }, /"Data" must hold at least one field/],
		['bulk filter', { resource: 'customer', operation: 'bulkUpdate', filter: '={{$json.noFilter}}', data: '{"isActive": true}' }, /"Filter" must not be empty/],
		['entity path', { resource: 'entity', operation: 'get', entity: 'customer', recordId: '1' }, /"Entity" must be an entity path/],
		['async name', { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'do export', arguments: '{}' }, /"Async Mutation Name" must be the name/],
		['poll interval', { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncExport', arguments: '{}', waitForCompletion: true, pollInterval: 0, timeout: 5 }, /"Poll Interval \(Seconds\)" must be from 0.1/],
	];
	test.each(cases)('%s', async (_name, parameters, message) => {
		const id = addCredential();
		const r = await run(id, parameters, [{}, {}]);
		expect(r.error?.message).toMatch(message);
		expect(r.error?.name).toBe('NodeOperationError');
		expect(count('sdmo')).toBe(0);
	});

	test('with continue on fail, a bad item does not stop the good ones', async () => {
		const id = addCredential();
		const r = await run(id, { resource: 'customer', operation: 'get', recordId: '={{$json.key}}' }, [{ key: '1' }, { key: '' }, { key: '3' }], true);
		expect(r.items.map((item) => item.json._id ?? item.json.error)).toEqual(['1', expect.stringMatching(/"Record ID" must be/), '3']);
	});
});
