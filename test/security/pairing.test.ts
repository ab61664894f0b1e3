/*
 * Issue 16, findings 5, 7 and 9 (pairing page headers): the Sage X3 Pairing trigger behind a local
 * webhook host (n8n-core's WebhookContext), browsers with their own cookie jars, the sandbox as X3.
 * - login CSRF: a code approved with an attacker's X3 account, sent to a victim as X3's callback
 *   form or as a `?code&state` link, must not show the attacker's refresh token in the victim's
 *   browser; it works only in the browser that started the pairing;
 * - pending states stay bounded whatever anonymous visitors do;
 * - every page, the token page first, sends CSP / frame-ancestors / nosniff / no-store / no-referrer;
 * - opening the Production URL discloses nothing about the X3 application.
 */
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { SageX3Api } from '../../credentials/SageX3Api.credentials';
import { Engine } from '../harness/engine';
import { startPairingHost, type PairingBrowser, type PairingHost } from '../harness/pairing-host';

const { startSandbox } = require('../sandbox');

const CLIENT_ID = 'x3-app-client-5c1d7e';
const CLIENT_SECRET = 'x3-app-secret-0b9f44a2';

let sandbox: { url: string; server: any; x3: any; close: () => Promise<void> };
let engine: Engine;
let host: PairingHost;

const pairUrl = () => host.pairUrl;
const pending = (of: PairingHost = host) => (of.staticData.pendingPairingStates ?? {}) as IDataObject;
const tokenExchanges = () => sandbox.server.count('x3.token') as number;
const issuedRefreshTokens = () => sandbox.x3.issuedRefreshTokens as string[];
const customerUrl = () => sandbox.x3.sites[0].url as string;

/** Everything a visitor receives: status line, headers and body. */
async function everything(response: Response): Promise<string> {
	return `${response.status}\n${[...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${await response.text()}`;
}

const pressStart = async (cookie?: string) =>
	await fetch(pairUrl(), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
		body: 'pairing=start',
		redirect: 'manual',
	});

beforeAll(async () => {
	sandbox = await startSandbox({ x3: { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, customers: 3, suppliers: 1, salesOrders: 1 } });
	engine = new Engine({ nodes: {}, credentials: [new SageX3Api()] });
	engine.addCredential('pairing', 'sageX3Api', {
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		gateway: 'custom',
		customGatewayUrl: sandbox.x3.gatewayUrl('eu'),
		customerUrl: customerUrl(),
		scope: ['businessDomain.ALL', 'api.graphQL'],
		refreshToken: '',
	});
	host = await startPairingHost(engine, { webhookId: 'security-pairing', credentialId: 'pairing' });
});

afterAll(async () => {
	jest.useRealTimers();
	await host.close();
	await sandbox.close();
});

beforeEach(() => {
	sandbox.server.resetCounters();
	host.emitted.length = 0;
});

describe('pairing login CSRF: the answer counts only in the browser that started the pairing', () => {
	/** The attacker starts a pairing in their own browser and approves it with their own X3 account. */
	async function attackerApproval(attacker: PairingBrowser) {
		return await sandbox.x3.approve((await attacker.start()).toString(), { folders: ['SEED'] });
	}

	test('X3\'s callback form with the attacker\'s code, submitted from a victim\'s browser, is refused', async () => {
		const victim = host.browser();
		const callback = await attackerApproval(host.browser());
		const page = await victim.returnFromX3(callback);
		const html = await page.text();
		expect(page.status).toBe(400);
		expect(html).toContain('did not come back to the browser that started the pairing');
		expect(tokenExchanges()).toBe(0);
		for (const token of issuedRefreshTokens()) expect(html).not.toContain(token);
		expect(host.emitted.some((result) => result.workflowData)).toBe(false);
	});

	test('a victim who is pairing too (and so has a pairing cookie) is refused the attacker\'s code as well', async () => {
		const victim = host.browser();
		await victim.start();
		expect(victim.cookies.size).toBe(1);
		const page = await victim.returnFromX3(await attackerApproval(host.browser()));
		expect(page.status).toBe(400);
		expect(await page.text()).toContain('did not come back to the browser that started the pairing');
		expect(tokenExchanges()).toBe(0);
	});

	test('the GET ?code&state link is refused without the cookie, and with another browser\'s cookie', async () => {
		const pairingToo = host.browser();
		await pairingToo.start();
		for (const victim of [host.browser(), pairingToo]) {
			const callback = await attackerApproval(host.browser());
			const link = `${pairUrl()}?${new URLSearchParams({ code: callback.fields.authorizationCode, state: callback.fields.state })}`;
			const page = await victim.open(link, { crossSite: true });
			expect(page.status).toBe(400);
			expect(await page.text()).toContain('did not come back to the browser that started the pairing');
			// A plain client without cookies (curl, a link preview) gets no further.
			expect((await fetch(link)).status).toBe(400);
		}
		expect(tokenExchanges()).toBe(0);
	});

	test('the same callback form and the same link work in the browser that started the pairing', async () => {
		const user = host.browser();
		const viaForm = await user.returnFromX3(await attackerApproval(user));
		expect(viaForm.status).toBe(200);
		expect(await viaForm.text()).toContain(issuedRefreshTokens().at(-1));

		const callback = await attackerApproval(user);
		const viaLink = await user.open(`${pairUrl()}?${new URLSearchParams({ code: callback.fields.authorizationCode, state: callback.fields.state })}`, { crossSite: true });
		expect(viaLink.status).toBe(200);
		expect(await viaLink.text()).toContain(issuedRefreshTokens().at(-1));
		expect(tokenExchanges()).toBe(2);
	});

	test('X3\'s cross-site POST never yields the token itself: it is sent back to n8n as a GET, without the code in static data', async () => {
		const user = host.browser();
		const callback = await sandbox.x3.approve((await user.start()).toString());
		const post = await user.request(
			callback.action,
			{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(callback.fields).toString() },
			{ crossSite: true },
		);
		expect(post.status).toBe(303);
		expect(await post.text()).toBe('');
		expect(tokenExchanges()).toBe(0);
		const next = new URL(post.headers.get('location')!);
		expect(`${next.origin}${next.pathname}`).toBe(pairUrl());
		expect(Object.fromEntries(next.searchParams)).toEqual({ code: callback.fields.authorizationCode, state: callback.fields.state });
		expect(JSON.stringify(host.staticData)).not.toContain(callback.fields.authorizationCode);
		expect((await user.open(next.toString(), { crossSite: true })).status).toBe(200);
	});

	test('the cookie: HttpOnly, SameSite=Lax, Path=/, the state\'s lifetime; only its hash is kept', async () => {
		const start = await pressStart();
		expect(start.status).toBe(303);
		const setCookie = start.headers.getSetCookie();
		expect(setCookie).toHaveLength(1);
		const [pair, ...attributes] = setCookie[0].split('; ');
		const [name, value] = pair.split('=');
		// Plain http on loopback (this local host): no Secure, so no __Host- prefix either.
		expect(name).toBe('n8n-sage-x3-pairing');
		expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(attributes.sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax']);
		const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
		expect(pending()[state]).toEqual({ expiresAt: expect.any(Number), browser: createHash('sha256').update(value).digest('base64url') });
		expect(JSON.stringify(host.staticData)).not.toContain(value);
	});

	test('n8n on https: the cookie is Secure with the __Host- prefix; on plain http off loopback pairing does not start', async () => {
		const httpsHost = await startPairingHost(engine, { webhookId: 'security-pairing-https', credentialId: 'pairing', publicUrl: 'https://n8n.example' });
		const plainHost = await startPairingHost(engine, { webhookId: 'security-pairing-http', credentialId: 'pairing', publicUrl: 'http://n8n.example' });
		try {
			const start = await fetch(httpsHost.pairUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pairing=start', redirect: 'manual' });
			expect(start.status).toBe(303);
			const [cookie] = start.headers.getSetCookie();
			expect(cookie).toMatch(/^__Host-n8n-sage-x3-pairing=[A-Za-z0-9_-]{43}; /);
			expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=600', 'Path=/', 'SameSite=Lax', 'Secure']);
			expect(new URL(start.headers.get('location')!).searchParams.get('redirect_uri')).toBe('https://n8n.example/webhook/security-pairing-https/pair');

			for (const response of [
				await fetch(plainHost.pairUrl, { redirect: 'manual' }),
				await fetch(plainHost.pairUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pairing=start', redirect: 'manual' }),
			]) {
				expect(response.status).toBe(400);
				expect(response.headers.getSetCookie()).toEqual([]);
				const page = await response.text();
				expect(page).toContain('plain http');
				expect(page).not.toContain(CLIENT_ID);
			}
			expect(pending(plainHost)).toEqual({});
		} finally {
			await httpsHost.close();
			await plainHost.close();
		}
	});
});

describe('pending states stay bounded', () => {
	beforeEach(() => {
		host.staticData.pendingPairingStates = {};
	});

	afterEach(() => jest.useRealTimers());

	test('1,000 anonymous visits store nothing; 1,000 anonymous starts leave 20 states, the newest; pairing still works', async () => {
		const visits = await Promise.all(Array.from({ length: 1000 }, async () => (await fetch(pairUrl())).status));
		expect(visits.every((status) => status === 200)).toBe(true);
		expect(Object.keys(pending())).toHaveLength(0);

		const states: string[] = [];
		for (let batch = 0; batch < 40; batch++) {
			const starts = await Promise.all(Array.from({ length: 25 }, async () => await pressStart()));
			for (const start of starts) {
				expect(start.status).toBe(303);
				states.push(new URL(start.headers.get('location')!).searchParams.get('state')!);
			}
		}
		expect(states).toHaveLength(1000);
		const kept = Object.keys(pending());
		expect(kept).toHaveLength(20);
		expect(states.slice(-25)).toEqual(expect.arrayContaining(kept));
		expect(JSON.stringify(host.staticData).length).toBeLessThan(4000);

		const user = host.browser();
		const page = await user.returnFromX3(await sandbox.x3.approve((await user.start()).toString()));
		expect(page.status).toBe(200);
		expect(Object.keys(pending())).toHaveLength(19);
	});

	test('states older than their lifetime are dropped at the next start, and so are entries without a browser binding', async () => {
		host.staticData.pendingPairingStates = { 'from-before-the-binding': Date.now() + 5 * 60 * 1000 };
		for (let i = 0; i < 5; i++) await pressStart();
		expect(Object.keys(pending())).toHaveLength(5);
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
		jest.setSystemTime(Date.now() + 11 * 60 * 1000);
		const fresh = new URL((await pressStart()).headers.get('location')!).searchParams.get('state');
		expect(Object.keys(pending())).toEqual([fresh]);
	});
});

describe('security headers', () => {
	const expectPageHeaders = (response: Response) => {
		const csp = response.headers.get('content-security-policy') ?? '';
		expect(csp.split('; ')).toEqual(expect.arrayContaining(["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]));
		expect(csp).not.toMatch(/unsafe-inline|script-src/);
		expect(response.headers.get('x-content-type-options')).toBe('nosniff');
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		expect(response.headers.get('x-frame-options')).toBe('DENY');
	};

	test('the page showing the refresh token: CSP with frame-ancestors, nosniff, no-store, no-referrer; no script; its style allowed by hash', async () => {
		const user = host.browser();
		const page = await user.returnFromX3(await sandbox.x3.approve((await user.start()).toString()));
		const html = await page.text();
		expect(page.status).toBe(200);
		expect(html).toContain(issuedRefreshTokens().at(-1));
		expectPageHeaders(page);
		expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:|\sstyle=/i);
		const style = /<style>([^<]*)<\/style>/.exec(html)![1];
		expect(page.headers.get('content-security-policy')).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
	});

	test('every other answer of the trigger sends them too: start page, start and callback redirects, refusals', async () => {
		const user = host.browser();
		const startPage = await user.request(pairUrl());
		const start = await pressStart();
		const callback = await sandbox.x3.approve(start.headers.get('location')!);
		const relay = await user.request(
			callback.action,
			{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(callback.fields).toString() },
			{ crossSite: true },
		);
		const refusedWithoutCookie = await user.request(relay.headers.get('location')!);
		const refusedUnknown = await user.request(`${pairUrl()}?state=unknown&code=x`);
		expect([startPage, start, relay, refusedWithoutCookie, refusedUnknown].map((response) => response.status)).toEqual([200, 303, 303, 400, 400]);
		for (const response of [startPage, start, relay, refusedWithoutCookie, refusedUnknown]) expectPageHeaders(response);
	});
});

describe('opening the Production URL', () => {
	test('shows a Continue button and nothing about the X3 application: no client id, customer, gateway or state, no cookie', async () => {
		host.staticData.pendingPairingStates = {};
		const response = await fetch(pairUrl(), { redirect: 'manual' });
		expect(response.status).toBe(200);
		expect(response.headers.getSetCookie()).toEqual([]);
		const seen = await everything(response);
		for (const secretish of [CLIENT_ID, customerUrl(), new URL(customerUrl()).host, sandbox.x3.gatewayUrl('eu'), 'token/authorise', 'state=']) {
			expect(seen).not.toContain(secretish);
		}
		expect(seen).toContain('Continue to Sage X3');
		expect(Object.keys(pending())).toHaveLength(0);

		// Only the button's answer, which sets the cookie, leads to X3 with them.
		const start = await pressStart();
		expect(start.headers.getSetCookie()).toHaveLength(1);
		const authorise = new URL(start.headers.get('location')!);
		expect(authorise.searchParams.get('client_id')).toBe(CLIENT_ID);
		expect(authorise.searchParams.get('customer')).toBe(customerUrl());
	});
});
