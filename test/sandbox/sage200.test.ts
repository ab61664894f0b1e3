/* Conformance tests for the Sage 200 simulation (test/sandbox/sage200.js). */
export {};
const { SandboxServer } = require('./core');
const { registerSage200 } = require('./sage200');

type Json = any;

interface Started {
	server: any;
	s200: any;
	url: string;
}

async function start(options: Record<string, unknown> = {}): Promise<Started> {
	const server = new SandboxServer();
	const s200 = registerSage200(server, options);
	const url: string = await server.start();
	return { server, s200, url };
}

/** Parsed JSON body of a fetch response, typed loosely for assertions. */
const body = async (res: { json(): Promise<unknown> }): Promise<Json> => (await res.json()) as Json;

const APIM_MISSING_KEY = 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

describe('Sage 200 sandbox', () => {
	let env: Started;
	let s200: any;
	let token: string;

	beforeAll(async () => {
		env = await start();
		s200 = env.s200;
		token = s200.issue().access_token;
	});
	afterAll(async () => {
		await env.server.stop();
	});

	function headers(extra: Record<string, string | undefined> = {}, company = '1'): Record<string, string> {
		const h: Record<string, string | undefined> = {
			authorization: `Bearer ${token}`,
			'ocp-apim-subscription-key': s200.demo.subscriptionKey,
			'x-site': s200.demo.siteId,
			'x-company': company,
			...extra,
		};
		const out: Record<string, string> = {};
		for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = v;
		return out;
	}
	async function api(path: string, init: { method?: string; body?: unknown; company?: string; headers?: Record<string, string | undefined>; base?: string } = {}) {
		const h = headers(init.headers, init.company ?? '1');
		if (init.body !== undefined) h['content-type'] = 'application/json';
		const res = await fetch((init.base ?? s200.demo.baseUrl) + path, {
			method: init.method ?? 'GET',
			headers: h,
			body: init.body === undefined ? undefined : JSON.stringify(init.body),
		});
		const text = await res.text();
		let json: Json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = text;
		}
		return { status: res.status, json, headers: res.headers };
	}
	const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
	const expectSageError = (json: Json, dataCode?: string) => {
		expect(Array.isArray(json)).toBe(true);
		expect(Object.keys(json[0]).sort()).toEqual(['$dataCode', '$message', '$severity', '$source']);
		expect(json[0].$severity).toBe('error');
		if (dataCode) expect(json[0].$dataCode).toBe(dataCode);
	};

	// ------------------------------------------------------------------ Sage ID
	describe('Sage ID authorize', () => {
		const authorizeUrl = (overrides: Record<string, string | undefined> = {}) => {
			const params: Record<string, string | undefined> = {
				audience: 's200ukipd/sage200',
				client_id: s200.demo.clientId,
				response_type: 'code',
				redirect_uri: REDIRECT,
				scope: 'openid profile email offline_access',
				state: 'st4te-xyz',
				...overrides,
			};
			const u = new URL(s200.demo.authorizeUrl);
			for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
			return u.toString();
		};
		const get = (url: string) => fetch(url, { redirect: 'manual' });

		it('redirects to redirect_uri with code and state', async () => {
			const res = await get(authorizeUrl());
			expect(res.status).toBe(302);
			const location = new URL(res.headers.get('location') ?? '');
			expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
			expect(location.searchParams.get('code')).toMatch(/.{16,}/);
			expect(location.searchParams.get('state')).toBe('st4te-xyz');
		});

		it('requires the audience s200ukipd/sage200', async () => {
			for (const audience of [undefined, 's200ukipd/other', '']) {
				const res = await get(authorizeUrl({ audience }));
				expect(res.status).toBe(400);
				expect(res.headers.get('location')).toBeNull();
				expect((await body(res)).error).toBeDefined();
			}
		});

		it('rejects unknown clients, wrong response_type, unregistered redirect_uri and missing scopes', async () => {
			expect((await get(authorizeUrl({ client_id: 'nope' }))).status).toBe(400);
			expect((await get(authorizeUrl({ response_type: 'token' }))).status).toBe(400);
			expect((await get(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }))).status).toBe(400);
			expect((await get(authorizeUrl({ redirect_uri: 'http://localhost.evil.example/cb' }))).status).toBe(400);
			expect((await get(authorizeUrl({ scope: 'openid profile email' }))).status).toBe(400);
			expect((await get(authorizeUrl({ scope: 'offline_access' }))).status).toBe(400);
			expect((await get(authorizeUrl({ redirect_uri: 'http://localhost:5678/cb' }))).status).toBe(302);
		});

		it('accepts extra redirect URIs from options', async () => {
			const other = await start({ redirectUris: ['https://n8n.example.com/rest/oauth2-credential/callback'] });
			try {
				const u = new URL(other.s200.demo.authorizeUrl);
				u.search = q({ audience: 's200ukipd/sage200', client_id: 's200-demo-client', response_type: 'code', redirect_uri: 'https://n8n.example.com/rest/oauth2-credential/callback', scope: 'openid offline_access', state: 's' });
				const res = await fetch(u, { redirect: 'manual' });
				expect(res.status).toBe(302);
				expect(res.headers.get('location')).toMatch(/^https:\/\/n8n\.example\.com\/rest\/oauth2-credential\/callback\?code=/);
			} finally {
				await other.server.stop();
			}
		});

		async function getCode(redirect = REDIRECT): Promise<string> {
			const res = await get(authorizeUrl({ redirect_uri: redirect }));
			return new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
		}
		const tokenForm = (params: Record<string, string>, extraHeaders: Record<string, string> = {}) =>
			fetch(s200.demo.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders }, body: new URLSearchParams(params).toString() });
		const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

		it('exchanges a code (form body, client credentials in the body)', async () => {
			const code = await getCode();
			const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret });
			expect(res.status).toBe(200);
			const tokens = await body(res);
			expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'scope', 'token_type']);
			expect(tokens.expires_in).toBe(28800);
			expect(tokens.token_type).toBe('Bearer');
			expect(tokens.scope).toContain('offline_access');
			const sites = await api('sites', { headers: { authorization: `Bearer ${tokens.access_token}` } });
			expect(sites.status).toBe(200);
		});

		it('exchanges a code with HTTP Basic client authentication', async () => {
			const code = await getCode();
			const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT }, { authorization: basic(s200.demo.clientId, s200.demo.clientSecret) });
			expect(res.status).toBe(200);
			const log = s200.tokenRequests();
			expect(log[log.length - 1]).toMatchObject({ grant_type: 'authorization_code', clientAuth: 'basic', status: 200 });
		});

		it('exchanges a code with a JSON body (Auth0 style)', async () => {
			const code = await getCode();
			const res = await fetch(s200.demo.tokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret }),
			});
			expect(res.status).toBe(200);
		});

		it('codes are single use', async () => {
			const code = await getCode();
			const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret };
			expect((await tokenForm(params)).status).toBe(200);
			const again = await tokenForm(params);
			expect(again.status).toBe(403);
			expect((await body(again)).error).toBe('invalid_grant');
		});

		it('codes expire after 10 minutes', async () => {
			const code = await getCode();
			s200.clock.advance(10 * 60 * 1000 + 1);
			const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret });
			expect(res.status).toBe(403);
			expect((await body(res)).error).toBe('invalid_grant');
			const fresh = await getCode();
			s200.clock.advance(9 * 60 * 1000);
			expect((await tokenForm({ grant_type: 'authorization_code', code: fresh, redirect_uri: REDIRECT, client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret })).status).toBe(200);
		});

		it('rejects a redirect_uri mismatch and bad client credentials', async () => {
			const code = await getCode();
			const mismatch = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:9999/other', client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret });
			expect(mismatch.status).toBe(403);
			const code2 = await getCode();
			const badSecret = await tokenForm({ grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT, client_id: s200.demo.clientId, client_secret: 'wrong' });
			expect(badSecret.status).toBe(401);
			expect(['access_denied', 'invalid_client']).toContain((await body(badSecret)).error);
			const badBasic = await tokenForm({ grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT }, { authorization: basic('unknown', 'x') });
			expect(badBasic.status).toBe(401);
			const noGrant = await tokenForm({ client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret });
			expect(noGrant.status).toBe(400);
		});

		it('supports PKCE (S256)', async () => {
			const crypto = require('node:crypto');
			const verifier = 'a'.repeat(50);
			const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
			const res = await get(authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
			const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
			const base = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret };
			expect((await tokenForm({ ...base, code_verifier: verifier })).status).toBe(200);
		});

		it('refresh rotates the refresh token and rejects reuse', async () => {
			const pair = s200.issue();
			const refresh = (rt: string, auth: 'body' | 'basic' = 'body') =>
				auth === 'body'
					? tokenForm({ grant_type: 'refresh_token', refresh_token: rt, client_id: s200.demo.clientId, client_secret: s200.demo.clientSecret })
					: tokenForm({ grant_type: 'refresh_token', refresh_token: rt }, { authorization: basic(s200.demo.clientId, s200.demo.clientSecret) });
			const first = await refresh(pair.refresh_token);
			expect(first.status).toBe(200);
			const next = await body(first);
			expect(next.refresh_token).not.toBe(pair.refresh_token);
			expect(next.access_token).not.toBe(pair.access_token);
			expect(next.expires_in).toBe(28800);
			const reuse = await refresh(pair.refresh_token);
			expect(reuse.status).toBe(403);
			expect(await body(reuse)).toEqual({ error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
			const second = await refresh(next.refresh_token, 'basic');
			expect(second.status).toBe(200);
			s200.revokeRefreshTokens();
			const revoked = await refresh((await body(second)).refresh_token);
			expect(revoked.status).toBe(403);
		});

		it('can revoke the whole family on reuse when configured', async () => {
			const other = await start({ refreshReuseRevokesFamily: true });
			try {
				const c = other.s200;
				const form = (rt: string) =>
					fetch(c.demo.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: q({ grant_type: 'refresh_token', refresh_token: rt, client_id: c.demo.clientId, client_secret: c.demo.clientSecret }) });
				const pair = c.issue();
				const next = await body(await form(pair.refresh_token));
				expect((await form(pair.refresh_token)).status).toBe(403);
				expect((await form(next.refresh_token)).status).toBe(403);
			} finally {
				await other.server.stop();
			}
		});
	});

	// ------------------------------------------------------------------ APIM + headers
	describe('gateway checks', () => {
		it('401 without subscription key, with the APIM text', async () => {
			const res = await api('customers', { headers: { 'ocp-apim-subscription-key': undefined } });
			expect(res.status).toBe(401);
			expect(res.json).toEqual({ statusCode: 401, message: APIM_MISSING_KEY });
		});
		it('401 with a wrong subscription key', async () => {
			const res = await api('customers', { headers: { 'ocp-apim-subscription-key': 'wrong' } });
			expect(res.status).toBe(401);
			expect(res.json.message).toMatch(/invalid subscription key/);
		});
		it('401 without, with a bogus or with an expired token', async () => {
			for (const authorization of [undefined, 'Bearer nope', 'Basic abc']) {
				const res = await api('customers?$top=1', { headers: { authorization } });
				expect(res.status).toBe(401);
				expect(res.json.statusCode).toBe(401);
			}
			const local = s200.issue().access_token;
			expect((await api('sites', { headers: { authorization: `Bearer ${local}` } })).status).toBe(200);
			s200.clock.advance(28800 * 1000);
			expect((await api('sites', { headers: { authorization: `Bearer ${local}` } })).status).toBe(401);
			token = s200.issue().access_token;
			const other = s200.issue().access_token;
			s200.expireAccessTokens();
			expect((await api('sites', { headers: { authorization: `Bearer ${other}` } })).status).toBe(401);
			token = s200.issue().access_token;
		});
		it('HeaderNotFound for a missing X-Site or X-Company', async () => {
			const noSite = await api('customers', { headers: { 'x-site': undefined } });
			expect(noSite.status).toBe(400);
			expect(noSite.json).toEqual([{ $severity: 'error', $dataCode: 'HeaderNotFound', $message: 'The X-Site header was not found.', $source: '' }]);
			const noCompany = await api('customers', { headers: { 'x-company': undefined } });
			expect(noCompany.status).toBe(400);
			expectSageError(noCompany.json, 'HeaderNotFound');
			expect(noCompany.json[0].$message).toBe('The X-Company header was not found.');
		});
		it('rejects unknown company/site pairs and companies outside the token', async () => {
			const unknownCompany = await api('customers', { company: '3' });
			expect(unknownCompany.status).toBe(403);
			expectSageError(unknownCompany.json, 'AccessDenied');
			const unknownSite = await api('customers', { headers: { 'x-site': '00000000-0000-0000-0000-000000000000' } });
			expect(unknownSite.status).toBe(403);
			const malformed = await api('customers', { headers: { 'x-company': 'one' } });
			expect(malformed.status).toBe(400);
			expectSageError(malformed.json);
			const only1 = s200.issue({ company: 1 }).access_token;
			expect((await api('customers?$top=1', { company: '1', headers: { authorization: `Bearer ${only1}` } })).status).toBe(200);
			expect((await api('customers?$top=1', { company: '2', headers: { authorization: `Bearer ${only1}` } })).status).toBe(403);
			const sites = await api('sites', { headers: { authorization: `Bearer ${only1}` } });
			expect(sites.json.map((s: Json) => s.company_id)).toEqual([1]);
		});
		it('unknown paths give APIM 404; wrong methods 405', async () => {
			expect((await api('no_such_resource')).status).toBe(404);
			expect((await api('customers_new')).status).toBe(405);
			expect((await api('product_groups', { method: 'POST', body: {} })).status).toBe(405);
		});
	});

	describe('sites', () => {
		it('lists two companies on one site without X-Company/X-Site', async () => {
			const res = await api('sites', { headers: { 'x-site': undefined, 'x-company': undefined } });
			expect(res.status).toBe(200);
			expect(res.json).toEqual([
				{ company_id: 1, company_name: 'Stationery & Computer Mart UK', site_id: s200.demo.siteId, site_name: 'Demo Site', site_short_name: 'DEMO' },
				{ company_id: 2, company_name: 'Demo Data Company', site_id: s200.demo.siteId, site_name: 'Demo Site', site_short_name: 'DEMO' },
			]);
			expect(res.json[0].site_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		});
		it('504 when the on-premise connection is down, [] when empty', async () => {
			s200.options.sitesDown = true;
			try {
				expect((await api('sites')).status).toBe(504);
				expect((await api('customers')).status).toBe(504);
			} finally {
				s200.options.sitesDown = false;
			}
			const empty = await start({ emptySites: true });
			try {
				const t = empty.s200.issue().access_token;
				const res = await fetch(`${empty.s200.demo.baseUrl}sites`, { headers: { authorization: `Bearer ${t}`, 'ocp-apim-subscription-key': 's200-demo-subscription-key' } });
				expect(res.status).toBe(200);
				expect(await body(res)).toEqual([]);
			} finally {
				await empty.server.stop();
			}
		});
		it('serves the Standard Online base too', async () => {
			const res = await api('customers?$top=2', { base: s200.demo.standardBaseUrl });
			expect(res.status).toBe(200);
			expect(res.json).toHaveLength(2);
			expect(res.json[0]).not.toHaveProperty('office_type');
			const pro = await api('customers?$top=1');
			expect(pro.json[0]).toHaveProperty('office_type');
			expect((await api('customers?$select=office_type', { base: s200.demo.standardBaseUrl })).status).toBe(400);
		});
	});

	// ------------------------------------------------------------------ paging & query options
	describe('customers list and OData options', () => {
		it('has 12,000 customers in company 1 and returns 500 by default', async () => {
			expect(s200.records(1, 'customers')).toHaveLength(12000);
			const res = await api('customers');
			expect(res.status).toBe(200);
			expect(res.json).toHaveLength(500);
			const first = res.json[0];
			for (const k of ['id', 'reference', 'name', 'short_name', 'balance', 'on_hold', 'account_status_type', 'currency_id', 'credit_limit', 'date_time_updated']) expect(first).toHaveProperty(k);
			expect(first).toMatchObject({ id: 27828, reference: 'ABS001', name: 'ABS Garages Ltd', balance: 2464.16, credit_limit: 4000 });
			expect(first.date_time_updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}$/);
			expect(first).not.toHaveProperty('contacts');
		});
		it('$top 5000 is allowed, 5001 is not', async () => {
			const ok = await api(`customers?${q({ $top: '5000', $select: 'id' })}`);
			expect(ok.status).toBe(200);
			expect(ok.json).toHaveLength(5000);
			const tooMany = await api('customers?$top=5001');
			expect(tooMany.status).toBe(400);
			expectSageError(tooMany.json);
			expect(tooMany.json[0].$message).toMatch(/5000/);
			expect((await api('customers?$top=-1')).status).toBe(400);
			expect((await api('customers?$top=abc')).status).toBe(400);
			expect((await api('customers?$top=0')).json).toEqual([]);
		});
		it('$skip requires $orderby', async () => {
			const res = await api('customers?$skip=500');
			expect(res.status).toBe(400);
			expectSageError(res.json);
			expect(res.json[0].$message).toMatch(/\$skip requires \$orderby/);
		});
		it('pages through all 12,000 with $orderby=id and $skip, without duplicates', async () => {
			const seen = new Set<number>();
			let pages = 0;
			for (let skip = 0; ; skip += 500) {
				const res = await api(`customers?${q({ $orderby: 'id', $skip: String(skip), $select: 'id,reference' })}`);
				expect(res.status).toBe(200);
				pages++;
				for (const r of res.json) seen.add(r.id);
				if (res.json.length < 500) break;
			}
			expect(seen.size).toBe(12000);
			expect(pages).toBe(25);
		});
		it('records concurrency per route', async () => {
			await Promise.all(Array.from({ length: 4 }, (_, i) => api(`customers?${q({ $orderby: 'id', $skip: String(i * 10), $top: '10', $select: 'id' })}`)));
			expect(env.server.maxInFlight['s200.customers.list']).toBeGreaterThanOrEqual(1);
			expect(env.server.count('s200.customers')).toBeGreaterThan(0);
		});
		it('$count=true puts the total in X-Total-Count and keeps an array body', async () => {
			const res = await api(`customers?${q({ $count: 'true', $top: '3', $filter: 'on_hold eq true' })}`);
			expect(res.status).toBe(200);
			expect(Array.isArray(res.json)).toBe(true);
			expect(res.json).toHaveLength(3);
			const expected = s200.records(1, 'customers').filter((c: Json) => c.on_hold === true).length;
			expect(Number(res.headers.get('x-total-count'))).toBe(expected);
			expect((await api('customers?$top=1')).headers.get('x-total-count')).toBeNull();
		});
		it('$select returns only the named fields; unknown fields are 400', async () => {
			const res = await api(`customers?${q({ $select: 'id,name,date_time_updated', $top: '2' })}`);
			expect(Object.keys(res.json[0]).sort()).toEqual(['date_time_updated', 'id', 'name']);
			const bad = await api(`customers?${q({ $select: 'id,nonsense' })}`);
			expect(bad.status).toBe(400);
			expectSageError(bad.json);
		});
		it('$orderby asc/desc and multiple keys; unknown field is 400', async () => {
			const res = await api(`customers?${q({ $orderby: 'credit_limit desc, id', $top: '50', $select: 'id,credit_limit' })}`);
			const rows = res.json;
			for (let i = 1; i < rows.length; i++) {
				expect(rows[i - 1].credit_limit).toBeGreaterThanOrEqual(rows[i].credit_limit);
				if (rows[i - 1].credit_limit === rows[i].credit_limit) expect(rows[i - 1].id).toBeLessThan(rows[i].id);
			}
			expect((await api('customers?$orderby=nope')).status).toBe(400);
		});
		it('$expand returns navigation properties; unknown ones are 400', async () => {
			const res = await api(`customers?${q({ $expand: 'contacts', $top: '2', $select: 'id,name' })}`);
			expect(res.status).toBe(200);
			expect(Array.isArray(res.json[0].contacts)).toBe(true);
			expect(res.json[0].contacts[0].customer_id).toBe(res.json[0].id);
			expect((await api('customers?$expand=nonsense')).status).toBe(400);
		});
		it('rejects unsupported $ options', async () => {
			const res = await api('customers?$inlinecount=allpages');
			expect(res.status).toBe(400);
			expectSageError(res.json);
		});
	});

	describe('$filter', () => {
		const all = () => s200.records(1, 'customers') as Json[];
		async function ids(filter: string): Promise<number[]> {
			const res = await api(`customers?${q({ $filter: filter, $select: 'id', $top: '5000', $orderby: 'id' })}`);
			expect(res.status).toBe(200);
			return res.json.map((r: Json) => r.id);
		}
		const expected = (pred: (c: Json) => boolean) => all().filter(pred).map((c) => c.id).slice(0, 5000);
		const ms = (s: string) => Date.parse(`${s}Z`);

		it('eq / ne on strings (case-insensitive), numbers and booleans', async () => {
			expect(await ids("reference eq 'ABS001'")).toEqual([27828]);
			expect(await ids("reference eq 'abs001'")).toEqual([27828]);
			expect(await ids('credit_limit eq 4000')).toEqual(expected((c) => c.credit_limit === 4000));
			expect(await ids('on_hold eq true')).toEqual(expected((c) => c.on_hold));
			expect((await ids("account_status_type ne 'AccountStatusActive'")).length).toBe(all().filter((c) => c.account_status_type !== 'AccountStatusActive').length);
		});
		it('gt / ge / lt / le on numbers', async () => {
			expect(await ids('balance gt 9000')).toEqual(expected((c) => c.balance > 9000));
			expect(await ids('balance ge 9000')).toEqual(expected((c) => c.balance >= 9000));
			expect(await ids('balance lt -1500')).toEqual(expected((c) => c.balance < -1500));
			expect(await ids('balance le -1500.5')).toEqual(expected((c) => c.balance <= -1500.5));
			expect(await ids('id le 27840')).toEqual(expected((c) => c.id <= 27840));
		});
		it('and / or / not with parentheses and precedence', async () => {
			expect(await ids('(credit_limit eq 1000 or credit_limit eq 2500) and on_hold eq false')).toEqual(expected((c) => (c.credit_limit === 1000 || c.credit_limit === 2500) && !c.on_hold));
			expect(await ids('credit_limit eq 1000 or credit_limit eq 2500 and on_hold eq true')).toEqual(expected((c) => c.credit_limit === 1000 || (c.credit_limit === 2500 && c.on_hold)));
			expect(await ids('not (credit_limit lt 10000)')).toEqual(expected((c) => !(c.credit_limit < 10000)));
			expect(await ids('not on_hold and balance gt 9500')).toEqual(expected((c) => !c.on_hold && c.balance > 9500));
		});
		it('contains / startswith / endswith / substringof', async () => {
			expect(await ids("contains(name,'garages')")).toEqual(expected((c) => c.name.toLowerCase().includes('garages')));
			expect(await ids("startswith(reference,'ABS')")).toEqual(expected((c) => c.reference.startsWith('ABS')));
			expect(await ids("endswith(name,'plc')")).toEqual(expected((c) => c.name.endsWith('plc')));
			expect(await ids("substringof('Motors', name) and startswith(name, 'Apex')")).toEqual(expected((c) => c.name.includes('Motors') && c.name.startsWith('Apex')));
			expect(await ids("contains(name,'&')")).toEqual(expected((c) => c.name.includes('&')));
			expect(await ids("tolower(name) eq 'café zürich gmbh'")).toEqual(expected((c) => c.name === 'Café Zürich GmbH'));
		});
		it("string literals with '' escaping", async () => {
			const obrien = all().find((c) => c.name === "O'Brien Supplies Ltd");
			expect(obrien).toBeDefined();
			expect(await ids("name eq 'O''Brien Supplies Ltd'")).toEqual([obrien.id]);
			expect(await ids("contains(name,'''')")).toEqual(expected((c) => c.name.includes("'")));
		});
		it('datetime comparisons on date_time_updated (unquoted UTC and datetime literal)', async () => {
			const cut = Date.UTC(2026, 0, 1);
			expect(await ids('date_time_updated gt 2026-01-01T00:00:00Z')).toEqual(expected((c) => ms(c.date_time_updated) > cut));
			expect(await ids("date_time_updated ge datetime'2026-01-01T00:00:00'")).toEqual(expected((c) => ms(c.date_time_updated) >= cut));
			expect(await ids('date_time_updated lt 2024-02-01T00:00:00Z')).toEqual(expected((c) => ms(c.date_time_updated) < Date.UTC(2024, 1, 1)));
			expect(await ids('date_time_updated ge 2025-03-01T00:00:00Z and date_time_updated le 2025-03-02T12:30:00.5Z')).toEqual(
				expected((c) => ms(c.date_time_updated) >= Date.UTC(2025, 2, 1) && ms(c.date_time_updated) <= Date.UTC(2025, 2, 2, 12, 30, 0, 500)),
			);
			const years = all().map((c) => Number(c.date_time_updated.slice(0, 4)));
			expect(Math.min(...years)).toBe(2024);
			expect(Math.max(...years)).toBe(2026);
		});
		it('null comparisons', async () => {
			expect(await ids('spare_date_1 eq null')).toHaveLength(5000);
			expect(await ids('spare_date_1 ne null')).toEqual([]);
		});
		it('invalid filters are 400 InvalidFilter', async () => {
			for (const filter of ["name eq 'unterminated", 'name eq', 'nonsense eq 1', "name eq 'a' and", "date_time_updated gt '2024-01-01'", "balance eq 'x'", 'name', 'contains(name)', 'foo(name)', 'name eq 1 1', "((name eq 'a')", 'name eq @']) {
				const res = await api(`customers?${q({ $filter: filter })}`);
				expect([filter, res.status]).toEqual([filter, 400]);
				expectSageError(res.json, 'InvalidFilter');
			}
		});
	});

	// ------------------------------------------------------------------ isolation & CRUD
	describe('companies', () => {
		it('company 2 has its own 750 customers and never sees company 1 data', async () => {
			const res = await api(`customers?${q({ $count: 'true', $top: '1' })}`, { company: '2' });
			expect(res.headers.get('x-total-count')).toBe('750');
			const c1 = new Set(s200.records(1, 'customers').map((c: Json) => c.id));
			const c2 = s200.records(2, 'customers') as Json[];
			expect(c2.some((c) => c1.has(c.id))).toBe(false);
			expect((await api('customers/27828', { company: '2' })).status).toBe(404);
			const created = await api('customers', { company: '2', method: 'POST', body: { reference: 'ISO001', name: 'Isolation Test Ltd' } });
			expect(created.status).toBe(200);
			expect((await api(`customers/${created.json.id}`, { company: '1' })).status).toBe(404);
			expect((await api(`customers?${q({ $filter: "reference eq 'ISO001'" })}`, { company: '1' })).json).toEqual([]);
			expect((await api(`customers?${q({ $filter: "reference eq 'ISO001'" })}`, { company: '2' })).json).toHaveLength(1);
		});
	});

	describe('CRUD', () => {
		it('customers: create, get, update, delete, writeLog', async () => {
			const before = s200.writeLog.length;
			const created = await api('customers', { method: 'POST', body: { reference: 'NEW0001', name: 'Brand New Customer Ltd', credit_limit: 1500, balance: 999, id: 1 } });
			expect(created.status).toBe(200);
			const id = created.json.id;
			expect(id).toBeGreaterThan(27828);
			expect(created.json).toMatchObject({ reference: 'NEW0001', name: 'Brand New Customer Ltd', short_name: 'Brand Ne', credit_limit: 1500, balance: 0, account_status_type: 'AccountStatusActive' });
			expect(created.json.date_time_updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}$/);
			const got = await api(`customers/${id}`);
			expect(got.status).toBe(200);
			expect(got.json.name).toBe('Brand New Customer Ltd');
			const sel = await api(`customers/${id}?$select=id,reference`);
			expect(sel.json).toEqual({ id, reference: 'NEW0001' });
			s200.clock.advance(60_000);
			const updated = await api(`customers/${id}`, { method: 'PUT', body: { name: 'Renamed Customer Ltd' } });
			expect(updated.status).toBe(200);
			expect(updated.json).toMatchObject({ id, reference: 'NEW0001', name: 'Renamed Customer Ltd', credit_limit: 1500 });
			expect(updated.json.date_time_updated > created.json.date_time_updated).toBe(true);
			const deleted = await api(`customers/${id}`, { method: 'DELETE' });
			expect(deleted.status).toBe(200);
			expect((await api(`customers/${id}`)).status).toBe(404);
			expect(s200.writeLog.slice(before).map((w: Json) => `${w.resource}.${w.op}`)).toEqual(['customers.create', 'customers.update', 'customers.delete']);
			expect(s200.writeLog[before]).toMatchObject({ company: 1, id });
		});
		it('customers: validation errors', async () => {
			const missing = await api('customers', { method: 'POST', body: { short_name: 'x' } });
			expect(missing.status).toBe(400);
			expectSageError(missing.json, 'ValidationError');
			expect(missing.json.map((e: Json) => e.$source).sort()).toEqual(['name', 'reference']);
			const dup = await api('customers', { method: 'POST', body: { reference: 'ABS001', name: 'Dup' } });
			expect(dup.status).toBe(400);
			expectSageError(dup.json, 'ValidationError');
			expect(dup.json[0].$message).toMatch(/already exists/);
			const tooLong = await api('customers', { method: 'POST', body: { reference: 'TOOLONGREF', name: 'x' } });
			expect(tooLong.status).toBe(400);
			const badType = await api('customers', { method: 'POST', body: { reference: 'TYPE01', name: 'x', credit_limit: 'lots' } });
			expect(badType.status).toBe(400);
			const emptyName = await api('customers/27828', { method: 'PUT', body: { name: '' } });
			expect(emptyName.status).toBe(400);
			const notJson = await fetch(`${s200.demo.baseUrl}customers`, { method: 'POST', headers: { ...headers(), 'content-type': 'text/plain' }, body: 'x' });
			expect(notJson.status).toBe(415);
			const blocked = await api('customers/27828', { method: 'DELETE' });
			expect(blocked.status).toBe(400);
			expectSageError(blocked.json, 'ValidationError');
		});
		it('404 and bad ids use the $severity array shape', async () => {
			for (const [method, body] of [['GET', undefined], ['PUT', { name: 'x' }], ['DELETE', undefined]] as const) {
				const res = await api('customers/1', { method, body });
				expect(res.status).toBe(404);
				expectSageError(res.json, 'NotFound');
			}
			expect((await api('customers/abc')).status).toBe(400);
		});
		it('customers_new returns defaults without persisting', async () => {
			const count = s200.records(1, 'customers').length;
			const res = await api('customers_new', { method: 'POST', body: {} });
			expect(res.status).toBe(200);
			expect(res.json).toMatchObject({ id: 0, account_status_type: 'AccountStatusActive', exchange_rate_type: 'ExchangeRateSingle', account_type: 'TradingAccountTypeOpenItem' });
			expect(s200.records(1, 'customers')).toHaveLength(count);
		});
		it('products: create needs an existing product group; update and delete', async () => {
			const groups = s200.records(1, 'product_groups') as Json[];
			const bad = await api('products', { method: 'POST', body: { code: 'SBX-1', name: 'Sandbox widget', product_group_id: 999999 } });
			expect(bad.status).toBe(400);
			expectSageError(bad.json, 'ValidationError');
			const created = await api('products', { method: 'POST', body: { code: 'SBX-1', name: 'Sandbox widget', product_group_id: groups[0].id } });
			expect(created.status).toBe(200);
			expect((await api('products', { method: 'POST', body: { code: 'sbx-1', name: 'dup', product_group_id: groups[0].id } })).status).toBe(400);
			const upd = await api(`products/${created.json.id}`, { method: 'PUT', body: { description: 'Updated' } });
			expect(upd.json).toMatchObject({ code: 'SBX-1', description: 'Updated' });
			const expanded = await api(`products/${created.json.id}?$expand=product_group`);
			expect(expanded.json.product_group.id).toBe(groups[0].id);
			expect((await api(`product_groups/${groups[0].id}/products?$top=5000`)).json.some((p: Json) => p.id === created.json.id)).toBe(true);
			expect((await api(`products/${created.json.id}`, { method: 'DELETE' })).status).toBe(200);
			expect((await api(`products/${created.json.id}`)).status).toBe(404);
		});
		it('suppliers and nested supplier contacts', async () => {
			const sup = await api('suppliers', { method: 'POST', body: { reference: 'SBXSUP', name: 'Sandbox Supplier Ltd', contacts: [{ first_name: 'Ann', last_name: 'Other' }] } });
			expect(sup.status).toBe(200);
			const contacts = await api(`suppliers/${sup.json.id}/supplier_contacts`);
			expect(contacts.json).toHaveLength(1);
			expect(contacts.json[0]).toMatchObject({ supplier_id: sup.json.id, name: 'Ann Other' });
			const added = await api(`suppliers/${sup.json.id}/supplier_contacts`, { method: 'POST', body: { first_name: 'Bob', last_name: 'Builder' } });
			expect(added.status).toBe(200);
			const upd = await api(`supplier_contacts/${added.json.id}`, { method: 'PUT', body: { last_name: 'Mender' } });
			expect(upd.json.name).toBe('Bob Mender');
			expect((await api(`supplier_contacts/${added.json.id}`, { method: 'DELETE' })).status).toBe(200);
			expect((await api(`suppliers/${sup.json.id}`, { method: 'DELETE' })).status).toBe(200);
			expect((await api(`suppliers/${sup.json.id}/supplier_contacts`)).status).toBe(404);
		});
		it('sop_orders: create against an existing customer, update, delete', async () => {
			const customer = s200.records(1, 'customers')[5];
			const bad = await api('sop_orders', { method: 'POST', body: { customer_id: 1, document_no: 'SBX000001' } });
			expect(bad.status).toBe(400);
			const created = await api('sop_orders', { method: 'POST', body: { customer_id: customer.id, document_no: 'SBX000001', lines: [{ product_code: 'X', quantity: 2 }] } });
			expect(created.status).toBe(200);
			const withLines = await api(`sop_orders/${created.json.id}?$expand=lines,customer`);
			expect(withLines.json.lines).toEqual([{ product_code: 'X', quantity: 2 }]);
			expect(withLines.json.customer.id).toBe(customer.id);
			expect((await api(`customers/${customer.id}/sop_orders?$top=5000`)).json.some((o: Json) => o.id === created.json.id)).toBe(true);
			expect((await api(`sop_orders/${created.json.id}`, { method: 'PUT', body: { customer_document_no: 'PO-1' } })).json.customer_document_no).toBe('PO-1');
			expect((await api(`sop_orders/${created.json.id}`, { method: 'DELETE' })).status).toBe(200);
		});
		it('warehouses and customer delivery addresses', async () => {
			const wh = await api('warehouses', { method: 'POST', body: { name: 'SANDBOX', description: 'Sandbox' } });
			expect(wh.status).toBe(200);
			expect((await api('warehouses', { method: 'POST', body: { description: 'no name' } })).status).toBe(400);
			expect((await api(`warehouses/${wh.json.id}`, { method: 'DELETE' })).status).toBe(200);
			const tax = s200.records(1, 'tax_codes')[0];
			const addr = await api('customer_delivery_addresses', { method: 'POST', body: { customer_id: 27828, description: 'Depot', tax_code_id: tax.id, city: 'Leeds' } });
			expect(addr.status).toBe(200);
			const list = await api(`customer_delivery_addresses?${q({ $filter: `customer_id eq 27828 and city eq 'Leeds'` })}`);
			expect(list.json.map((a: Json) => a.id)).toContain(addr.json.id);
		});
		it('read-only resources list and get', async () => {
			for (const res of ['product_groups', 'nominal_codes', 'warehouses', 'customer_contacts', 'pop_orders', 'currencies', 'tax_codes', 'departments', 'cost_centres', 'sop_quotes']) {
				const list = await api(`${res}?$top=2`);
				expect([res, list.status]).toEqual([res, 200]);
				expect(list.json.length).toBeGreaterThan(0);
				const one = await api(`${res}/${list.json[0].id}`);
				expect(one.json.id).toBe(list.json[0].id);
			}
		});
	});
});

describe('Sage 200 sandbox: long list pages', () => {
	const customers = 3000;

	async function withSandbox<T>(options: Record<string, unknown>, run: (env: Started, get: (path: string) => Promise<string>) => Promise<T>): Promise<T> {
		const env = await start({ customers, ...options });
		const token = env.s200.issue().access_token;
		const get = async (path: string) => {
			const res = await fetch(env.s200.demo.baseUrl + path, {
				headers: { authorization: `Bearer ${token}`, 'ocp-apim-subscription-key': env.s200.demo.subscriptionKey, 'x-site': env.s200.demo.siteId, 'x-company': '1' },
			});
			expect(res.status).toBe(200);
			return await res.text();
		};
		try {
			return await run(env, get);
		} finally {
			await env.server.stop();
		}
	}
	const page = (skip: number) => `customers?$orderby=id&$top=1000&$skip=${skip}&$expand=contacts`;

	it('a page built in slices is the page built at once, in every list style', async () => {
		for (const listJson of ['compact', 'spaced', 'indented']) {
			const whole = await withSandbox({ listJson, listSliceRows: 0 }, async (_env, get) => await get(page(500)));
			const sliced = await withSandbox({ listJson, listSliceRows: 64 }, async (_env, get) => await get(page(500)));
			expect([listJson, sliced.length]).toEqual([listJson, whole.length]);
			expect(sliced === whole).toBe(true);
			expect((JSON.parse(sliced) as Json[]).length).toBe(1000);
		}
	});

	it('answers a short request while it builds a long page, and builds long pages in the order asked', async () => {
		await withSandbox({ listSliceRows: 50 }, async (env, get) => {
			await get('customers?$top=1');
			const lists = () => env.server.log.filter((entry: Json) => entry.name === 's200.customers.list' && entry.query.includes('$skip'));
			const long = [get(page(0)), get(page(1000))];
			for (let tries = 0; lists().length < 2 && tries < 500; tries++) await new Promise((resolve) => setTimeout(resolve, 1));
			const short = get('customers?$top=1&$select=id');
			const bodies = await Promise.all([...long, short]);
			expect(bodies.map((text) => (JSON.parse(text) as Json[]).length)).toEqual([1000, 1000, 1]);
			const [first, second] = ['$skip=0', '$skip=1000'].map((part) => lists().find((entry: Json) => entry.query.includes(part)));
			const one = env.server.log.find((entry: Json) => entry.query.includes('$select=id'));
			// The short one came in after both long ones and was answered before either was built.
			expect(one.receivedAt).toBeGreaterThanOrEqual(Math.max(first.receivedAt, second.receivedAt));
			expect(one.answeredAt).toBeLessThan(first.answeredAt);
			expect(first.answeredAt).toBeLessThanOrEqual(second.answeredAt);
		});
	});
});
