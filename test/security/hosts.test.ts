/**
 * Security issue, findings 6, 8 and part of 9: a secret goes only to the host it belongs to.
 * - X3 Regional Endpoint: one of X3's regional gateways (https, default port, /v1), or a /v1 root
 *   on the Custom Gateway URL's host; anything else is refused before the client secret is sent.
 * - SDMO: app URLs only on the token URL's exact host or Sage's documented DMO hosts (no
 *   wildcard derived from the token host); an http:// Token URL is refused by preAuthentication
 *   and so by the credential test.
 * No request leaves the machine: `guardNetwork` records what would have gone out, and stops it.
 */
import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { acceptableEndpoint } from '../../nodes/SageX3Pairing/helpers/pairing';
import { allowedUrlsFor } from '../../nodes/shared/auth';
import { isUrlAllowed } from '../../nodes/shared/transport';
import { Engine } from '../harness/engine';
import { newEngine, runX3 } from '../x3/setup';
import { testCredential } from './credential-test';
import { guardNetwork, startLocalServer, type Attempt, type LocalServer } from './network';

const X3_SECRET = 'x3-client-secret-never-leaves';
const SDMO_SECRET = 'sdmo-client-secret-never-leaves';
const listFolders = { resource: 'folder', operation: 'list' };

let network: ReturnType<typeof guardNetwork>;
let gateway: LocalServer;
let other: LocalServer;
let credentialCounter = 0;

beforeAll(async () => {
	// Plays an X3 gateway (any path ending in /token answers tokens, anything else an empty list).
	const x3 = (hit: { path: string }) =>
		hit.path.endsWith('/token')
			? { status: 200, body: { access_token: 'issued-access', refresh_token: 'issued-refresh', expires_in: 300 } }
			: { status: 200, body: { $resources: [] } };
	gateway = await startLocalServer(x3);
	other = await startLocalServer(x3);
});

afterAll(async () => {
	await gateway.close();
	await other.close();
});

beforeEach(() => {
	network = guardNetwork();
	gateway.hits.length = 0;
	other.hits.length = 0;
});

afterEach(() => network.restore());

const nonLocal = (attempts: Attempt[]) => attempts.filter((attempt) => !attempt.host.startsWith('127.'));

function addX3Credential(engine: Engine, fields: Record<string, string>): string {
	const id = `x3-hosts-${++credentialCounter}`;
	engine.addCredential(id, 'sageX3Api', {
		clientId: 'client-id',
		clientSecret: X3_SECRET,
		gateway: 'europe',
		customGatewayUrl: '',
		customerUrl: 'https://x3.customer.example',
		refreshToken: 'stored-refresh-token',
		endpoint: '',
		...fields,
	});
	return id;
}

describe('X3 Regional Endpoint', () => {
	test('the two gateways the credential offers are accepted as the endpoint X3 sends at pairing', () => {
		for (const gatewayChoice of ['europe', 'northAmerica']) {
			const credentials = { gateway: gatewayChoice };
			expect(acceptableEndpoint(credentials, 'https://api.us-prod-sagex3.com/v1')).toBe('https://api.us-prod-sagex3.com/v1');
			expect(acceptableEndpoint(credentials, 'https://api.eu-prod-sagex3.com/v1/')).toBe('https://api.eu-prod-sagex3.com/v1');
		}
	});

	test('an offered gateway as Regional Endpoint receives the token request (and only it)', async () => {
		const engine = newEngine();
		const id = addX3Credential(engine, { endpoint: 'https://api.us-prod-sagex3.com/v1/' });
		const result = await runX3(engine, id, { parameters: listFolders });
		expect(result.error?.message).not.toContain('Regional Endpoint');
		// Stopped by the guard on its way out, so only the attempts are there to see (the transport
		// retries a token request that failed on the network).
		const destinations = new Set(nonLocal(network.attempts).map((attempt) => `${attempt.protocol}//${attempt.host}${attempt.port ? `:${attempt.port}` : ''}${attempt.path}`));
		expect([...destinations]).toEqual(['https://api.us-prod-sagex3.com/v1/token']);
	});

	const refused = [
		['another sagex3.com host on another port', 'https://anything.sagex3.com:8443/v1'],
		['an offered gateway on another port', 'https://api.eu-prod-sagex3.com:8443/v1'],
		['an offered gateway with another path', 'https://api.eu-prod-sagex3.com/v2'],
		['an offered gateway below /v1', 'https://api.eu-prod-sagex3.com/v1/service'],
		['an offered gateway over http', 'http://api.us-prod-sagex3.com/v1'],
		['an offered gateway with a query', 'https://api.us-prod-sagex3.com/v1?x=1'],
		['a host ending like a gateway', 'https://evil-api.eu-prod-sagex3.com/v1'],
	];

	test.each(refused)('%s is refused at pairing and by the node, before anything is sent (%s)', async (_label, endpoint) => {
		expect(acceptableEndpoint({ gateway: 'europe' }, endpoint)).toBeUndefined();
		const engine = newEngine();
		const id = addX3Credential(engine, { endpoint });
		const result = await runX3(engine, id, { parameters: listFolders });
		expect(result.error?.message).toContain('The credential\'s "Regional Endpoint" was refused');
		expect(String(result.error?.description)).toContain('https://api.eu-prod-sagex3.com/v1, https://api.us-prod-sagex3.com/v1');
		expect(network.attempts).toEqual([]);
		expect(engine.store.get(id).data.refreshToken).toBe('stored-refresh-token');
	});

	test('the credential test (preAuthentication) refuses a foreign endpoint before sending the secret', async () => {
		const engine = newEngine();
		const id = addX3Credential(engine, { endpoint: 'https://anything.sagex3.com:8443/v1' });
		const outcome = await testCredential(engine, id);
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toContain('"Regional Endpoint" was refused: https://anything.sagex3.com:8443 is not a Sage X3 gateway');
		expect(network.attempts).toEqual([]);
	});

	test('with a Custom Gateway, a /v1 root on its own host is accepted; another port or path is not', async () => {
		const engine = newEngine();
		const custom = { gateway: 'custom', customGatewayUrl: `${gateway.origin}/x3/eu/v1` };

		const sameHost = addX3Credential(engine, { ...custom, endpoint: `${gateway.origin}/x3/us/v1` });
		expect((await runX3(engine, sameHost, { parameters: listFolders })).error).toBeUndefined();
		expect(gateway.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /x3/us/v1/token', 'GET /x3/us/v1/folders']);
		expect(JSON.parse(gateway.hits[0].body).client_secret).toBe(X3_SECRET);

		gateway.hits.length = 0;
		for (const endpoint of [`${other.origin}/x3/us/v1`, `${gateway.origin}/x3/us/admin`, 'http://127.0.0.1/v1']) {
			const id = addX3Credential(engine, { ...custom, endpoint });
			const result = await runX3(engine, id, { parameters: listFolders });
			expect(result.error?.message).toContain('"Regional Endpoint" was refused');
		}
		expect(other.hits).toEqual([]);
		expect(gateway.hits).toEqual([]);
	});

	test('a loopback endpoint is refused unless it is on the Custom Gateway host', async () => {
		const engine = newEngine();
		const id = addX3Credential(engine, { gateway: 'europe', endpoint: `${other.origin}/v1` });
		const result = await runX3(engine, id, { parameters: listFolders });
		expect(result.error?.message).toContain(`"Regional Endpoint" was refused: http://127.0.0.1:${new URL(other.origin).port} is not a Sage X3 gateway`);
		expect(other.hits).toEqual([]);
	});
});

describe('SDMO hosts', () => {
	let engine: Engine;

	beforeEach(() => {
		engine = new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });
	});

	/** A credential that already holds a token and the app URLs of its token answer. */
	function addSdmoCredential(tokenUrl: string, apps: Record<string, string>): string {
		const id = `sdmo-hosts-${++credentialCounter}`;
		engine.addCredential(id, 'sageDmoApi', {
			clientId: 'client-id',
			clientSecret: SDMO_SECRET,
			tenantId: 'tenant',
			tokenUrl,
			accessToken: 'stored-access-token',
			urls: JSON.stringify({ apps: Object.fromEntries(Object.entries(apps).map(([app, graphQL]) => [app, { graphQL }])) }),
		});
		return id;
	}

	const execute = async (id: string, app: string) =>
		await engine.run({ type: 'sageDmo', parameters: { resource: 'graphql', operation: 'execute', app, query: '{ xtremSystem { company { query { totalCount } } } }' }, credentials: { sageDmoApi: id } });

	test('the token host\'s parent domain is no wildcard: https://sage-erp.co.uk/token does not allow *.co.uk', async () => {
		expect(allowedUrlsFor(new URL('https://sage-erp.co.uk/token'))).not.toContain('*.co.uk');
		expect(isUrlAllowed(new URL('https://evil.co.uk/graphql'), allowedUrlsFor(new URL('https://sage-erp.co.uk/token')))).toBe(false);

		const id = addSdmoCredential('https://sage-erp.co.uk/token', { sdmo: 'https://evil.co.uk/graphql', own: 'https://sage-erp.co.uk/sdmo/api' });
		const refused = await execute(id, 'sdmo');
		expect(refused.error?.message).toContain('The GraphQL URL of app "sdmo" points to https://evil.co.uk, outside the Sage gateway');
		expect(network.attempts).toEqual([]);

		// The token URL's own host still gets its token.
		await execute(id, 'own');
		expect(network.attempts.map((attempt) => `${attempt.host}${attempt.path}`)).toEqual(['sage-erp.co.uk/sdmo/api']);
	});

	test('Sage\'s documented DMO hosts are allowed; a sibling of the token host is not', async () => {
		const id = addSdmoCredential('https://api.erp.sage.com/v1/token', {
			eu: 'https://api.eu.erp.sage.com/v1/fwd/cluster-release/sdmo/api',
			na: 'https://api.na.sageintacctmanufacturing.com/v1/fwd/prd1/api',
			sibling: 'https://attacker.erp.sage.com/v1/api',
		});
		await execute(id, 'eu');
		await execute(id, 'na');
		const sibling = await execute(id, 'sibling');
		expect(sibling.error?.message).toContain('points to https://attacker.erp.sage.com, outside the Sage gateway');
		expect(network.attempts.map((attempt) => attempt.host)).toEqual(['api.eu.erp.sage.com', 'api.na.sageintacctmanufacturing.com']);
	});

	test('an http:// Token URL is refused by preAuthentication, so the credential test sends no secret', async () => {
		const id = `sdmo-http-${++credentialCounter}`;
		engine.addCredential(id, 'sageDmoApi', { clientId: 'client-id', clientSecret: SDMO_SECRET, tenantId: 'tenant', tokenUrl: 'http://api.erp.sage.com/v1/token' });
		const outcome = await testCredential(engine, id);
		expect(outcome).toEqual({
			status: 'Error',
			message: expect.stringContaining('The credential\'s "Token URL" must use https:// (got "http://api.erp.sage.com"); the client secret was not sent'),
		});
		expect(network.attempts).toEqual([]);

		// preAuthentication itself, as any caller gets it.
		const httpRequest = jest.fn();
		const credential = new SageDmoApi();
		await expect(
			credential.preAuthentication.call({ helpers: { httpRequest } }, { clientId: 'client-id', clientSecret: SDMO_SECRET, tenantId: 'tenant', tokenUrl: 'http://sage.example.com/token' }),
		).rejects.toThrow('must use https://');
		expect(httpRequest).not.toHaveBeenCalled();
	});

	test('a loopback http Token URL (the local sandbox) still passes the credential test', async () => {
		const sdmo = await startLocalServer(() => ({ status: 200, body: { access_token: 'issued', urls: { apps: {} } } }));
		try {
			const id = `sdmo-loopback-${++credentialCounter}`;
			engine.addCredential(id, 'sageDmoApi', { clientId: 'client-id', clientSecret: SDMO_SECRET, tenantId: 'tenant', tokenUrl: `${sdmo.origin}/v1/token` });
			expect(await testCredential(engine, id)).toEqual({ status: 'OK', message: 'Connection successful!' });
			// preAuthentication's token request, then the test's own.
			expect(sdmo.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /v1/token', 'POST /v1/token']);
		} finally {
			await sdmo.close();
		}
	});
});
