/*
 * Secrets and trust. The sandbox is configured with unique secret strings (client secrets,
 * subscription key); the tokens it issues are collected as they appear. Every output item, error
 * (message, description, context, cause) and log line of the runs below, successes and failures
 * alike, is scanned for all of them. Also: tokens never go to a host outside the credential's
 * gateway, X3 pairing `state` is unguessable, single use and expiring, and plain http is refused
 * except on loopback.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';

import type { IDataObject, IWebhookResponseData } from 'n8n-workflow';

import type { Engine, RunNodeResult } from '../harness/engine';
import { startPairingHost, type PairingBrowser, type PairingHost } from '../harness/pairing-host';
import {
	addSage200Credential,
	addSdmoCredential,
	addX3Credential,
	allNodesEngine,
	captureLogs,
	exposedText,
	runSage200,
	runSdmo,
	runX3,
	x3Folder,
	type Json,
} from './support';

const { startSandbox } = require('../sandbox');

const unique = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
const SECRETS = {
	x3ClientSecret: unique('X3-CLIENT-SECRET'),
	sdmoClientSecret: unique('SDMO-CLIENT-SECRET'),
	s200ClientSecret: unique('S200-CLIENT-SECRET'),
	s200SubscriptionKey: unique('S200-SUBSCRIPTION-KEY'),
};
const CLIENT_IDS = { x3: unique('x3-client'), sdmo: unique('sdmo-client'), s200: unique('s200-client') };

let sandbox: Json;
let server: Json;
let engine: Engine;
let logs: ReturnType<typeof captureLogs>;
/** Everything the runs exposed: outputs, errors, run data. */
const exposed: string[] = [];
let runs = 0;

beforeAll(async () => {
	logs = captureLogs();
	sandbox = await startSandbox({
		x3: { clientId: CLIENT_IDS.x3, clientSecret: SECRETS.x3ClientSecret, customers: 30, suppliers: 3, salesOrders: 3 },
		sdmo: { clientId: CLIENT_IDS.sdmo, clientSecret: SECRETS.sdmoClientSecret, customers: 30, suppliers: 3, items: 3, salesOrders: 3, stockJournals: 3, workOrders: 3 },
		sage200: {
			customers: 30,
			customers2: 3,
			subscriptionKeys: [SECRETS.s200SubscriptionKey],
			clients: [{ clientId: CLIENT_IDS.s200, clientSecret: SECRETS.s200ClientSecret, loopback: true }],
		},
	});
	server = sandbox.server;
	engine = allNodesEngine();
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => server.resetCounters());

const s200Overrides = () => ({ clientId: CLIENT_IDS.s200, clientSecret: SECRETS.s200ClientSecret, subscriptionApiKey: SECRETS.s200SubscriptionKey });
const s200Tokens = () => sandbox.sage200.issue({ clientId: CLIENT_IDS.s200 });

function keep(result: RunNodeResult): RunNodeResult {
	runs++;
	exposed.push(exposedText(result));
	return result;
}

/** Every token the sandbox handed out or received so far, from its log and the credential store. */
function issuedTokens(): string[] {
	const tokens = new Set<string>();
	for (const entry of server.log as Json[]) {
		const bearer = /^Bearer\s+(.+)$/i.exec(String(entry.headers.authorization ?? ''));
		if (bearer) tokens.add(bearer[1]);
		const tokenHeader = /accessToken=(\S+)/.exec(String(entry.headers['x-tokens'] ?? ''));
		if (tokenHeader) tokens.add(tokenHeader[1]);
	}
	for (const token of sandbox.x3.issuedRefreshTokens) tokens.add(token);
	for (const token of sandbox.sdmo.tokens()) tokens.add(token.token);
	for (const update of [...engine.store.updates.map((entry) => entry.data), ...engine.store.all().map((entry) => entry.data)]) {
		for (const key of ['accessToken', 'refreshToken']) if (typeof update[key] === 'string' && update[key]) tokens.add(update[key] as string);
		const oauth = update.oauthTokenData as Json | undefined;
		for (const key of ['access_token', 'refresh_token', 'id_token']) if (typeof oauth?.[key] === 'string') tokens.add(oauth[key]);
	}
	return [...tokens].filter((token) => token.length >= 16);
}

describe('runs that succeed and runs that fail expose no secret', () => {
	test('Sage X3: success, rotation, wrong secret, revoked token, missing scope, GraphQL error', async () => {
		const id = addX3Credential(engine, sandbox);
		expect(keep(await runX3(engine, id, { resource: 'folder', operation: 'list' })).error).toBeUndefined();
		expect(keep(await runX3(engine, id, { resource: 'customer', operation: 'getAll', folder: x3Folder('SEED'), returnAll: true })).items).toHaveLength(30);
		expect(keep(await runX3(engine, id, { resource: 'customer', operation: 'create', folder: x3Folder('SEED'), code: 'SECRET1', companyName: 'Secret Ltd' })).error).toBeUndefined();
		sandbox.x3.expireAccessTokens();
		expect(keep(await runX3(engine, id, { resource: 'customer', operation: 'get', folder: x3Folder('SEED'), code: 'AE0001' })).error).toBeUndefined();
		keep(await runX3(engine, id, { resource: 'graphql', operation: 'execute', folder: x3Folder('SEED'), query: '{ sage { nope } }' }));
		keep(await runX3(engine, id, { resource: 'customer', operation: 'get', folder: x3Folder('SEED'), code: '={{ $json.code }}' }, [{ code: 'AE0001' }, { code: 'MISSING' }], true));

		const wrongSecret = addX3Credential(engine, sandbox, { clientSecret: `${SECRETS.x3ClientSecret}-WRONG` });
		expect(keep(await runX3(engine, wrongSecret, { resource: 'folder', operation: 'list' })).error?.message).toMatch(/Client ID or Client Secret/);

		const dataOnly = addX3Credential(engine, sandbox);
		const graphOnlyPaired = sandbox.x3.pair({ region: 'eu', scope: 'businessDomain.ALL api.dataDelivery' });
		engine.store.get(dataOnly).data.refreshToken = graphOnlyPaired.refresh_token;
		keep(await runX3(engine, dataOnly, { resource: 'customer', operation: 'get', folder: x3Folder('SEED'), code: 'AE0001' }));

		const revoked = addX3Credential(engine, sandbox);
		expect(keep(await runX3(engine, revoked, { resource: 'folder', operation: 'list' })).error).toBeUndefined();
		sandbox.x3.revokeRefreshTokens();
		sandbox.x3.expireAccessTokens();
		expect(keep(await runX3(engine, revoked, { resource: 'folder', operation: 'list' })).error?.message).toMatch(/pair the credential again/);
	});

	test('Sage DMO: success, expiry, revoke operation, wrong secret, tenant not accepted', async () => {
		const id = addSdmoCredential(engine, sandbox);
		expect(keep(await runSdmo(engine, id, { resource: 'customer', operation: 'getMany', returnAll: true })).items).toHaveLength(30);
		sandbox.sdmo.expireAccessTokens();
		expect(keep(await runSdmo(engine, id, { resource: 'customer', operation: 'get', recordId: '1' })).error).toBeUndefined();
		expect(keep(await runSdmo(engine, id, { resource: 'token', operation: 'revoke' })).error).toBeUndefined();
		keep(await runSdmo(engine, id, { resource: 'customer', operation: 'update', recordId: '1', data: '{"creditLimit": -5}' }));
		keep(await runSdmo(engine, id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: '{ xtremMasterData { nope } }' }));

		const wrong = addSdmoCredential(engine, sandbox, { clientSecret: `${SECRETS.sdmoClientSecret}-WRONG` });
		expect(keep(await runSdmo(engine, wrong, { resource: 'customer', operation: 'get', recordId: '1' })).error?.message).toMatch(/client ID or client secret is wrong/);
		const notAccepted = addSdmoCredential(engine, sandbox, { tenantId: sandbox.sdmo.demo.notAcceptedTenantId });
		expect(keep(await runSdmo(engine, notAccepted, { resource: 'customer', operation: 'get', recordId: '1' }, [{}, {}], true)).items[0].json.error).toMatch(
			/tenant has not accepted/,
		);
	});

	test('Sage 200: success, refresh, wrong subscription key, revoked refresh token, forbidden company', async () => {
		const id = addSage200Credential(engine, sandbox, s200Overrides(), s200Tokens());
		const ok = keep(await runSage200(engine, sandbox, id, { resource: 'customer', operation: 'getAll', returnAll: true }));
		expect(ok.error).toBeUndefined();
		expect(ok.items).toHaveLength(30);
		sandbox.sage200.expireAccessTokens();
		expect(keep(await runSage200(engine, sandbox, id, { resource: 'customer', operation: 'get', recordId: String(ok.items[0].json.id) })).error).toBeUndefined();
		keep(await runSage200(engine, sandbox, id, { resource: 'customer', operation: 'getAll', returnAll: true, company: { __rl: true, mode: 'id', value: '7' } }));
		keep(await runSage200(engine, sandbox, id, { resource: 'customer', operation: 'create', reference: String(ok.items[0].json.reference), name: 'Duplicate' }));

		const wrongKey = addSage200Credential(engine, sandbox, { ...s200Overrides(), subscriptionApiKey: `${SECRETS.s200SubscriptionKey}-WRONG` }, s200Tokens());
		expect(keep(await runSage200(engine, sandbox, wrongKey, { resource: 'customer', operation: 'get', recordId: '1' })).error?.message).toMatch(/subscription key/);

		const revoked = addSage200Credential(engine, sandbox, s200Overrides(), s200Tokens());
		sandbox.sage200.revokeRefreshTokens();
		sandbox.sage200.expireAccessTokens();
		expect(keep(await runSage200(engine, sandbox, revoked, { resource: 'customer', operation: 'get', recordId: '1' })).error?.message).toMatch(/needs to be reconnected/);
	});

});

describe('a token never goes to a host outside its credential\'s gateway', () => {
	/** Something listening where the foreign URLs point, to see whether anything arrives there. */
	async function trapAt(port: number): Promise<{ requests: Array<{ url?: string; authorization?: string }>; close: () => Promise<void> }> {
		const requests: Array<{ url?: string; authorization?: string }> = [];
		const trap = http.createServer((req, res) => {
			requests.push({ url: req.url, authorization: req.headers.authorization });
			res.statusCode = 200;
			res.setHeader('content-type', 'application/json');
			res.end('{"data": {}}');
		});
		await new Promise<void>((resolve, reject) => {
			trap.once('error', reject);
			trap.listen(port, '127.0.0.2', resolve);
		});
		return { requests, close: async () => await new Promise<void>((resolve) => trap.close(() => resolve())) };
	}

	test('X3: a folder URL on another host is refused with a clear error; nothing reaches that host', async () => {
		const foreign = await startSandbox({ x3: { customers: 5, suppliers: 1, salesOrders: 1, foreignFolderUrl: true } });
		const trap = await trapAt(foreign.server.port);
		try {
			const id = addX3Credential(engine, foreign);
			const result = keep(await runX3(engine, id, { resource: 'customer', operation: 'get', folder: x3Folder('SEED'), code: 'AE0001' }));
			expect(result.error?.name).toBe('NodeOperationError');
			expect(result.error?.message).toMatch(/points to http:\/\/127\.0\.0\.2:\d+, outside the Sage gateway this credential belongs to; the token was not sent/);
			expect(trap.requests).toEqual([]);
			expect(foreign.server.count('x3.graphql')).toBe(0);
			// The token went only to the gateway's own origin.
			for (const entry of foreign.server.log as Json[]) expect(entry.headers.host).toBe(`127.0.0.1:${foreign.server.port}`);
			// The other folder, on the gateway itself, still works.
			const own = keep(await runX3(engine, id, { resource: 'graphql', operation: 'execute', folder: x3Folder('X3'), query: '{ x3MasterData { customer { query(first: 1) { totalCount } } } }' }));
			expect(own.error).toBeUndefined();
		} finally {
			await trap.close();
			await foreign.close();
		}
	});

	test('SDMO: an app URL on another host is refused with a clear error; nothing reaches that host', async () => {
		const foreign = await startSandbox({ sdmo: { foreignAppUrl: true, customers: 5 } });
		const trap = await trapAt(foreign.server.port);
		try {
			const id = addSdmoCredential(engine, foreign);
			const result = keep(await runSdmo(engine, id, { resource: 'customer', operation: 'get', recordId: '1' }));
			expect(result.error?.message).toMatch(/GraphQL URL of app "sdmo" points to http:\/\/127\.0\.0\.2:\d+, outside the Sage gateway this credential belongs to; the token was not sent/);
			expect(trap.requests).toEqual([]);
			expect(foreign.server.count('sdmo.graphql')).toBe(0);
		} finally {
			await trap.close();
			await foreign.close();
		}
	});
});

describe('a Sage answer that redirects moves no secret', () => {
	/** Where the redirects point: another origin, recording everything that would reach it. */
	let trap: http.Server;
	let trapUrl = '';
	const reachedTrap: string[] = [];
	beforeAll(async () => {
		trap = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				reachedTrap.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
				res.setHeader('content-type', 'application/json');
				res.end('{"access_token": "trap-token-0123456789abcdef", "refresh_token": "trap-refresh-0123456789abcdef", "expires_in": 300}');
			});
		});
		await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
		trapUrl = `http://127.0.0.2:${(trap.address() as { port: number }).port}`;
	});
	afterAll(async () => {
		// Everything that reached the trap joins the final scan, as if a user could see it.
		exposed.push(...reachedTrap);
		await new Promise<void>((resolve) => trap.close(() => resolve()));
	});
	afterEach(() => server.clearFaults());

	const redirect = (route: string, status: number) => server.setFaults([{ route, kind: status, times: 1, headers: { location: `${trapUrl}/stolen` } }]);

	test.each([
		['X3 GraphQL (302)', 'x3.graphql', 302],
		['X3 token refresh (307, a re-POST of client secret and refresh token)', 'x3.token', 307],
		['SDMO token (307)', 'sdmo.token', 307],
		['SDMO GraphQL (302)', 'sdmo.graphql', 302],
		['Sage 200 list (307)', 's200.customers.list', 307],
	])('%s: the run fails naming the other host, nothing reaches it, no trap token is stored', async (_label, route, status) => {
		redirect(route, status);
		const product = route.split('.')[0];
		const result = keep(
			product === 'x3'
				? await runX3(engine, addX3Credential(engine, sandbox, { clientId: CLIENT_IDS.x3, clientSecret: SECRETS.x3ClientSecret }), { resource: 'graphql', operation: 'execute', folder: x3Folder('SEED'), query: '{ sage { x3BusinessPartners { customer { query(first: 1) { totalCount } } } } }' })
				: product === 'sdmo'
					? await runSdmo(engine, addSdmoCredential(engine, sandbox, { clientId: CLIENT_IDS.sdmo, clientSecret: SECRETS.sdmoClientSecret }), { resource: 'customer', operation: 'get', recordId: '1' })
					: await runSage200(engine, sandbox, addSage200Credential(engine, sandbox, s200Overrides(), s200Tokens()), { resource: 'customer', operation: 'getAll', limit: 1 }),
		);
		expect(result.error?.message).toMatch(new RegExp(`redirect \\(HTTP ${status}\\) to ${trapUrl.replace(/\./g, '\\.')}`));
		expect(server.faultsFired()).toBe(1);
		expect(reachedTrap).toEqual([]);
		expect(JSON.stringify(engine.store.updates)).not.toContain('trap-');
	});
});

describe('plain http:// is refused except for loopback', () => {
	test.each([
		['X3 gateway', () => addX3Credential(engine, sandbox, { customGatewayUrl: 'http://api.eu-prod-sagex3.example/v1' }), 'x3', /must use https:\/\/ \(got "http:\/\/api\.eu-prod-sagex3\.example"\)/],
		['SDMO token URL', () => addSdmoCredential(engine, sandbox, { tokenUrl: 'http://api.erp.sage.example/v1/token' }), 'sdmo', /must use https:\/\/ \(got "http:\/\/api\.erp\.sage\.example"\)/],
		['Sage 200 API base URL', () => addSage200Credential(engine, sandbox, { ...s200Overrides(), apiBaseUrl: 'http://api.columbus.sage.example/uk/sage200extra/accounts/v1/' }, s200Tokens()), 's200', /must use https:\/\/ \(got "http:\/\/api\.columbus\.sage\.example"\)/],
	] as const)('%s over http to a remote host: refused before any request', async (_label, addCredential, product, message) => {
		const id = addCredential();
		const parameters: IDataObject = product === 'x3' ? { resource: 'folder', operation: 'list' } : { resource: 'customer', operation: 'get', recordId: '1' };
		const result = keep(product === 'x3' ? await runX3(engine, id, parameters) : product === 'sdmo' ? await runSdmo(engine, id, parameters) : await runSage200(engine, sandbox, id, parameters));
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toMatch(message);
		expect(server.log).toHaveLength(0);
	});

	test('Sage 200 Access Token URL over http to a remote host: refused before any request (a refresh would post the secret in clear)', async () => {
		const id = addSage200Credential(engine, sandbox, { ...s200Overrides(), accessTokenUrl: 'http://id.example.com/oauth/token' }, s200Tokens());
		const result = keep(await runSage200(engine, sandbox, id, { resource: 'customer', operation: 'getAll', limit: 1 }));
		expect(result.error?.message).toMatch(/The credential's Access Token URL must use https:\/\//);
		expect(server.log).toHaveLength(0);
	});

	test('the loopback sandbox over http is accepted', async () => {
		expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
		expect(keep(await runX3(engine, addX3Credential(engine, sandbox), { resource: 'folder', operation: 'list' })).error).toBeUndefined();
		expect(keep(await runSdmo(engine, addSdmoCredential(engine, sandbox), { resource: 'customer', operation: 'get', recordId: '1' })).error).toBeUndefined();
	});
});

describe('X3 pairing state: unguessable, single use, expiring; a forged callback is refused', () => {
	let host: PairingHost;
	let pairing: Json;
	let emitted: IWebhookResponseData[];
	let staticData: IDataObject;

	const pairUrl = () => host.pairUrl;

	beforeAll(async () => {
		pairing = await startSandbox({ x3: { clientId: CLIENT_IDS.x3, clientSecret: SECRETS.x3ClientSecret, customers: 3, suppliers: 1, salesOrders: 1 } });
		engine.addCredential('pairing', 'sageX3Api', {
			clientId: CLIENT_IDS.x3,
			clientSecret: SECRETS.x3ClientSecret,
			gateway: 'custom',
			customGatewayUrl: pairing.x3.gatewayUrl('eu'),
			customerUrl: pairing.x3.sites[0].url,
			scope: ['businessDomain.ALL', 'api.graphQL'],
			refreshToken: '',
		});
		host = await startPairingHost(engine, { webhookId: 'reliability-pairing', credentialId: 'pairing' });
		emitted = host.emitted;
		staticData = host.staticData;
	});

	afterAll(async () => {
		jest.useRealTimers();
		await host.close();
		await pairing.close();
	});


	beforeEach(() => pairing.server.resetCounters());

	// One user's browser: a pairing answer counts only in the browser that started the pairing.
	let browser: PairingBrowser | undefined;
	const start = async () => await (browser ??= host.browser()).start();
	const postForm = async (fields: Record<string, string>) => await browser!.returnFromX3({ action: pairUrl(), fields });

	test('state carries at least 128 random bits and never repeats', async () => {
		const states = await Promise.all(Array.from({ length: 20 }, async () => (await start()).searchParams.get('state')!));
		expect(new Set(states).size).toBe(states.length);
		for (const state of states) {
			expect(state).toMatch(/^[A-Za-z0-9_-]+$/);
			expect(Buffer.from(state, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		}
		// Kept server-side (workflow static data), not derivable from anything the user sees.
		expect(Object.keys(staticData.pendingPairingStates as IDataObject)).toEqual(expect.arrayContaining(states));
	});

	test('a valid callback works once; replaying it is refused without a token exchange', async () => {
		const callback = await pairing.x3.approve((await start()).toString(), { folders: ['SEED'] });
		const first = await postForm(callback.fields);
		expect(first.status).toBe(200);
		expect(pairing.server.count('x3.token')).toBe(1);
		// The refresh token is shown on the page for the user to paste, never in the workflow's data.
		const refreshToken = pairing.x3.issuedRefreshTokens.at(-1);
		expect(JSON.stringify(emitted.at(-1))).not.toContain(refreshToken);
		expect(JSON.stringify(emitted.at(-1))).not.toContain(SECRETS.x3ClientSecret);

		const replay = await postForm(callback.fields);
		expect(replay.status).toBe(400);
		expect(await replay.text()).toContain('unknown or was already used');
		expect(pairing.server.count('x3.token')).toBe(1);
	});

	test('forged callbacks are refused: guessed state, missing state, a real code with a made-up state', async () => {
		const callback = await pairing.x3.approve((await start()).toString());
		for (const fields of [
			{ ...callback.fields, state: randomBytes(32).toString('base64url') },
			{ ...callback.fields, state: '' },
			{ authorizationCode: callback.fields.authorizationCode },
		]) {
			const response = await postForm(fields);
			expect(response.status).toBe(400);
			const page = await response.text();
			expect(page).toContain('pairing answer was refused');
			expect(page).not.toContain(SECRETS.x3ClientSecret);
		}
		// A GET callback with a forged state is refused the same way.
		const viaGet = await fetch(`${pairUrl()}?${new URLSearchParams({ code: callback.fields.authorizationCode, state: 'forged' })}`);
		expect(viaGet.status).toBe(400);
		expect(pairing.server.count('x3.token')).toBe(0);
		// The genuine callback still works: the forged ones did not consume its state.
		expect((await postForm(callback.fields)).status).toBe(200);
	});

	test('a state older than its lifetime is refused', async () => {
		const callback = await pairing.x3.approve((await start()).toString());
		jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
		jest.setSystemTime(Date.now() + 11 * 60 * 1000);
		try {
			const response = await postForm(callback.fields);
			expect(response.status).toBe(400);
			expect(await response.text()).toContain('it expired');
		} finally {
			jest.useRealTimers();
		}
		expect(pairing.server.count('x3.token')).toBe(0);
	});
});

describe('finally', () => {
	test('no seeded secret and no issued token appears in any output, error or log line', () => {
		const tokens = issuedTokens();
		expect(tokens.length).toBeGreaterThan(10);
		const haystacks = [...exposed, logs.text()];
		expect(logs.lines.length).toBeGreaterThan(0);
		expect(runs).toBeGreaterThanOrEqual(20);
		const found: string[] = [];
		for (const [name, value] of [...Object.entries(SECRETS), ...tokens.map((token, index) => [`token #${index}`, token] as const)]) {
			// Whole values, and their random tail in case a message cut one short.
			const probes = [value, value.slice(-20)];
			if (haystacks.some((text) => probes.some((probe) => text.includes(probe)))) found.push(name);
		}
		expect(found).toEqual([]);
		process.stdout.write(`\nSecret scan: ${Object.keys(SECRETS).length} seeded secrets and ${tokens.length} issued tokens, ${runs} runs, ${logs.lines.length} log lines: none found\n\n`);
	});
});
