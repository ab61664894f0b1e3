/**
 * A token endpoint's answer is read like any Sage answer: within a size limit (1 MB, far above a
 * token answer), and only an answer that carries the token becomes the credential's. A local
 * server plays the token endpoint of X3 and SDMO; what it answers is set per test.
 */
import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { MAX_TOKEN_RESPONSE_BYTES } from '../../nodes/shared/auth';
import { Engine } from '../harness/engine';
import { newEngine, runX3 } from '../x3/setup';
import { testCredential } from './credential-test';
import { startLocalServer, type Answer, type LocalServer } from './network';

let server: LocalServer;
let tokenAnswer: Answer;

beforeAll(async () => {
	server = await startLocalServer((hit, self) =>
		hit.path.endsWith('/token') ? tokenAnswer(hit, self) : { status: 200, body: { folders: [], data: {} } },
	);
});

afterAll(async () => await server.close());

beforeEach(() => {
	server.hits.length = 0;
});

const oversized = { access_token: 'issued-access', refresh_token: 'issued-refresh', expires_in: 300, padding: 'x'.repeat(MAX_TOKEN_RESPONSE_BYTES + 1) };

function addX3(engine: Engine, name: string): string {
	return engine.addCredential(name, 'sageX3Api', {
		clientId: 'client-id',
		clientSecret: 'x3-secret',
		gateway: 'custom',
		customGatewayUrl: `${server.origin}/v1`,
		customerUrl: 'https://x3.customer.example',
		refreshToken: 'stored-refresh-token',
		endpoint: '',
	});
}

function addSdmo(engine: Engine, name: string): string {
	return engine.addCredential(name, 'sageDmoApi', { clientId: 'client-id', clientSecret: 'sdmo-secret', tenantId: 'tenant', tokenUrl: `${server.origin}/v1/token` });
}

const sdmoEngine = () => new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });

const sdmoQuery = { resource: 'graphql', operation: 'execute', app: 'sdmo', query: '{ xtremSystem { company { query { totalCount } } } }' };

test('X3: a token answer over 1 MB is not read; the stored tokens stay and nothing else is sent', async () => {
	tokenAnswer = () => ({ status: 200, body: oversized });
	const engine = newEngine();
	const id = addX3(engine, 'x3-oversized');
	const result = await runX3(engine, id, { parameters: { resource: 'folder', operation: 'list' } });
	expect(result.error?.message).toContain("The answer of Sage X3's token endpoint is larger than 1 MB; it was not used");
	expect(server.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /v1/token']);
	expect(engine.store.get(id).data.refreshToken).toBe('stored-refresh-token');
	expect(engine.store.updates).toEqual([]);
});

test('X3: a token answer that is not JSON, or lacks a token, is refused (run and credential test)', async () => {
	for (const body of ['<html>gateway maintenance</html>', { access_token: 'issued-access' }]) {
		tokenAnswer = () => ({ status: 200, body, headers: { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json' } });
		const engine = newEngine();
		const id = addX3(engine, `x3-no-token-${typeof body}`);
		const outcome = await testCredential(engine, id);
		expect(outcome).toEqual({ status: 'Error', message: 'The Sage X3 token endpoint answered without an access token and a refresh token' });
		expect(engine.store.get(id).data.refreshToken).toBe('stored-refresh-token');
		expect(engine.store.updates).toEqual([]);
	}
});

test('SDMO: a token answer over 1 MB is not read and nothing is stored', async () => {
	tokenAnswer = () => ({ status: 200, body: { ...oversized, urls: { apps: { sdmo: { graphQL: `${server.origin}/api` } } } } });
	const engine = sdmoEngine();
	const id = addSdmo(engine, 'sdmo-oversized');
	const outcome = await testCredential(engine, id);
	expect(outcome).toEqual({ status: 'Error', message: "The answer of Sage DMO's token endpoint is larger than 1 MB; it was not used" });
	expect(server.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /v1/token']);
	expect(engine.store.updates).toEqual([]);
});

test('SDMO: an answer without access_token stops the run before any GraphQL request', async () => {
	tokenAnswer = () => ({ status: 200, body: { token_type: 'Bearer', urls: { apps: { sdmo: { graphQL: `${server.origin}/api` } } } } });
	const engine = sdmoEngine();
	const id = addSdmo(engine, 'sdmo-no-token');
	const result = await engine.run({ type: 'sageDmo', parameters: sdmoQuery, credentials: { sageDmoApi: id } });
	expect(result.error?.message).toContain('Sage DMO token response has no access_token');
	expect(server.hits.every((hit) => hit.method === 'POST' && hit.path === '/v1/token')).toBe(true);
	expect(engine.store.updates).toEqual([]);
});

test('SDMO: Sage\'s own words of a refused token request reach the user', async () => {
	tokenAnswer = () => ({ status: 400, body: { error: 'invalid_scope', error_description: 'Unknown tenant "tenant"' } });
	const engine = sdmoEngine();
	const id = addSdmo(engine, 'sdmo-refused');
	const outcome = await testCredential(engine, id);
	expect(outcome).toEqual({ status: 'Error', message: 'Sage DMO token request failed (HTTP 400): Unknown tenant "tenant"' });
	expect(server.hits).toHaveLength(1);
});
