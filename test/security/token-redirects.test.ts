/**
 * Security issue, finding 1 (token requests): a token endpoint that answers 302 or 307 must not
 * move the client secret or the refresh token to the host it names, and that host's answer must
 * never become the credential's tokens. Two local servers: the Sage token route that redirects,
 * and the other host, which counts what reaches it and would hand out tokens of its own.
 */
import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { Engine } from '../harness/engine';
import { newEngine, runX3 } from '../x3/setup';
import { testCredential } from './credential-test';
import { startLocalServer, type LocalServer } from './network';

const X3_SECRET = 'x3-secret-for-the-gateway-only';
const X3_REFRESH = 'x3-refresh-token-before';
const SDMO_SECRET = 'sdmo-secret-for-the-token-url-only';

let sage: LocalServer;
let elsewhere: LocalServer;
let redirectStatus = 307;

beforeAll(async () => {
	elsewhere = await startLocalServer((_hit, self) => ({
		status: 200,
		body: {
			access_token: 'access-from-elsewhere',
			refresh_token: 'refresh-from-elsewhere',
			expires_in: 300,
			urls: { apps: { sdmo: { graphQL: `${self.origin}/api` } } },
		},
	}));
	// Every token route redirects to the other host; anything else is a plain Sage answer.
	sage = await startLocalServer((hit) =>
		hit.path.endsWith('/token')
			? { status: redirectStatus, headers: { location: `${elsewhere.origin}${hit.path}?from=sage` } }
			: { status: 200, body: { $resources: [] } },
	);
});

afterAll(async () => {
	await sage.close();
	await elsewhere.close();
});

beforeEach(() => {
	sage.hits.length = 0;
	elsewhere.hits.length = 0;
});

describe.each([302, 307])('a token route answering %i', (status) => {
	beforeEach(() => {
		redirectStatus = status;
	});

	test('X3: the refresh is refused, nothing reaches the other host, the stored tokens stay', async () => {
		const engine = newEngine();
		const id = engine.addCredential(`x3-redirect-${status}`, 'sageX3Api', {
			clientId: 'client-id',
			clientSecret: X3_SECRET,
			gateway: 'custom',
			customGatewayUrl: `${sage.origin}/v1`,
			customerUrl: 'https://x3.customer.example',
			refreshToken: X3_REFRESH,
			endpoint: '',
		});
		const before = structuredClone(engine.store.get(id).data);
		const result = await runX3(engine, id, { parameters: { resource: 'folder', operation: 'list' } });

		expect(result.error?.message).toContain(`redirect (HTTP ${status}) to ${elsewhere.origin}`);
		expect(JSON.stringify(result.error)).not.toContain(X3_SECRET);
		expect(elsewhere.hits).toEqual([]);
		// One token POST, to the gateway, and nothing after it.
		expect(sage.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /v1/token']);
		expect(engine.store.get(id).data).toEqual(before);
		expect(engine.store.updates).toEqual([]);
	});

	test('X3: the credential test refuses it the same way', async () => {
		const engine = newEngine();
		const id = engine.addCredential(`x3-redirect-test-${status}`, 'sageX3Api', {
			clientId: 'client-id',
			clientSecret: X3_SECRET,
			gateway: 'custom',
			customGatewayUrl: `${sage.origin}/v1`,
			refreshToken: X3_REFRESH,
		});
		const outcome = await testCredential(engine, id);
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toContain(`redirect (HTTP ${status}) to ${elsewhere.origin}; it was not followed`);
		expect(elsewhere.hits).toEqual([]);
		expect(engine.store.get(id).data.refreshToken).toBe(X3_REFRESH);
	});

	test('SDMO: the token request is refused, nothing reaches the other host, nothing is stored', async () => {
		const engine = new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });
		const id = engine.addCredential(`sdmo-redirect-${status}`, 'sageDmoApi', {
			clientId: 'client-id',
			clientSecret: SDMO_SECRET,
			tenantId: 'tenant',
			tokenUrl: `${sage.origin}/v1/token`,
		});
		const before = structuredClone(engine.store.get(id).data);
		const result = await engine.run({
			type: 'sageDmo',
			parameters: { resource: 'graphql', operation: 'execute', app: 'sdmo', query: '{ xtremSystem { company { query { totalCount } } } }' },
			credentials: { sageDmoApi: id },
		});

		expect(result.error?.message).toContain(`redirect (HTTP ${status}) to ${elsewhere.origin}`);
		expect(JSON.stringify(result.error)).not.toContain(SDMO_SECRET);
		expect(elsewhere.hits).toEqual([]);
		expect(sage.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /v1/token']);
		expect(engine.store.get(id).data).toEqual(before);
		expect(engine.store.updates).toEqual([]);
	});

	test('SDMO: the credential test sends the secret to the token URL only', async () => {
		const engine = new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });
		const id = engine.addCredential(`sdmo-redirect-test-${status}`, 'sageDmoApi', {
			clientId: 'client-id',
			clientSecret: SDMO_SECRET,
			tenantId: 'tenant',
			tokenUrl: `${sage.origin}/v1/token`,
		});
		const outcome = await testCredential(engine, id);
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toContain(`redirect (HTTP ${status}) to ${elsewhere.origin}; it was not followed, so the client secret was not sent there`);
		expect(elsewhere.hits).toEqual([]);
		expect(engine.store.updates).toEqual([]);
	});
});
