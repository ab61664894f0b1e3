/*
 * Pairing trigger: its webhook runs in n8n-core's own WebhookContext behind a local HTTP server,
 * the sandbox plays X3 (approval page, POST callback, JSON token endpoint).
 */
import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import { SageX3Api } from '../../credentials/SageX3Api.credentials';
import { SageX3 } from '../../nodes/SageX3/SageX3.node';
import { Engine } from '../harness/engine';
import { startPairingHost, type PairingBrowser, type PairingHost } from '../harness/pairing-host';
import { folder, runX3, startX3Sandbox, type Sandbox } from './setup';

let sandbox: Sandbox;
let engine: Engine;
let host: PairingHost;
let emitted: IWebhookResponseData[];
/** The user's browser, fresh for each test. */
let browser: PairingBrowser;

const pairUrl = () => host.pairUrl;

function useCredential(data: IDataObject) {
	engine.addCredential('pairing', 'sageX3Api', {
		clientId: sandbox.x3.clientId,
		clientSecret: sandbox.x3.clientSecret,
		gateway: 'custom',
		customGatewayUrl: sandbox.x3.gatewayUrl('eu'),
		customerUrl: sandbox.x3.sites[0].url,
		scope: ['businessDomain.ALL', 'api.graphQL'],
		refreshToken: '',
		...data,
	});
}

beforeAll(async () => {
	sandbox = await startX3Sandbox({ customers: 10, suppliers: 2, salesOrders: 2 });
	engine = new Engine({ nodes: { sageX3: new SageX3() }, credentials: [new SageX3Api()] });
	useCredential({});
	host = await startPairingHost(engine, { webhookId: 'pairing-node', credentialId: 'pairing' });
	emitted = host.emitted;
});

afterAll(async () => {
	jest.useRealTimers();
	await host.close();
	await sandbox.close();
});

beforeEach(() => {
	sandbox.server.resetCounters();
	emitted.length = 0;
	useCredential({});
	browser = host.browser();
});

/** Opens the Production URL and clicks Continue: the X3 authorise URL n8n sends the browser to. */
const start = async (): Promise<URL> => await browser.start();

/** X3's callback form, auto-submitted by the browser from X3's page. */
const postForm = async (action: string, fields: Record<string, string>) => await browser.returnFromX3({ action, fields });

test('the start button redirects to token/authorise with every parameter and an unguessable state', async () => {
	const location = await start();
	expect(`${location.origin}${location.pathname}`).toBe(`${sandbox.x3.gatewayUrl('eu')}/token/authorise`);
	expect(location.searchParams.get('client_id')).toBe(sandbox.x3.clientId);
	expect(location.searchParams.get('scope')).toBe('businessDomain.ALL api.graphQL');
	expect(location.searchParams.get('customer')).toBe(sandbox.x3.sites[0].url);
	expect(location.searchParams.get('redirect_uri')).toBe(pairUrl());
	const state = location.searchParams.get('state')!;
	expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
	expect((await start()).searchParams.get('state')).not.toBe(state);
	expect(emitted.every((result) => result.workflowData === undefined)).toBe(true);
});

test('the POST callback exchanges the code with a JSON body and tells the user what to do', async () => {
	const callback = await sandbox.x3.approve((await start()).toString(), { folders: ['SEED'] });
	expect(callback.action).toBe(pairUrl());
	const response = await postForm(callback.action, callback.fields);
	const html = await response.text();
	expect(response.status).toBe(200);

	const exchange = sandbox.server.log.filter((entry: { name: string }) => entry.name === 'x3.token');
	expect(exchange).toHaveLength(1);
	expect(exchange[0].headers['content-type']).toMatch(/^application\/json/);
	expect(JSON.parse(exchange[0].rawBody.toString())).toEqual({
		grant_type: 'authorization_code',
		code: callback.fields.authorizationCode,
		redirect_uri: pairUrl(),
		client_id: sandbox.x3.clientId,
		client_secret: sandbox.x3.clientSecret,
	});
	const refreshToken = sandbox.x3.issuedRefreshTokens.at(-1);
	expect(html).toContain(refreshToken);
	expect(html).toContain('Paste the refresh token below into the &quot;Refresh Token&quot; field');
	expect(html).toContain('Leave &quot;Regional Endpoint&quot; empty');

	const item = emitted.at(-1)!.workflowData![0][0].json;
	expect(item).toMatchObject({ paired: true, folders: ['SEED'], endpoint: null, customer: sandbox.x3.sites[0].url });
	expect(JSON.stringify(item)).not.toContain(refreshToken);

	// The pasted refresh token works.
	useCredential({ refreshToken });
	const folders = await runX3(engine, 'pairing', { parameters: { resource: 'folder', operation: 'list' } });
	expect(folders.items.map((entry) => entry.json.name)).toEqual(['SEED']);
});

test('a reused, wrong or missing state is refused without a token exchange', async () => {
	const callback = await sandbox.x3.approve((await start()).toString());
	expect((await postForm(callback.action, callback.fields)).status).toBe(200);
	sandbox.server.resetCounters();
	const reused = await postForm(callback.action, callback.fields);
	expect(reused.status).toBe(400);
	expect(await reused.text()).toContain('unknown or was already used');

	const other = await sandbox.x3.approve((await start()).toString());
	const wrong = await postForm(other.action, { ...other.fields, state: 'guessed-state' });
	expect(wrong.status).toBe(400);
	const missing = await postForm(other.action, { authorizationCode: other.fields.authorizationCode });
	expect(missing.status).toBe(400);
	expect(sandbox.server.count('x3.token')).toBe(0);
});

test('an expired state is refused', async () => {
	const callback = await sandbox.x3.approve((await start()).toString());
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
	jest.setSystemTime(Date.now() + 11 * 60 * 1000);
	try {
		const response = await postForm(callback.action, callback.fields);
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('it expired');
	} finally {
		jest.useRealTimers();
	}
	expect(sandbox.server.count('x3.token')).toBe(0);
});

test('an endpoint in the callback is used for the exchange and shown to the user', async () => {
	useCredential({ customerUrl: sandbox.x3.sites[1].url });
	const callback = await sandbox.x3.approve((await start()).toString());
	expect(callback.fields.endpoint).toBe(sandbox.x3.gatewayUrl('us'));
	const response = await postForm(callback.action, callback.fields);
	const html = await response.text();
	expect(response.status).toBe(200);
	expect(sandbox.server.log.find((entry: { name: string }) => entry.name === 'x3.token').path).toBe('/x3/us/v1/token');
	expect(html).toContain(sandbox.x3.gatewayUrl('us'));
	expect(html).toContain('&quot;Regional Endpoint&quot; field');
	expect(emitted.at(-1)!.workflowData![0][0].json.endpoint).toBe(sandbox.x3.gatewayUrl('us'));

	useCredential({ customerUrl: sandbox.x3.sites[1].url, refreshToken: sandbox.x3.issuedRefreshTokens.at(-1), endpoint: sandbox.x3.gatewayUrl('us') });
	const customers = await runX3(engine, 'pairing', { parameters: { resource: 'customer', operation: 'getAll', folder: folder('SEED'), returnAll: false, limit: 2 } });
	expect(customers.items).toHaveLength(2);
});

test('an endpoint outside Sage is refused before the client secret is sent', async () => {
	const callback = await sandbox.x3.approve((await start()).toString());
	const response = await postForm(callback.action, { ...callback.fields, endpoint: 'https://evil.example/v1' });
	expect(response.status).toBe(400);
	expect(await response.text()).toContain('not a Sage X3 gateway');
	expect(sandbox.server.count('x3.token')).toBe(0);
});

test('a rejected approval and the GET ?code variant', async () => {
	const rejected = await sandbox.x3.approve((await start()).toString(), { decision: 'reject' });
	const page = await postForm(rejected.action, rejected.fields);
	expect(page.status).toBe(400);
	expect(await page.text()).toContain('did not approve');

	const approved = await sandbox.x3.approve((await start()).toString());
	const query = new URLSearchParams({ code: approved.fields.authorizationCode, state: approved.fields.state });
	const viaGet = await browser.open(`${pairUrl()}?${query}`, { crossSite: true });
	expect(viaGet.status).toBe(200);
	expect(await viaGet.text()).toContain(sandbox.x3.issuedRefreshTokens.at(-1));
});

test('pairing cannot start before the credential has its application fields', async () => {
	useCredential({ customerUrl: '' });
	const response = await fetch(pairUrl(), { redirect: 'manual' });
	expect(response.status).toBe(400);
	expect(await response.text()).toContain('customerUrl');
	const button = await fetch(pairUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pairing=start', redirect: 'manual' });
	expect(button.status).toBe(400);
	expect(await button.text()).toContain('customerUrl');
});
