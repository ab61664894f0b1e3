/**
 * Conformance tests for the SDMO (xtrem) part of the sandbox: token API (seed 002), invalidation,
 * GraphQL auth, paging, filters, orderBy, mutations + diagnoses, async export, shopfloor app.
 */
 
const { SandboxServer } = require('./core');
const { registerSdmo } = require('./sdmo');

type Json = any;

let server: any;
let ctl: any;
let origin: string;
let port: number;
let token: string;

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function tokenForm(overrides: Record<string, string> = {}): string {
	return new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: ctl.demo.clientId,
		client_secret: ctl.demo.clientSecret,
		scope: `tenantid:${ctl.demo.tenantId}`,
		...overrides,
	}).toString();
}

async function requestToken(overrides: Record<string, string> = {}, base = origin): Promise<{ status: number; body: Json }> {
	const res = await fetch(`${base}/sdmo/v1/token`, { method: 'POST', headers: FORM, body: tokenForm(overrides) });
	return { status: res.status, body: await res.json() };
}

async function getToken(): Promise<string> {
	const { status, body } = await requestToken();
	expect(status).toBe(200);
	return body.access_token;
}

async function gql(
	query: string,
	variables?: Record<string, unknown>,
	opts: { app?: string; token?: string | null; base?: string } = {},
): Promise<{ status: number; body: Json }> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const bearer = opts.token === undefined ? token : opts.token;
	if (bearer) headers.authorization = `Bearer ${bearer}`;
	const res = await fetch(`${opts.base ?? origin}/sdmo/v1/fwd/cluster-release/${opts.app ?? 'sdmo'}/api`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ query, variables }),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const CUSTOMER_QUERY = `query Q($filter: String, $first: Int, $after: String, $orderBy: String) {
	xtremMasterData { customer { query(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
		totalCount
		edges { node { _id id name isActive creditLimit currency { id } country { id } _createStamp _updateStamp } cursor }
		pageInfo { endCursor hasNextPage startCursor hasPreviousPage }
	} } }
}`;

async function customers(args: { filter?: string; first?: number; after?: string; orderBy?: string }): Promise<Json> {
	const { status, body } = await gql(CUSTOMER_QUERY, args);
	expect(status).toBe(200);
	expect(body.errors).toBeUndefined();
	return body.data.xtremMasterData.customer.query;
}

async function customerQueryError(args: { filter?: string; first?: number; orderBy?: string; after?: string }): Promise<Json> {
	const { status, body } = await gql(CUSTOMER_QUERY, args);
	expect(status).toBe(200);
	expect(body.data.xtremMasterData.customer.query).toBeNull();
	expect(body.errors).toHaveLength(1);
	return body.errors[0];
}

const store = (): Json[] => ctl.customers();
const countWhere = (pred: (c: Json) => boolean): number => store().filter(pred).length;
const countryCode = (c: Json): string => ctl.find('country', c.country).id;

beforeAll(async () => {
	server = new SandboxServer();
	ctl = registerSdmo(server, {});
	origin = await server.start();
	port = server.port;
});

afterAll(async () => {
	await server.stop();
});

beforeEach(async () => {
	ctl.reset();
	token = await getToken();
});

describe('token API (POST /sdmo/v1/token)', () => {
	test('form-urlencoded client credentials → 200 with the exact seed-002 shape', async () => {
		const { status, body } = await requestToken();
		expect(status).toBe(200);
		expect(body).toEqual({
			access_token: expect.any(String),
			token_type: 'Bearer',
			urls: {
				asyncContextUpload: `${origin}/sdmo/v1/asyncContext/{AsyncContextId}/upload`,
				asyncContextError: `${origin}/sdmo/v1/asyncContext/{AsyncContextId}/error`,
				websocket: `ws://127.0.0.1:${port}/sdmo/websocket`,
				invalidateToken: `${origin}/sdmo/v1/token`,
				apps: {
					sdmo: { graphQL: `${origin}/sdmo/v1/fwd/cluster-release/sdmo/api` },
					shopfloor: { graphQL: `${origin}/sdmo/v1/fwd/cluster-release/shopfloor/api` },
				},
			},
			expires_in: 300,
			scope: `tenantid:${ctl.demo.tenantId}`,
		});
		expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type', 'urls']);
	});

	test('access tokens are unique per request', async () => {
		const a = await getToken();
		const b = await getToken();
		expect(a).not.toBe(b);
		expect(a).not.toBe(token);
	});

	test('JSON body is rejected with 400 naming the required content type', async () => {
		const res = await fetch(`${origin}/sdmo/v1/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				grant_type: 'client_credentials',
				client_id: ctl.demo.clientId,
				client_secret: ctl.demo.clientSecret,
				scope: `tenantid:${ctl.demo.tenantId}`,
			}),
		});
		expect(res.status).toBe(400);
		const body: Json = await res.json();
		expect(body.message).toContain('application/x-www-form-urlencoded');
		expect(body.access_token).toBeUndefined();
	});

	test('wrong secret → 403 Forbidden', async () => {
		const { status, body } = await requestToken({ client_secret: 'nope' });
		expect(status).toBe(403);
		expect(body).toEqual({ message: 'Forbidden' });
	});

	test('unknown client → 403 Forbidden', async () => {
		const { status, body } = await requestToken({ client_id: 'someone-else' });
		expect(status).toBe(403);
		expect(body).toEqual({ message: 'Forbidden' });
	});

	test('tenant that has not accepted the app → 403 with the same body (does not reveal why)', async () => {
		const { status, body } = await requestToken({ scope: `tenantid:${ctl.demo.notAcceptedTenantId}` });
		expect(status).toBe(403);
		expect(body).toEqual({ message: 'Forbidden' });
		const unknown = await requestToken({ scope: 'tenantid:does-not-exist' });
		expect(unknown.status).toBe(403);
		expect(unknown.body).toEqual({ message: 'Forbidden' });
	});

	test('grant_type must be client_credentials; scope must be tenantid:<ID>', async () => {
		const grant = await requestToken({ grant_type: 'password' });
		expect(grant.status).toBe(400);
		expect(grant.body.message).toContain('client_credentials');
		const scope = await requestToken({ scope: ctl.demo.tenantId });
		expect(scope.status).toBe(400);
		expect(scope.body.message).toContain('tenantid:');
	});

	test('tokenRequests() records every request with its outcome', async () => {
		await requestToken({ client_secret: 'bad' });
		const log = ctl.tokenRequests();
		expect(log.map((r: Json) => r.status)).toEqual([200, 403]);
		expect(log[0].token).toBe(token);
		expect(log[1].clientId).toBe(ctl.demo.clientId);
		expect(server.count('sdmo.token')).toBeGreaterThanOrEqual(2);
	});

	test('options.expiresIn and options.foreignAppUrl', async () => {
		const other = new SandboxServer();
		const otherCtl = registerSdmo(other, { expiresIn: 60, foreignAppUrl: true, customers: 5 });
		const url = await other.start();
		try {
			const res = await fetch(`${url}/sdmo/v1/token`, {
				method: 'POST',
				headers: FORM,
				body: new URLSearchParams({
					grant_type: 'client_credentials',
					client_id: otherCtl.demo.clientId,
					client_secret: otherCtl.demo.clientSecret,
					scope: `tenantid:${otherCtl.demo.tenantId}`,
				}).toString(),
			});
			const body: Json = await res.json();
			expect(body.expires_in).toBe(60);
			expect(body.urls.apps.sdmo.graphQL).toBe(`http://127.0.0.2:${other.port}/sdmo/v1/fwd/cluster-release/sdmo/api`);
			expect(body.urls.apps.shopfloor.graphQL).toBe(`${url}/sdmo/v1/fwd/cluster-release/shopfloor/api`);
			expect(otherCtl.customers()).toHaveLength(5);
		} finally {
			await other.stop();
		}
	});
});

describe('token lifetime and invalidation', () => {
	const PING = '{ xtremMasterData { customer { read(_id: "1") { _id } } } }';

	test('token expires after expires_in on the controllable clock', async () => {
		ctl.clock.advance(299_000);
		expect((await gql(PING)).status).toBe(200);
		ctl.clock.advance(1_000);
		const res = await gql(PING);
		expect(res.status).toBe(401);
		expect(res.body).toEqual({ message: 'Unauthorized' });
		expect(ctl.tokenState(token)).toBe('expired');
	});

	test('expireAccessTokens() makes every issued token invalid', async () => {
		ctl.expireAccessTokens();
		expect((await gql(PING)).status).toBe(401);
		const fresh = await getToken();
		expect((await gql(PING, undefined, { token: fresh })).status).toBe(200);
	});

	test('DELETE with x-tokens invalidates the token; later GraphQL calls get 401', async () => {
		expect((await gql(PING)).status).toBe(200);
		const res = await fetch(`${origin}/sdmo/v1/token`, { method: 'DELETE', headers: { 'x-tokens': `accessToken=${token}` } });
		expect(res.status).toBe(204);
		const after = await gql(PING);
		expect(after.status).toBe(401);
		expect(after.body).toEqual({ message: 'Unauthorized' });
		expect(ctl.invalidations()).toEqual([expect.objectContaining({ token, status: 204 })]);
		expect(ctl.tokenState(token)).toBe('invalidated');
		// idempotent
		const again = await fetch(`${origin}/sdmo/v1/token`, { method: 'DELETE', headers: { 'x-tokens': `accessToken=${token}` } });
		expect(again.status).toBe(204);
	});

	test('DELETE without x-tokens (or malformed) → 400; unknown token → 401', async () => {
		const missing = await fetch(`${origin}/sdmo/v1/token`, { method: 'DELETE' });
		expect(missing.status).toBe(400);
		expect(((await missing.json()) as Json).message).toContain('x-tokens');
		const malformed = await fetch(`${origin}/sdmo/v1/token`, { method: 'DELETE', headers: { 'x-tokens': token } });
		expect(malformed.status).toBe(400);
		const unknown = await fetch(`${origin}/sdmo/v1/token`, { method: 'DELETE', headers: { 'x-tokens': 'accessToken=never-issued' } });
		expect(unknown.status).toBe(401);
		expect(await unknown.json()).toEqual({ message: 'Unauthorized' });
		expect(ctl.tokenState(token)).toBe('valid');
		expect(server.count('sdmo.invalidate')).toBeGreaterThanOrEqual(3);
	});
});

describe('GraphQL endpoint: auth, routing, request shape', () => {
	const PING = '{ xtremMasterData { customer { read(_id: "1") { _id } } } }';

	test('missing or unknown bearer → 401 Unauthorized', async () => {
		const none = await gql(PING, undefined, { token: null });
		expect(none.status).toBe(401);
		expect(none.body).toEqual({ message: 'Unauthorized' });
		const bogus = await gql(PING, undefined, { token: 'not-a-token' });
		expect(bogus.status).toBe(401);
	});

	test('token of a tenant that withdrew acceptance → 403', async () => {
		ctl.setTenantAccepted(ctl.demo.tenantId, false);
		const res = await gql(PING);
		expect(res.status).toBe(403);
		expect(res.body).toEqual({ message: 'Forbidden' });
		ctl.setTenantAccepted(ctl.demo.tenantId, true);
		expect((await gql(PING)).status).toBe(200);
	});

	test('unknown app → 404', async () => {
		const res = await gql(PING, undefined, { app: 'payroll' });
		expect(res.status).toBe(404);
	});

	test('non-JSON body → 400', async () => {
		const res = await fetch(`${origin}/sdmo/v1/fwd/cluster-release/sdmo/api`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
			body: PING,
		});
		expect(res.status).toBe(400);
	});

	test('syntax error → HTTP 400 {errors:[{message, locations}]}', async () => {
		const res = await gql('{ xtremMasterData { customer { query(first: 10 ');
		expect(res.status).toBe(400);
		expect(res.body).toEqual({ errors: [{ message: expect.stringContaining('Syntax Error'), locations: [{ line: expect.any(Number), column: expect.any(Number) }] }] });
	});

	test('validation error (unknown field) → HTTP 400', async () => {
		const res = await gql('{ xtremMasterData { customer { read(_id: "1") { nope } } } }');
		expect(res.status).toBe(400);
		expect(res.body.errors[0].message).toContain('nope');
		expect(res.body.data).toBeUndefined();
	});

	test('introspection works', async () => {
		const res = await gql('{ __schema { queryType { name } mutationType { name } } __type(name: "Customer") { fields { name } } }');
		expect(res.status).toBe(200);
		expect(res.body.data.__schema).toEqual({ queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } });
		const names = res.body.data.__type.fields.map((f: Json) => f.name);
		expect(names).toEqual(expect.arrayContaining(['_id', 'id', 'name', 'isActive', 'currency', 'country', 'creditLimit', '_createStamp', '_updateStamp']));
	});

	test('packages xtremMasterData, xtremSales, xtremStock are exposed on the sdmo app', async () => {
		const res = await gql(`{
			xtremMasterData { supplier { query(first: 1) { totalCount } } item { query(first: 1) { totalCount edges { node { id basePrice } } } } }
			xtremSales { salesOrder { query(first: 2) { totalCount edges { node { number soldToCustomer { id } status } } } } }
			xtremStock { stockJournal { query(first: 1) { totalCount edges { node { item { id } quantityInStockUnit } } } } }
		}`);
		expect(res.status).toBe(200);
		expect(res.body.errors).toBeUndefined();
		expect(res.body.data.xtremMasterData.supplier.query.totalCount).toBe(500);
		expect(res.body.data.xtremMasterData.item.query.totalCount).toBe(1000);
		expect(res.body.data.xtremSales.salesOrder.query.totalCount).toBe(200);
		expect(res.body.data.xtremSales.salesOrder.query.edges[0].node.soldToCustomer.id).toMatch(/^[A-Z]{2}\d{4}$/);
		expect(res.body.data.xtremStock.stockJournal.query.totalCount).toBe(300);
	});

	test('shopfloor app has its own schema with ~50 work orders', async () => {
		const res = await gql(
			'{ xtremShopfloor { workOrder { query(first: 100) { totalCount edges { node { _id number status plannedQuantity } } } read(_id: "#WO00007") { _id number } } } }',
			undefined,
			{ app: 'shopfloor' },
		);
		expect(res.status).toBe(200);
		expect(res.body.data.xtremShopfloor.workOrder.query.totalCount).toBe(50);
		expect(res.body.data.xtremShopfloor.workOrder.query.edges).toHaveLength(50);
		expect(res.body.data.xtremShopfloor.workOrder.read).toEqual({ _id: '7', number: 'WO00007' });
		const wrong = await gql('{ xtremMasterData { customer { read(_id: "1") { _id } } } }', undefined, { app: 'shopfloor' });
		expect(wrong.status).toBe(400);
	});

	test('requests are counted under sdmo.graphql', async () => {
		const before = server.count('sdmo.graphql');
		await gql(PING);
		expect(server.count('sdmo.graphql')).toBe(before + 1);
	});
});

describe('customer query: paging, filters, orderBy', () => {
	test('3,000 deterministic customers with numeric _id and natural key id', () => {
		expect(store()).toHaveLength(3000);
		expect(store()[0]).toMatchObject({ _id: '1', id: 'FR0001' });
		expect(store()[5]).toMatchObject({ _id: '6', id: 'FR0006' });
	});

	test('default page size is 20', async () => {
		const page = await customers({});
		expect(page.totalCount).toBe(3000);
		expect(page.edges).toHaveLength(20);
		expect(page.edges.map((e: Json) => e.node._id)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
		expect(page.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
		expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
		expect(page.pageInfo.endCursor).toBe(page.edges[19].cursor);
	});

	test('paging through all 3,000 with first: 1000 returns each record exactly once', async () => {
		const seen = new Set<string>();
		let after: string | undefined;
		let pages = 0;
		for (;;) {
			const page = await customers({ first: 1000, after });
			pages++;
			expect(page.totalCount).toBe(3000);
			for (const e of page.edges) {
				expect(seen.has(e.node._id)).toBe(false);
				seen.add(e.node._id);
			}
			if (!page.pageInfo.hasNextPage) break;
			after = page.pageInfo.endCursor;
			expect(pages).toBeLessThan(10);
		}
		expect(pages).toBe(3);
		expect(seen.size).toBe(3000);
	});

	test('first > 1000 is an error', async () => {
		const err = await customerQueryError({ first: 1001 });
		expect(err.message).toContain('1000');
		expect(err.path).toEqual(['xtremMasterData', 'customer', 'query']);
	});

	test('invalid cursor is an error', async () => {
		const err = await customerQueryError({ after: 'garbage!!' });
		expect(err.message).toContain('cursor');
	});

	test('totalCount is the filtered total; paging within a filter', async () => {
		const expected = countWhere((c) => c.name.includes('Ltd'));
		expect(expected).toBeGreaterThan(0);
		const page = await customers({ filter: "{name: {_regex: 'Ltd'}}", first: 50 });
		expect(page.totalCount).toBe(expected);
		expect(page.edges.every((e: Json) => e.node.name.includes('Ltd'))).toBe(true);
		const next = await customers({ filter: "{name: {_regex: 'Ltd'}}", first: 50, after: page.pageInfo.endCursor });
		expect(next.pageInfo.hasPreviousPage).toBe(true);
		expect(Number(next.edges[0].node._id)).toBeGreaterThan(Number(page.edges[49].node._id));
	});

	test('each filter operator', async () => {
		const cases: Array<[string, (c: Json) => boolean]> = [
			["{id: {_eq: 'FR0006'}}", (c) => c.id === 'FR0006'],
			["{id: 'FR0006'}", (c) => c.id === 'FR0006'],
			['{isActive: {_ne: true}}', (c) => c.isActive !== true],
			['{creditLimit: {_lt: 1000}}', (c) => c.creditLimit < 1000],
			['{creditLimit: {_lte: 1000}}', (c) => c.creditLimit <= 1000],
			['{creditLimit: {_gt: 45000}}', (c) => c.creditLimit > 45000],
			['{creditLimit: {_gte: 45000}}', (c) => c.creditLimit >= 45000],
			["{_id: {_in: ['1', '2', '3000', '9999']}}", (c) => ['1', '2', '3000'].includes(c._id)],
			["{_id: {_nin: ['1', '2']}}", (c) => !['1', '2'].includes(c._id)],
			['{_id: {_gt: "2990"}}', (c) => Number(c._id) > 2990],
			["{name: {_regex: '^atlas', _options: 'i'}}", (c) => /^atlas/i.test(c.name)],
			["{country: {id: {_eq: 'FR'}}}", (c) => countryCode(c) === 'FR'],
			["{country: {id: {_in: ['GB', 'US']}}, isActive: true}", (c) => ['GB', 'US'].includes(countryCode(c)) && c.isActive],
			["{currency: {_eq: '1'}}", (c) => c.currency === '1'],
			["{_createStamp: {_lt: '2020-01-10'}}", (c) => c._createStamp < '2020-01-10'],
			["{_or: [{id: 'FR0001'}, {id: 'GB0002'}]}", (c) => c.id === 'FR0001' || c.id === 'GB0002'],
			["{_and: [{creditLimit: {_gte: 1000}}, {creditLimit: {_lt: 2000}}]}", (c) => c.creditLimit >= 1000 && c.creditLimit < 2000],
			["{\"name\": {\"_regex\": \"GmbH$\"}}", (c) => /GmbH$/.test(c.name)],
		];
		for (const [filter, pred] of cases) {
			const page = await customers({ filter, first: 1000 });
			const expected = countWhere(pred);
			expect({ filter, totalCount: page.totalCount }).toEqual({ filter, totalCount: expected });
			expect(page.edges.every((e: Json) => pred(ctl.find('customer', e.node._id)))).toBe(true);
		}
	});

	test('unknown field, unknown operator and unparsable filters are errors', async () => {
		expect((await customerQueryError({ filter: '{nope: 1}' })).message).toContain("unknown property 'nope'");
		expect((await customerQueryError({ filter: "{country: {nope: {_eq: 'FR'}}}" })).message).toContain("unknown property 'nope'");
		expect((await customerQueryError({ filter: '{name: {_like: 1}}' })).message).toContain("unknown operator '_like'");
		expect((await customerQueryError({ filter: '{name: ' })).message).toContain('Invalid filter');
		expect((await customerQueryError({ filter: '{name: {_in: 3}}' })).message).toContain('array');
		expect((await customerQueryError({ filter: 'process.exit(1)' })).message).toContain('Invalid filter');
	});

	test('orderBy {name: -1} sorts descending (ties by _id)', async () => {
		const page = await customers({ orderBy: '{name: -1}', first: 1000 });
		const names = page.edges.map((e: Json) => e.node.name);
		const sorted = store()
			.slice()
			.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : Number(a._id) - Number(b._id)))
			.slice(0, 1000)
			.map((c) => c.name);
		expect(names).toEqual(sorted);
	});

	test('orderBy paging stays consistent (-1 on creditLimit, all records once)', async () => {
		const seen: string[] = [];
		let after: string | undefined;
		let prev = Infinity;
		for (let i = 0; i < 5; i++) {
			const page = await customers({ orderBy: '{creditLimit: -1}', first: 1000, after });
			for (const e of page.edges) {
				expect(e.node.creditLimit).toBeLessThanOrEqual(prev);
				prev = e.node.creditLimit;
				seen.push(e.node._id);
			}
			if (!page.pageInfo.hasNextPage) break;
			after = page.pageInfo.endCursor;
		}
		expect(new Set(seen).size).toBe(3000);
	});

	test('orderBy {_createStamp: 1} and nested {country: {id: 1}}', async () => {
		const byStamp = await customers({ orderBy: '{_createStamp: 1}', first: 5 });
		expect(byStamp.edges.map((e: Json) => e.node._id)).toEqual(['1', '2', '3', '4', '5']);
		const byCountry = await customers({ orderBy: '{country: {id: 1}}', first: 3 });
		expect(byCountry.edges.map((e: Json) => e.node.country.id)).toEqual(['DE', 'DE', 'DE']);
		expect((await customerQueryError({ orderBy: '{name: 2}' })).message).toContain('1 or -1');
		expect((await customerQueryError({ orderBy: '{nope: 1}' })).message).toContain("unknown property 'nope'");
	});

	test('read by _id and by #natural key; unknown → null', async () => {
		const res = await gql(`{ xtremMasterData { customer {
			a: read(_id: "6") { _id id name currency { id } country { id } }
			b: read(_id: "#FR0006") { _id id }
			c: read(_id: "99999") { _id }
			d: read(_id: "#XX9999") { _id }
		} } }`);
		expect(res.status).toBe(200);
		const c = res.body.data.xtremMasterData.customer;
		expect(c.a).toEqual({ _id: '6', id: 'FR0006', name: ctl.find('customer', '6').name, currency: { id: 'EUR' }, country: { id: 'FR' } });
		expect(c.b).toEqual({ _id: '6', id: 'FR0006' });
		expect(c.c).toBeNull();
		expect(c.d).toBeNull();
	});
});

describe('mutations', () => {
	const CREATE = `mutation C($data: CustomerInput!) { xtremMasterData { customer { create(data: $data) { _id id name isActive creditLimit country { id } currency { id } } } } }`;
	const UPDATE = `mutation U($data: CustomerUpdateInput!) { xtremMasterData { customer { update(data: $data) { _id id name creditLimit isActive } } } }`;
	const DELETE = `mutation D($id: String!) { xtremMasterData { customer { delete(_id: $id) } } }`;
	const BULK = `mutation B($data: CustomerBulkUpdateInput!, $filter: String) { xtremMasterData { customer { bulkUpdate(data: $data, filter: $filter) } } }`;

	test('create applies exactly once and is readable', async () => {
		const res = await gql(CREATE, { data: { id: 'ZZ0001', name: 'Sandbox Test Ltd', country: '#GB', currency: '#GBP', creditLimit: 1500 } });
		expect(res.status).toBe(200);
		expect(res.body.errors).toBeUndefined();
		expect(res.body.data.xtremMasterData.customer.create).toEqual({
			_id: '3001',
			id: 'ZZ0001',
			name: 'Sandbox Test Ltd',
			isActive: true,
			creditLimit: 1500,
			country: { id: 'GB' },
			currency: { id: 'GBP' },
		});
		expect(store()).toHaveLength(3001);
		expect(ctl.find('customer', '#ZZ0001')).toMatchObject({ _id: '3001', country: '2', currency: '2' });
		expect(ctl.mutationLog).toHaveLength(1);
		expect(ctl.mutationLog[0]).toMatchObject({ op: 'create', entity: 'customer', _id: '3001', app: 'sdmo' });
		const read = await gql('{ xtremMasterData { customer { read(_id: "#ZZ0001") { _id name } } } }');
		expect(read.body.data.xtremMasterData.customer.read).toEqual({ _id: '3001', name: 'Sandbox Test Ltd' });
	});

	test('create with business-rule errors → HTTP 200, data null, xtrem diagnoses; nothing written', async () => {
		const res = await gql(CREATE, { data: { id: 'FR0001', name: 'Duplicate', creditLimit: -1 } });
		expect(res.status).toBe(200);
		expect(res.body.data).toEqual({ xtremMasterData: { customer: { create: null } } });
		expect(res.body.errors).toHaveLength(1);
		const err = res.body.errors[0];
		expect(err.message).toBe('The record was not created.');
		expect(err.path).toEqual(['xtremMasterData', 'customer', 'create']);
		expect(err.extensions.diagnoses).toEqual(
			expect.arrayContaining([
				{ severity: 3, path: ['creditLimit'], message: 'value must not be negative' },
				{ severity: 3, path: ['id'], message: expect.stringContaining('already used') },
			]),
		);
		expect(store()).toHaveLength(3000);
		expect(ctl.mutationLog).toHaveLength(0);
	});

	test('create: missing required fields and unknown references are diagnosed', async () => {
		const res = await gql(CREATE, { data: { country: '#XX' } });
		const diagnoses = res.body.errors[0].extensions.diagnoses;
		expect(diagnoses.map((d: Json) => d.path[0]).sort()).toEqual(['country', 'id', 'name']);
		expect(diagnoses.every((d: Json) => d.severity === 3)).toBe(true);
	});

	test('update by _id and by #natural key', async () => {
		const before = ctl.find('customer', '2')._updateStamp;
		ctl.clock.advance(60_000);
		const res = await gql(UPDATE, { data: { _id: '2', name: 'Renamed Ltd', creditLimit: 10 } });
		expect(res.status).toBe(200);
		expect(res.body.data.xtremMasterData.customer.update).toMatchObject({ _id: '2', name: 'Renamed Ltd', creditLimit: 10 });
		expect(ctl.find('customer', '2')).toMatchObject({ name: 'Renamed Ltd', creditLimit: 10 });
		expect(ctl.find('customer', '2')._updateStamp).not.toBe(before);
		const byKey = await gql(UPDATE, { data: { _id: '#GB0002', creditLimit: 20 } });
		expect(byKey.body.data.xtremMasterData.customer.update.creditLimit).toBe(20);
		expect(ctl.mutationLog.map((m: Json) => [m.op, m._id])).toEqual([
			['update', '2'],
			['update', '2'],
		]);
	});

	test('update errors: unknown _id, negative creditLimit, inactive (locked) record, missing _id', async () => {
		const unknown = await gql(UPDATE, { data: { _id: '99999', name: 'x' } });
		expect(unknown.status).toBe(200);
		expect(unknown.body.data.xtremMasterData.customer.update).toBeNull();
		expect(unknown.body.errors[0].message).toBe('The record was not updated.');
		expect(unknown.body.errors[0].extensions.diagnoses[0]).toMatchObject({ severity: 3, path: ['_id'] });

		const negative = await gql(UPDATE, { data: { _id: '1', creditLimit: -5 } });
		expect(negative.body.errors[0].extensions.diagnoses).toEqual([{ severity: 3, path: ['creditLimit'], message: 'value must not be negative' }]);

		expect(ctl.find('customer', '10').isActive).toBe(false);
		const locked = await gql(UPDATE, { data: { _id: '10', name: 'x' } });
		expect(locked.body.errors[0].extensions.diagnoses[0].message).toContain('inactive');
		const reactivate = await gql(UPDATE, { data: { _id: '10', isActive: true } });
		expect(reactivate.body.data.xtremMasterData.customer.update.isActive).toBe(true);

		const missingId = await gql(UPDATE, { data: { name: 'x' } });
		expect(missingId.status).toBe(400);
		expect(ctl.mutationLog).toHaveLength(1);
	});

	test('delete: removes once; unknown → diagnoses; referenced by a sales order → refused', async () => {
		await gql(CREATE, { data: { id: 'DEL001', name: 'To delete' } });
		const res = await gql(DELETE, { id: '#DEL001' });
		expect(res.status).toBe(200);
		expect(res.body.data.xtremMasterData.customer.delete).toBe(1);
		expect(ctl.find('customer', '#DEL001')).toBeUndefined();
		const again = await gql(DELETE, { id: '#DEL001' });
		expect(again.body.data.xtremMasterData.customer.delete).toBeNull();
		expect(again.body.errors[0].message).toBe('The record was not deleted.');
		const referencedId = ctl.records('salesOrder')[0].soldToCustomer;
		const referenced = await gql(DELETE, { id: referencedId });
		expect(referenced.body.errors[0].extensions.diagnoses[0].message).toContain('referenced by salesOrder');
		expect(ctl.find('customer', referencedId)).toBeDefined();
		expect(ctl.mutationLog.map((m: Json) => m.op)).toEqual(['create', 'delete']);
	});

	test('bulkUpdate returns the count, skips locked records and warns at the top level', async () => {
		const res = await gql(BULK, { data: { creditLimit: 777 }, filter: "{_id: {_lte: '20'}}" });
		expect(res.status).toBe(200);
		expect(res.body.errors).toBeUndefined();
		expect(res.body.data.xtremMasterData.customer.bulkUpdate).toBe(18);
		expect(res.body.extensions).toEqual({ diagnoses: [{ severity: 2, path: [], message: expect.stringContaining('2 customer record(s) were skipped') }] });
		const first20 = store().slice(0, 20);
		expect(first20.filter((c) => c.creditLimit === 777).map((c) => c._id)).toHaveLength(18);
		expect(ctl.find('customer', '10').creditLimit).not.toBe(777);
		expect(ctl.find('customer', '20').creditLimit).not.toBe(777);
		expect(ctl.mutationLog).toHaveLength(1);
		expect(ctl.mutationLog[0]).toMatchObject({ op: 'bulkUpdate', skipped: ['10', '20'] });
		expect(ctl.mutationLog[0].ids).toHaveLength(18);
	});

	test('bulkUpdate without skipped records carries no warning; invalid data writes nothing', async () => {
		const clean = await gql(BULK, { data: { name: 'Bulk' }, filter: "{_id: {_in: ['1', '2']}}" });
		expect(clean.body.data.xtremMasterData.customer.bulkUpdate).toBe(2);
		expect(clean.body.extensions).toBeUndefined();
		const bad = await gql(BULK, { data: { creditLimit: -1 }, filter: '{}' });
		expect(bad.body.data.xtremMasterData.customer.bulkUpdate).toBeNull();
		expect(bad.body.errors[0].extensions.diagnoses).toEqual([{ severity: 3, path: ['creditLimit'], message: 'value must not be negative' }]);
		expect(store().some((c) => c.creditLimit === -1)).toBe(false);
		expect(ctl.mutationLog).toHaveLength(1);
	});

	test('supplier and item have the same mutations', async () => {
		const res = await gql(`mutation {
			xtremMasterData {
				supplier { create(data: {id: "SUPX", name: "New supplier"}) { _id id } }
				item { update(data: {_id: "#ITM00001", basePrice: 12.5}) { id basePrice } }
			}
		}`);
		expect(res.body.errors).toBeUndefined();
		expect(res.body.data.xtremMasterData.supplier.create).toEqual({ _id: '501', id: 'SUPX' });
		expect(res.body.data.xtremMasterData.item.update).toEqual({ id: 'ITM00001', basePrice: 12.5 });
		expect(ctl.mutationLog.map((m: Json) => `${m.entity}.${m.op}`)).toEqual(['supplier.create', 'item.update']);
	});
});

describe('async export (start / track)', () => {
	const START = `mutation S($filter: String) { xtremMasterData { customer { asyncExport { start(filter: $filter) { trackingId } } } } }`;
	const TRACK = `mutation T($id: String!) { xtremMasterData { customer { asyncExport { track(trackingId: $id) { status result errorMessage } } } } }`;
	const TRACK_Q = `query T($id: String!) { xtremMasterData { customer { asyncExport { track(trackingId: $id) { status result errorMessage } } } } }`;

	async function start(filter?: string): Promise<string> {
		const res = await gql(START, { filter });
		expect(res.body.errors).toBeUndefined();
		return res.body.data.xtremMasterData.customer.asyncExport.start.trackingId;
	}

	test('pending → running → success after 3 track calls', async () => {
		const id = await start("{country: {id: {_eq: 'FR'}}}");
		expect(typeof id).toBe('string');
		const statuses: Json[] = [];
		for (let i = 0; i < 4; i++) {
			const res = await gql(i % 2 ? TRACK_Q : TRACK, { id });
			statuses.push(res.body.data.xtremMasterData.customer.asyncExport.track);
		}
		expect(statuses.map((s) => s.status)).toEqual(['pending', 'running', 'success', 'success']);
		expect(statuses[0].result).toBeNull();
		const result = JSON.parse(statuses[2].result);
		expect(result.rowCount).toBe(600);
		expect(result.rows).toHaveLength(600);
		expect(statuses[2].errorMessage).toBeNull();
		expect(ctl.asyncJobs()).toEqual([expect.objectContaining({ trackingId: id, status: 'success', rowCount: 600 })]);
	});

	test('failNextAsyncExport() ends the next job in error; unknown trackingId is an error', async () => {
		ctl.failNextAsyncExport('disk full');
		const id = await start();
		let last: Json;
		for (let i = 0; i < 3; i++) last = (await gql(TRACK, { id })).body.data.xtremMasterData.customer.asyncExport.track;
		expect(last).toEqual({ status: 'error', result: null, errorMessage: 'disk full' });
		const unknown = await gql(TRACK, { id: 'nope' });
		expect(unknown.body.data.xtremMasterData.customer.asyncExport.track).toBeNull();
		expect(unknown.body.errors[0].message).toContain('trackingId');
	});

	test('start with an invalid filter fails immediately', async () => {
		const res = await gql(START, { filter: '{bogus: 1}' });
		expect(res.body.data.xtremMasterData.customer.asyncExport.start).toBeNull();
		expect(res.body.errors[0].message).toContain("unknown property 'bogus'");
	});
});
