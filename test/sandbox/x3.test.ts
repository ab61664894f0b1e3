/* Conformance tests for the Sage X3 sandbox (test/sandbox/x3.js). */
 
const { SandboxServer } = require('./core');
const { registerX3 } = require('./x3');

export {};

const EU_CUSTOMER = 'https://x3.eu-customer.example';
const US_CUSTOMER = 'https://x3.us-customer.example';
const REDIRECT = 'https://3rd.app.example/callback';
const SEED_QUERY = '{\n  sage {\n    x3BusinessPartners {\n      customer(first: 2) {\n        edges {\n          node {\n            code\n            companyName\n          }\n        }\n      }\n    }\n  }\n}';

let server: any;
let x3: any;
let origin: string;

beforeAll(async () => {
	server = new SandboxServer();
	x3 = registerX3(server, {});
	origin = await server.start();
});

afterAll(async () => {
	await server.stop();
});

afterEach(() => {
	x3.clock.reset();
});

const eu = () => `${origin}/x3/eu/v1`;
const us = () => `${origin}/x3/us/v1`;

async function postJson(url: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (token) headers.authorization = `Bearer ${token}`;
	const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function getJson(url: string, token?: string): Promise<{ status: number; body: any }> {
	const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

function authoriseUrl(region: 'eu' | 'us', params: Record<string, string | undefined>): string {
	const q = new URLSearchParams();
	const all: Record<string, string | undefined> = {
		client_id: 'x3-demo-client',
		scope: 'businessDomain.ALL api.graphQL',
		customer: EU_CUSTOMER,
		redirect_uri: REDIRECT,
		state: '1234',
		...params,
	};
	for (const [k, v] of Object.entries(all)) if (v !== undefined) q.set(k, v);
	return `${origin}/x3/${region}/v1/token/authorise?${q}`;
}

async function exchange(gateway: string, code: string, redirectUri = REDIRECT) {
	return postJson(`${gateway}/token`, {
		code,
		client_id: 'x3-demo-client',
		client_secret: 'x3-demo-secret',
		grant_type: 'authorization_code',
		redirect_uri: redirectUri,
	});
}

async function refresh(gateway: string, refreshToken: string) {
	return postJson(`${gateway}/token`, {
		refresh_token: refreshToken,
		client_id: 'x3-demo-client',
		client_secret: 'x3-demo-secret',
		grant_type: 'refresh_token',
	});
}

/** A fresh access token for the eu customer (via the controller, not the pairing dance). */
async function accessToken(opts: Record<string, unknown> = {}): Promise<{ token: string; endpoint: string }> {
	const { refresh_token, endpoint } = x3.pair(opts);
	const res = await refresh(endpoint, refresh_token);
	expect(res.status).toBe(200);
	return { token: res.body.access_token, endpoint };
}

async function folderUrls(token: string, endpoint: string): Promise<Record<string, any>> {
	const res = await getJson(`${endpoint}/folders`, token);
	return Object.fromEntries(res.body.folders.map((f: any) => [f.name, f.$urls]));
}

describe('gateway', () => {
	it('GET /v1 lists the gateway URLs', async () => {
		const res = await getJson(eu());
		expect(res.status).toBe(200);
		expect(res.body.$urls).toMatchObject({
			authorise: `${eu()}/token/authorise`,
			token: `${eu()}/token`,
			folders: `${eu()}/folders`,
			graphQL: `${eu()}/service/{endPoint}/api`,
			dataIngestion: `${eu()}/dataingestion/{folder}`,
			dataDelivery: `${eu()}/datadelivery/{folder}`,
			swagger: `${eu()}/swagger`,
		});
		expect((await getJson(`${us()}`)).body.$urls.token).toBe(`${us()}/token`);
	});

	it('unknown region is 404', async () => {
		expect((await getJson(`${origin}/x3/apac/v1`)).status).toBe(404);
		expect((await getJson(`${origin}/x3/apac/v1/folders`)).status).toBe(404);
	});
});

describe('pairing: authorise', () => {
	it('shows an approval page with a POST form, request id, folder checkboxes and decision buttons', async () => {
		const res = await fetch(authoriseUrl('eu', {}));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/text\/html/);
		const html = await res.text();
		expect(html).toContain(`<form method="POST" action="${eu()}/token/authorise/decision">`);
		expect(html).toMatch(/<input type="hidden" name="request" value="[^"]+"\/>/);
		expect(html).toContain('name="folders" value="SEED"');
		expect(html).toContain('name="folders" value="X3"');
		expect(html).toContain('name="decision" value="approve"');
		expect(html).toContain('name="decision" value="reject"');
	});

	it.each([
		['unknown client_id', { client_id: 'nope' }, /client_id/],
		['missing client_id', { client_id: undefined }, /client_id/],
		['missing redirect_uri', { redirect_uri: undefined }, /redirect_uri/],
		['relative redirect_uri', { redirect_uri: '/callback' }, /redirect_uri/],
		['missing state', { state: undefined }, /state/],
		['missing customer', { customer: undefined }, /customer/],
		['unknown customer', { customer: 'https://x3.nobody.example' }, /customer/],
		['scope without an api scope', { scope: 'businessDomain.ALL' }, /scope/],
		['missing scope', { scope: undefined }, /scope/],
		['unknown scope', { scope: 'api.graphQL everything' }, /scope/],
	])('rejects %s with 400', async (_name, params, message) => {
		const res = await getJson(authoriseUrl('eu', params));
		expect(res.status).toBe(400);
		expect(res.body.$severity).toBe('error');
		expect(res.body.$message).toMatch(message);
	});

	it('approve on the customer region gateway: callback form without endpoint', async () => {
		const { action, fields } = await x3.approve(authoriseUrl('eu', { state: 's-eu' }));
		expect(action).toBe(REDIRECT);
		expect(fields.authorizationCode).toEqual(expect.any(String));
		expect(fields.state).toBe('s-eu');
		expect(fields.endpoint).toBeUndefined();
	});

	it('approve on another region gateway: callback form carries endpoint of the customer region', async () => {
		const { fields } = await x3.approve(authoriseUrl('eu', { customer: US_CUSTOMER, state: 's-us' }));
		expect(fields.state).toBe('s-us');
		expect(fields.endpoint).toBe(us());
		// exchanging at the gateway the app started with fails; at the endpoint it works
		const wrong = await exchange(eu(), fields.authorizationCode);
		expect(wrong.status).toBe(403);
		expect(wrong.body.$message).toBe('The pairing request has not been accepted.');
		const right = await exchange(fields.endpoint, fields.authorizationCode);
		expect(right.status).toBe(200);
	});

	it('the decision page auto-submits a POST form', async () => {
		const page = await (await fetch(authoriseUrl('eu', {}))).text();
		const request = /name="request" value="([^"]+)"/.exec(page)![1];
		const res = await fetch(`${eu()}/token/authorise/decision`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams([
				['request', request],
				['decision', 'approve'],
				['folders', 'SEED'],
			]).toString(),
		});
		const html = await res.text();
		expect(res.status).toBe(200);
		expect(html).toContain(`<form method="post" action="${REDIRECT}">`);
		expect(html).toContain('document.forms[0].submit()');
		expect(html).toMatch(/name="authorizationCode"/);
		// the pairing request is single use
		const again = await fetch(`${eu()}/token/authorise/decision`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ request, decision: 'approve', folders: 'SEED' }).toString(),
		});
		expect(again.status).toBe(400);
	});

	it('reject: callback carries error=access_denied and state, no code', async () => {
		const { fields } = await x3.approve(authoriseUrl('eu', { state: 'r1' }), { decision: 'reject' });
		expect(fields).toEqual({ error: 'access_denied', state: 'r1' });
	});

	it('decision validation: unknown folder, no folder', async () => {
		await expect(x3.approve(authoriseUrl('eu', {}), { folders: ['NOPE'] })).rejects.toThrow(/Unknown folder/);
		await expect(x3.approve(authoriseUrl('eu', {}), { folders: [] })).rejects.toThrow(/at least one folder/);
	});
});

describe('token', () => {
	it('exchanges a code for the documented token response', async () => {
		const { fields } = await x3.approve(authoriseUrl('eu', {}));
		const res = await exchange(eu(), fields.authorizationCode);
		expect(res.status).toBe(200);
		expect(Object.keys(res.body).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'scope', 'token_type']);
		expect(res.body).toMatchObject({
			scope: 'businessDomain.ALL api.graphQL folder.SEED folder.X3',
			token_type: 'bearer',
			expires_in: 300,
			refresh_token_expires_in: 2592000,
		});
		expect(res.body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
		expect(res.body.access_token).not.toBe(res.body.refresh_token);
	});

	it('scope lists only the approved folders', async () => {
		const { fields } = await x3.approve(authoriseUrl('eu', { scope: 'api.dataDelivery' }), { folders: ['X3'] });
		const res = await exchange(eu(), fields.authorizationCode);
		expect(res.body.scope).toBe('api.dataDelivery folder.X3');
	});

	it('rejects a form-encoded body', async () => {
		const res = await fetch(`${eu()}/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'grant_type=refresh_token&refresh_token=x&client_id=x3-demo-client&client_secret=x3-demo-secret',
		});
		expect(res.status).toBe(415);
		expect(((await res.json()) as any).$message).toMatch(/JSON/);
	});

	it('rejects bad client credentials and unknown grant types', async () => {
		const bad = await postJson(`${eu()}/token`, { grant_type: 'refresh_token', refresh_token: 'x', client_id: 'x3-demo-client', client_secret: 'wrong' });
		expect(bad.status).toBe(401);
		const grant = await postJson(`${eu()}/token`, { grant_type: 'client_credentials', client_id: 'x3-demo-client', client_secret: 'x3-demo-secret' });
		expect(grant.status).toBe(400);
		expect(grant.body.$message).toMatch(/grant_type/);
	});

	it('a code is single use', async () => {
		const { fields } = await x3.approve(authoriseUrl('eu', {}));
		expect((await exchange(eu(), fields.authorizationCode)).status).toBe(200);
		const again = await exchange(eu(), fields.authorizationCode);
		expect(again.status).toBe(403);
		expect(again.body.$message).toMatch(/request has expired/);
	});

	it('a code expires after 10 minutes', async () => {
		const { fields } = await x3.approve(authoriseUrl('eu', {}));
		x3.clock.advance(10 * 60 * 1000 + 1);
		const res = await exchange(eu(), fields.authorizationCode);
		expect(res.status).toBe(403);
		expect(res.body.$message).toMatch(/request has expired/);
	});

	it('unknown code and mismatched redirect_uri are rejected', async () => {
		expect((await exchange(eu(), 'not-a-code')).status).toBe(403);
		const { fields } = await x3.approve(authoriseUrl('eu', {}));
		const res = await exchange(eu(), fields.authorizationCode, 'https://evil.example/cb');
		expect(res.status).toBe(400);
		expect(res.body.$message).toMatch(/redirect_uri/);
		expect((await exchange(eu(), fields.authorizationCode)).status).toBe(200);
	});

	it('refresh rotates: the new pair works and the old refresh token is rejected', async () => {
		const { refresh_token, endpoint } = x3.pair({});
		const before = x3.tokenRequests();
		const first = await refresh(endpoint, refresh_token);
		expect(first.status).toBe(200);
		expect(first.body.refresh_token).not.toBe(refresh_token);
		expect(first.body.scope).toBe('businessDomain.ALL api.graphQL folder.SEED folder.X3');
		const reused = await refresh(endpoint, refresh_token);
		expect(reused.status).toBe(401);
		expect(reused.body.$message).toMatch(/refresh token is invalid or has expired/);
		const second = await refresh(endpoint, first.body.refresh_token);
		expect(second.status).toBe(200);
		expect(x3.tokenRequests() - before).toBe(3);
		expect(x3.issuedRefreshTokens).toContain(second.body.refresh_token);
	});

	it('refresh at the wrong region, after revocation or after 30 days fails', async () => {
		const a = x3.pair({ customer: US_CUSTOMER });
		expect(a.endpoint).toBe(us());
		expect((await refresh(eu(), a.refresh_token)).status).toBe(401);
		expect((await refresh(us(), a.refresh_token)).status).toBe(200);
		const b = x3.pair({});
		x3.revokeRefreshTokens();
		expect((await refresh(eu(), b.refresh_token)).status).toBe(401);
		const c = x3.pair({});
		x3.clock.advance(2592000 * 1000);
		expect((await refresh(eu(), c.refresh_token)).status).toBe(401);
	});
});

describe('bearer auth', () => {
	it('missing, unknown, expired (clock) and expired (switch) tokens get 401 Unauthorised', async () => {
		expect(await getJson(`${eu()}/folders`)).toEqual({ status: 401, body: { message: 'Unauthorised' } });
		expect(await getJson(`${eu()}/folders`, 'garbage')).toEqual({ status: 401, body: { message: 'Unauthorised' } });
		const { token } = await accessToken();
		expect((await getJson(`${eu()}/folders`, token)).status).toBe(200);
		x3.clock.advance(299 * 1000);
		expect((await getJson(`${eu()}/folders`, token)).status).toBe(200);
		x3.clock.advance(1000);
		expect(await getJson(`${eu()}/folders`, token)).toEqual({ status: 401, body: { message: 'Unauthorised' } });
		x3.clock.reset();
		const second = await accessToken();
		x3.expireAccessTokens();
		expect((await getJson(`${eu()}/folders`, second.token)).status).toBe(401);
		const third = await accessToken();
		expect((await getJson(`${eu()}/folders`, third.token)).status).toBe(200);
	});

	it('a token is only valid on its customer region gateway', async () => {
		const { token } = await accessToken({ customer: US_CUSTOMER });
		expect((await getJson(`${us()}/folders`, token)).status).toBe(200);
		expect(await getJson(`${eu()}/folders`, token)).toEqual({ status: 401, body: { message: 'Unauthorised' } });
		expect((await postJson(`${eu()}/service/X3CLOUDV2_SEED/graphQL`, { query: '{ __typename }' }, token)).status).toBe(401);
	});
});

describe('folders', () => {
	it('lists approved folders with dataService URLs ending /graphQL and /api', async () => {
		const { token } = await accessToken();
		const res = await getJson(`${eu()}/folders`, token);
		expect(res.body).toEqual({
			folders: [
				{ name: 'SEED', $urls: { dataService: `${eu()}/service/X3CLOUDV2_SEED/graphQL` } },
				{ name: 'X3', $urls: { dataService: `${eu()}/service/X3CLOUDV2_X3/api` } },
			],
		});
	});

	it('only approved folders, dataDelivery URLs with that scope', async () => {
		const { token } = await accessToken({ folders: ['X3'], scope: 'api.dataDelivery' });
		const res = await getJson(`${eu()}/folders`, token);
		expect(res.body).toEqual({ folders: [{ name: 'X3', $urls: { dataDelivery: `${eu()}/datadelivery/X3` } }] });
	});

	it('foreignFolderUrl points SEED at another host', async () => {
		const other = new SandboxServer();
		const ctl = registerX3(other, { foreignFolderUrl: true, customers: 5 });
		await other.start();
		try {
			const { refresh_token, endpoint } = ctl.pair({});
			const res = await refresh(endpoint, refresh_token);
			const urls = await folderUrls(res.body.access_token, endpoint);
			expect(urls.SEED.dataService).toBe(`http://127.0.0.2:${other.port}/x3/eu/v1/service/X3CLOUDV2_SEED/graphQL`);
			expect(urls.X3.dataService.startsWith(other.url)).toBe(true);
		} finally {
			await other.stop();
		}
	});
});

describe('GraphQL (SEED, older cloud schema)', () => {
	let token: string;
	let seed: string;
	let v12: string;
	beforeEach(async () => {
		const t = await accessToken();
		token = t.token;
		const urls = await folderUrls(token, t.endpoint);
		seed = urls.SEED.dataService;
		v12 = urls.X3.dataService;
	});
	const gql = (url: string, query: string, variables?: unknown) => postJson(url, { query, variables: variables ?? null }, token);

	it('answers the seed example exactly', async () => {
		const res = await gql(seed, SEED_QUERY);
		expect(res.status).toBe(200);
		expect(res.body).toEqual({
			data: {
				sage: {
					x3BusinessPartners: {
						customer: {
							edges: [{ node: { code: 'AE0001', companyName: 'An Enterprise 1' } }, { node: { code: 'AE0002', companyName: 'An Enterprise 2' } }],
						},
					},
				},
			},
			extensions: {},
		});
	});

	it('pages through all 2,500 customers 100 at a time without duplicates (cursor as variable)', async () => {
		const query = 'query($after: String) { sage { x3BusinessPartners { customer(first: 100, after: $after) { totalCount edges { node { code } cursor } pageInfo { endCursor hasNextPage } } } } }';
		const seen = new Set<string>();
		let after: string | null = null;
		let pages = 0;
		for (;;) {
			const res = await gql(seed, query, { after });
			expect(res.status).toBe(200);
			const conn = res.body.data.sage.x3BusinessPartners.customer;
			expect(conn.totalCount).toBe(2500);
			for (const edge of conn.edges) {
				expect(seen.has(edge.node.code)).toBe(false);
				seen.add(edge.node.code);
			}
			pages++;
			if (!conn.pageInfo.hasNextPage) break;
			after = conn.pageInfo.endCursor;
			expect(after).toMatch(/^\["AE\d{4}"\]#\d+$/);
		}
		expect(pages).toBe(25);
		expect(seen.size).toBe(2500);
	});

	it('default page size is 20; first > 100 is a 400', async () => {
		const res = await gql(seed, '{ sage { x3BusinessPartners { customer { edges { node { code } } } } } }');
		expect(res.body.data.sage.x3BusinessPartners.customer.edges).toHaveLength(20);
		const big = await gql(seed, '{ sage { x3BusinessPartners { customer(first: 101) { edges { node { code } } } } } }');
		expect(big).toEqual({ status: 400, body: { errors: [{ message: 'first must not exceed 100' }] } });
	});

	it('rejects invalid and foreign cursors', async () => {
		const bad = await gql(seed, 'query($a: String) { sage { x3BusinessPartners { customer(after: $a) { edges { node { code } } } } } }', { a: 'garbage' });
		expect(bad.status).toBe(400);
		expect(bad.body.errors[0].message).toMatch(/cursor/);
		const sup = await gql(seed, '{ sage { x3BusinessPartners { supplier(first: 1) { pageInfo { endCursor } } } } }');
		const foreign = sup.body.data.sage.x3BusinessPartners.supplier.pageInfo.endCursor;
		const res = await gql(seed, 'query($a: String) { sage { x3BusinessPartners { customer(after: $a) { edges { node { code } } } } } }', { a: foreign });
		expect(res.status).toBe(400);
	});

	it('filters: equality, $in, $gt on dates, $regex, and orderBy -1', async () => {
		const q = (entity: string, args: string, fields = 'code') =>
			gql(seed, `{ sage { x3BusinessPartners { ${entity}(${args}) { totalCount edges { node { ${fields} } } } } } }`).then((r) => r.body.data.sage.x3BusinessPartners[entity]);
		expect((await q('customer', `filter: "{code: 'AE0003'}"`)).edges).toEqual([{ node: { code: 'AE0003' } }]);
		const inRes = await q('customer', `filter: "{code: {$in: ['AE0010', 'AE0005', 'ZZZ']}}"`);
		expect(inRes.edges.map((e: any) => e.node.code)).toEqual(['AE0005', 'AE0010']);
		const regex = await q('customer', `first: 100, filter: "{companyName: {$regex: '^An Enterprise 24\\\\d\\\\d$'}}"`);
		expect(regex.totalCount).toBe(100);
		const desc = await q('customer', `first: 3, orderBy: "{ code: -1 }"`);
		expect(desc.edges.map((e: any) => e.node.code)).toEqual(['AE2500', 'AE2499', 'AE2498']);
		const sup = await q('supplier', `filter: "{country: 'GB', isActive: true}", first: 1`, 'code country isActive');
		expect(sup.edges[0].node).toMatchObject({ country: 'GB', isActive: true });
		const orders = await gql(seed, `{ sage { x3Sales { salesOrder(first: 100, filter: "{orderDate: {$gt: '2017-01-10'}}") { totalCount edges { node { id orderDate } } } } } }`);
		const conn = orders.body.data.sage.x3Sales.salesOrder;
		expect(conn.totalCount).toBe(190);
		expect(conn.edges.every((e: any) => e.node.orderDate > '2017-01-10')).toBe(true);
	});

	it('unknown filter field, bad operator and unparsable filter are 400s naming the problem', async () => {
		const run = (filter: string) => gql(seed, 'query($f: String) { sage { x3BusinessPartners { customer(filter: $f) { edges { node { code } } } } } }', { f: filter });
		const unknown = await run("{colour: 'red'}");
		expect(unknown.status).toBe(400);
		expect(unknown.body.errors[0].message).toMatch(/colour/);
		const op = await run("{code: {_eq: 'AE0001'}}");
		expect(op.status).toBe(400);
		expect(op.body.errors[0].message).toMatch(/_eq/);
		const broken = await run("{code: 'AE0001'");
		expect(broken.status).toBe(400);
		expect(broken.body.errors[0].message).toMatch(/Invalid filter/);
		const order = await gql(seed, '{ sage { x3BusinessPartners { customer(orderBy: "{ colour: 1 }") { edges { node { code } } } } } }');
		expect(order.status).toBe(400);
	});

	it('GraphQL syntax and validation errors are 400 with locations', async () => {
		const res = await gql(seed, '{ sage { x3BusinessPartners { customer(first: 2) { edges { node { code } } }');
		expect(res.status).toBe(400);
		expect(res.body.errors[0]).toEqual({ message: expect.stringMatching(/^Syntax Error/), locations: [expect.objectContaining({ line: 1 })] });
		const unknownField = await gql(seed, '{ sage { x3BusinessPartners { customer { edges { node { colour } } } } } }');
		expect(unknownField.status).toBe(400);
		expect(unknownField.body.errors[0].message).toMatch(/colour/);
	});

	it('introspection works and shows x3BusinessPartners', async () => {
		const res = await gql(seed, '{ __schema { queryType { name } types { name fields { name } } } }');
		expect(res.status).toBe(200);
		const sageQuery = res.body.data.__schema.types.find((t: any) => t.name === 'SageQuery');
		expect(sageQuery.fields.map((f: any) => f.name)).toContain('x3BusinessPartners');
	});

	it('customer create, update, delete are applied once to the store and logged', async () => {
		const store = x3.customers(EU_CUSTOMER);
		const logStart = x3.mutationLog.length;
		const create = await gql(seed, 'mutation($d: CustomerInput!) { sage { x3BusinessPartners { customer { create(data: $d) { code companyName currency isActive } } } } }', {
			d: { code: 'NEW001', companyName: 'New Company', country: 'GB' },
		});
		expect(create.status).toBe(200);
		expect(create.body.data.sage.x3BusinessPartners.customer.create).toEqual({ code: 'NEW001', companyName: 'New Company', currency: 'GBP', isActive: true });
		expect(store.filter((c: any) => c.code === 'NEW001')).toHaveLength(1);

		const dup = await gql(seed, 'mutation { sage { x3BusinessPartners { customer { create(data: {code: "NEW001", companyName: "Again"}) { code } } } } }');
		expect(dup.status).toBe(200);
		expect(dup.body.data.sage.x3BusinessPartners.customer.create).toBeNull();
		expect(dup.body.errors[0].message).toMatch(/already exists/);
		expect(store.filter((c: any) => c.code === 'NEW001')).toHaveLength(1);

		const update = await gql(seed, 'mutation { sage { x3BusinessPartners { customer { update(data: {code: "NEW001", companyName: "Renamed"}) { code companyName } } } } }');
		expect(update.body.data.sage.x3BusinessPartners.customer.update).toEqual({ code: 'NEW001', companyName: 'Renamed' });
		expect(store.find((c: any) => c.code === 'NEW001').companyName).toBe('Renamed');

		const del = await gql(seed, 'mutation { sage { x3BusinessPartners { customer { delete(code: "NEW001") } } } }');
		expect(del.body.data.sage.x3BusinessPartners.customer.delete).toBe(true);
		expect(store.some((c: any) => c.code === 'NEW001')).toBe(false);
		const delAgain = await gql(seed, 'mutation { sage { x3BusinessPartners { customer { delete(code: "NEW001") } } } }');
		expect(delAgain.status).toBe(200);
		expect(delAgain.body.errors[0].message).toMatch(/does not exist/);

		const log = x3.mutationLog.slice(logStart);
		expect(log.map((m: any) => `${m.action}:${m.key}`)).toEqual(['create:NEW001', 'update:NEW001', 'delete:NEW001']);
		expect(new Set(log.map((m: any) => m.requestId)).size).toBe(3);
		expect(store).toHaveLength(2500);
	});

	it('sales order create', async () => {
		const orders = x3.salesOrders(EU_CUSTOMER);
		const before = orders.length;
		const res = await gql(
			seed,
			'mutation { sage { x3Sales { salesOrder { create(data: {customer: "AE0003", orderDate: "2024-03-01", lines: [{product: "BMSMN00201", quantity: 2, price: 10.5}, {product: "TOOL0001", quantity: 1, price: 4}]}) { id amount customer lines { lineNumber } } } } } }',
		);
		expect(res.status).toBe(200);
		const created = res.body.data.sage.x3Sales.salesOrder.create;
		expect(created).toMatchObject({ id: 'SO000201', amount: 25, customer: 'AE0003', lines: [{ lineNumber: 1000 }, { lineNumber: 2000 }] });
		expect(orders).toHaveLength(before + 1);
		const bad = await gql(seed, 'mutation { sage { x3Sales { salesOrder { create(data: {customer: "NOPE", lines: [{product: "X", quantity: 1, price: 1}]}) { id } } } } }');
		expect(bad.body.errors[0].message).toMatch(/NOPE does not exist/);
		expect(orders).toHaveLength(before + 1);
	});

	it('an injected internal failure is a 500 with the Sage error shape and applies nothing', async () => {
		x3.failGraphQL(1);
		const logStart = x3.mutationLog.length;
		const res = await gql(seed, 'mutation { sage { x3BusinessPartners { customer { create(data: {code: "FAIL01", companyName: "F"}) { code } } } } }');
		expect(res.status).toBe(500);
		expect(Object.keys(res.body).sort()).toEqual(['$dataCode', '$message', '$severity', '$source']);
		expect(x3.mutationLog.length).toBe(logStart);
		expect((await gql(seed, SEED_QUERY)).status).toBe(200);
	});

	it('wrong endpoint ending, unapproved folder and missing scope', async () => {
		expect((await gql(seed.replace(/graphQL$/, 'api'), SEED_QUERY)).status).toBe(404);
		expect((await gql(v12.replace(/api$/, 'graphQL'), SEED_QUERY)).status).toBe(404);
		const { token: seedOnly } = await accessToken({ folders: ['SEED'] });
		expect((await postJson(v12, { query: '{ __typename }' }, seedOnly)).status).toBe(403);
		const { token: dd } = await accessToken({ scope: 'api.dataDelivery' });
		expect((await postJson(seed, { query: '{ __typename }' }, dd)).status).toBe(403);
		const form = await fetch(seed, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: JSON.stringify({ query: SEED_QUERY }) });
		expect(form.status).toBe(400);
	});
});

describe('GraphQL (X3 folder, V12 schema)', () => {
	let token: string;
	let v12: string;
	beforeEach(async () => {
		const t = await accessToken();
		token = t.token;
		v12 = (await folderUrls(token, t.endpoint)).X3.dataService;
	});
	const gql = (query: string, variables?: unknown) => postJson(v12, { query, variables: variables ?? null }, token);

	it('businessPartner query with _eq / _in / _regex filters, paging and read', async () => {
		const eq = await gql(`{ x3MasterData { businessPartner { query(filter: "{code: {_eq: 'SU0007'}}") { totalCount edges { node { _id code isCustomer isSupplier } } } } } }`);
		expect(eq.status).toBe(200);
		expect(eq.body.data.x3MasterData.businessPartner.query).toEqual({
			totalCount: 1,
			edges: [{ node: { _id: 'SU0007', code: 'SU0007', isCustomer: false, isSupplier: true } }],
		});
		const all = await gql('{ x3MasterData { businessPartner { query(first: 5, orderBy: "{code: -1}") { totalCount edges { node { code } cursor } pageInfo { hasNextPage endCursor } } } } }');
		const conn = all.body.data.x3MasterData.businessPartner.query;
		expect(conn.totalCount).toBe(2800);
		expect(conn.edges[0].node.code).toBe('SU0300');
		const next = await gql('query($a: String) { x3MasterData { businessPartner { query(first: 5, after: $a, orderBy: "{code: -1}") { edges { node { code } } } } } }', {
			a: conn.pageInfo.endCursor,
		});
		expect(next.body.data.x3MasterData.businessPartner.query.edges[0].node.code).toBe('SU0295');
		const inRes = await gql(`{ x3MasterData { customer { query(filter: "{_id: {_in: ['AE0002', 'AE0004']}}") { edges { node { _id } } } } } }`);
		expect(inRes.body.data.x3MasterData.customer.query.edges).toEqual([{ node: { _id: 'AE0002' } }, { node: { _id: 'AE0004' } }]);
		const rx = await gql(`{ x3MasterData { customer { query(filter: "{code: {_regex: '^AE00[0-4]'}}", first: 100) { totalCount } } } }`);
		expect(rx.body.data.x3MasterData.customer.query.totalCount).toBe(49);
		const read = await gql('{ x3MasterData { customer { read(_id: "AE0042") { _id code companyName } } businessPartner { read(_id: "NOPE") { _id } } } }');
		expect(read.body.data.x3MasterData).toEqual({ customer: { read: { _id: 'AE0042', code: 'AE0042', companyName: 'An Enterprise 42' } }, businessPartner: { read: null } });
		const wrongStyle = await gql(`{ x3MasterData { customer { query(filter: "{code: {$eq: 'AE0001'}}") { totalCount } } } }`);
		expect(wrongStyle.status).toBe(400);
		const tooMany = await gql('{ x3MasterData { customer { query(first: 500) { totalCount } } } }');
		expect(tooMany).toEqual({ status: 400, body: { errors: [{ message: 'first must not exceed 100' }] } });
	});

	it('salesOrder query and read', async () => {
		const res = await gql('{ x3Sales { salesOrder { query(first: 2) { edges { node { _id id } } } read(_id: "SO000005") { id customer } } } }');
		expect(res.body.data.x3Sales.salesOrder.query.edges).toEqual([{ node: { _id: 'SO000001', id: 'SO000001' } }, { node: { _id: 'SO000002', id: 'SO000002' } }]);
		expect(res.body.data.x3Sales.salesOrder.read).toEqual({ id: 'SO000005', customer: 'AE0036' });
	});

	it('customer create / update / delete mutations change the shared store (same data as SEED)', async () => {
		const store = x3.customers(EU_CUSTOMER);
		const create = await gql('mutation { x3MasterData { customer { create(data: {code: "V12A", companyName: "V12 Company"}) { _id code } } } }');
		expect(create.body.data.x3MasterData.customer.create).toEqual({ _id: 'V12A', code: 'V12A' });
		expect(store.filter((c: any) => c.code === 'V12A')).toHaveLength(1);
		const update = await gql('mutation { x3MasterData { customer { update(data: {_id: "V12A", isActive: false}) { _id isActive } } } }');
		expect(update.body.data.x3MasterData.customer.update).toEqual({ _id: 'V12A', isActive: false });
		expect(store.find((c: any) => c.code === 'V12A').isActive).toBe(false);
		const missing = await gql('mutation { x3MasterData { customer { update(data: {_id: "NOPE", isActive: false}) { _id } } } }');
		expect(missing.status).toBe(200);
		expect(missing.body.errors[0].message).toMatch(/NOPE does not exist/);
		const inUse = await gql('mutation { x3MasterData { customer { delete(_id: "AE0008") } } }');
		expect(inUse.body.errors[0].message).toMatch(/used by sales orders/);
		const del = await gql('mutation { x3MasterData { customer { delete(_id: "V12A") } } }');
		expect(del.body.data.x3MasterData.customer.delete).toBe(true);
		expect(store.some((c: any) => c.code === 'V12A')).toBe(false);
	});

	it('introspection exposes the V12 roots', async () => {
		const res = await gql('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
		expect(res.body.data.__schema.queryType.fields.map((f: any) => f.name)).toEqual(['x3MasterData', 'x3Sales']);
		expect(res.body.data.__schema.mutationType.fields.map((f: any) => f.name)).toEqual(['x3MasterData']);
	});

	it('renameField: an upgrade renames a field in the schema, answers, filters and orderBy, and can be undone', async () => {
		const customerFields = async () =>
			(await gql('{ __type(name: "Customer") { fields { name } } }')).body.data.__type.fields.map((f: any) => f.name) as string[];
		x3.renameField('X3', 'customer', 'updatedAt', 'updDatTim');
		try {
			expect(await customerFields()).toContain('updDatTim');
			expect(await customerFields()).not.toContain('updatedAt');
			const old = await gql('{ x3MasterData { customer { query(first: 1) { edges { node { updatedAt } } } } } }');
			expect(old.status).toBe(400);
			expect(old.body.errors[0].message).toMatch(/Cannot query field "updatedAt" on type "Customer"/);
			const renamed = await gql(
				`{ x3MasterData { customer { query(first: 2, filter: "{updDatTim: {_gte: '2017-01-01T00:00:00Z'}}", orderBy: "{updDatTim: -1, _id: 1}") { edges { node { _id updDatTim } } } read(_id: "AE0042") { updDatTim } } } }`,
			);
			expect(renamed.status).toBe(200);
			const nodes = renamed.body.data.x3MasterData.customer.query.edges.map((edge: any) => edge.node);
			const stored = x3.customers(EU_CUSTOMER);
			const newest = [...stored].sort((a: any, b: any) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.code < b.code ? -1 : 1))[0];
			expect(nodes[0]).toEqual({ _id: newest.code, updDatTim: newest.updatedAt });
			expect(renamed.body.data.x3MasterData.customer.read).toEqual({ updDatTim: stored.find((c: any) => c.code === 'AE0042').updatedAt });
			expect(() => x3.renameField('X3', 'customer', 'createdAt', 'updDatTim')).toThrow(/already has a field updDatTim/);
			expect(() => x3.renameField('X3', 'customer', 'code', 'key')).toThrow(/key fields/);
		} finally {
			x3.renameField('X3', 'customer', 'updatedAt', undefined);
		}
		expect(await customerFields()).toContain('updatedAt');
		expect((await gql('{ x3MasterData { customer { query(first: 1) { edges { node { updatedAt } } } } } }')).status).toBe(200);
	});
});

describe('data delivery', () => {
	let token: string;
	beforeAll(async () => {
		token = (await accessToken({ scope: 'api.dataDelivery', folders: ['SEED', 'X3'] })).token;
	});

	it('lists 120 files in 3 pages of 50/50/20', async () => {
		const keys: string[] = [];
		let url = `${eu()}/datadelivery/SEED`;
		const sizes: number[] = [];
		for (;;) {
			const res = await getJson(url, token);
			expect(res.status).toBe(200);
			sizes.push(res.body.items.length);
			for (const item of res.body.items) {
				expect(Object.keys(item).sort()).toEqual(['checksum', 'deleteUrl', 'downloadUrl', 'key', 'lastModified', 'size']);
				keys.push(item.key);
			}
			if (!res.body.isTruncated) {
				expect(res.body.continuationToken).toBeUndefined();
				break;
			}
			url = `${eu()}/datadelivery/SEED?continuationToken=${encodeURIComponent(res.body.continuationToken)}`;
		}
		expect(sizes).toEqual([50, 50, 20]);
		expect(new Set(keys).size).toBe(120);
	});

	it('downloads the bytes of a file (text/csv) matching size and checksum', async () => {
		const list = await getJson(`${eu()}/datadelivery/X3`, token);
		const item = list.body.items[3];
		const res = await fetch(item.downloadUrl, { headers: { authorization: `Bearer ${token}` } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
		const bytes = Buffer.from(await res.arrayBuffer());
		expect(bytes.length).toBe(item.size);
		const { createHash } = require('node:crypto');
		expect(createHash('md5').update(bytes).digest('hex')).toBe(item.checksum);
		expect(bytes.toString('utf8').split('\n')[0]).toBe('code;description;amount;updated');
	});

	it('deletes a file: 204, gone from the list, then 404', async () => {
		const list = await getJson(`${eu()}/datadelivery/X3`, token);
		const item = list.body.items[0];
		const del = await fetch(item.deleteUrl, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
		expect(del.status).toBe(204);
		const after = await getJson(`${eu()}/datadelivery/X3`, token);
		expect(after.body.items.map((i: any) => i.key)).not.toContain(item.key);
		const again = await fetch(item.deleteUrl, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
		expect(again.status).toBe(404);
		expect(((await again.json()) as any).$message).toMatch(/does not exist/);
		expect((await fetch(item.downloadUrl, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
		expect(x3.deliveryFiles('X3', EU_CUSTOMER)).toHaveLength(119);
	});

	it('needs the api.dataDelivery scope, a valid token and a valid continuation token', async () => {
		const { token: gqlOnly } = await accessToken();
		expect((await getJson(`${eu()}/datadelivery/SEED`, gqlOnly)).status).toBe(403);
		expect((await getJson(`${eu()}/datadelivery/SEED`)).status).toBe(401);
		expect((await getJson(`${eu()}/datadelivery/NOPE`, token)).status).toBe(404);
		expect((await getJson(`${eu()}/datadelivery/SEED?continuationToken=%%%`, token)).status).toBe(400);
	});
});

describe('counters and fault injection use the documented route names', () => {
	it('counts requests per route name', async () => {
		const before = server.count('x3.gateway');
		await getJson(eu());
		expect(server.count('x3.gateway')).toBe(before + 1);
		server.setFaults([{ route: 'x3.folders', kind: 503, times: 1 }]);
		try {
			const { token } = await accessToken();
			expect((await getJson(`${eu()}/folders`, token)).status).toBe(503);
			expect((await getJson(`${eu()}/folders`, token)).status).toBe(200);
		} finally {
			server.clearFaults();
		}
		const names = new Set(server.log.map((e: any) => e.name));
		for (const name of ['x3.gateway', 'x3.authorise', 'x3.decision', 'x3.token', 'x3.folders', 'x3.graphql', 'x3.delivery.list', 'x3.delivery.download', 'x3.delivery.delete']) {
			expect(names.has(name)).toBe(true);
		}
	});
});
