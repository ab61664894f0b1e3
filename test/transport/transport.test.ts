/**
 * The shared transport against the sandbox's fault switches, run inside n8n's execution engine:
 * which failures are retried for reads and for writes, Retry-After, bounded attempts, timeouts,
 * every Sage error shape, and the host guard.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { Engine } from '../harness/engine';
import { TransportProbe, probeCredential } from './transport-probe';

const { startSandbox } = require('../sandbox');

let sandbox: any;
let engine: Engine;
let x3Gateway: string;
let seedGraphql: string;


async function probe(request: object, connection: object = {}, token?: string) {
	engine.addCredential('probe', 'probeApi', { token: token ?? sandbox.x3.issueTokens({ region: 'eu' }).access_token });
	return await engine.run({
		type: 'transportProbe',
		parameters: {
			request: JSON.stringify(request),
			connection: JSON.stringify({ allowedUrls: [sandbox.url], ...connection }),
		},
		credentials: { probeApi: 'probe' },
	});
}

const errorOf = (result: Awaited<ReturnType<typeof probe>>) => result.error as any;

beforeAll(async () => {
	sandbox = await startSandbox({ x3: { customers: 120 } });
	engine = new Engine({ nodes: { transportProbe: new TransportProbe() }, credentials: [probeCredential] });
	x3Gateway = `${sandbox.url}/x3/eu/v1`;
	seedGraphql = `${x3Gateway}/service/X3CLOUDV2_SEED/graphQL`;
});

afterAll(async () => sandbox.close());

beforeEach(() => {
	sandbox.server.clearFaults();
	sandbox.server.resetCounters();
});

describe('an answer whose headers started more requests', () => {
	test.each([
		[true, ['a turn of the event loop', 'parse']],
		[false, ['parse', 'a turn of the event loop']],
	])('onHeaders returning %s: the parse leaves the event loop turns first only when it sent more', async (sendsMore, order) => {
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders`, sendsMore });
		expect(result.error).toBeUndefined();
		expect((result.items[0].json.body as any).folders.map((folder: any) => folder.name)).toEqual(['SEED', 'X3']);
		// The timer of onHeaders fired by the end in either case; the parse came after it only when more was sent.
		await new Promise((resolve) => setTimeout(resolve, 5));
		expect(result.items[0].json.events).toEqual(order);
	});
});

describe('retries for reads', () => {
	test.each([
		['429 with Retry-After', { kind: 429, retryAfter: 0 }],
		['502', { kind: 502 }],
		['503', { kind: 503 }],
		['504', { kind: 504 }],
		['socket reset', { kind: 'reset' }],
	])('%s is retried until it succeeds', async (_label, fault) => {
		sandbox.server.setFaults([{ route: 'x3.folders', times: 2, ...fault }]);
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders` });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.attempts).toBe(3);
		expect((result.items[0].json.body as any).folders.map((folder: any) => folder.name)).toEqual(['SEED', 'X3']);
		expect(sandbox.server.count('x3.folders')).toBe(3);
	});

	test('a response slower than the timeout is abandoned and retried', async () => {
		sandbox.server.setFaults([{ route: 'x3.folders', times: 1, kind: 'slow', delayMs: 1500 }]);
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders` }, { timeoutMs: 300 });
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.attempts).toBe(2);
	});

	test('Retry-After is honoured before the next attempt', async () => {
		sandbox.server.setFaults([{ route: 'x3.folders', times: 1, kind: 429, retryAfter: 1 }]);
		const started = Date.now();
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders` });
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('a Retry-After beyond the allowed wait surfaces at once', async () => {
		sandbox.server.setFaults([{ route: 'x3.folders', kind: 429, retryAfter: 3600 }]);
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders` });
		expect(errorOf(result).httpCode).toBe('429');
		expect(sandbox.server.count('x3.folders')).toBe(1);
	});

	test('attempts are bounded: a permanent 503 gives up after maxAttempts with one clear error', async () => {
		sandbox.server.setFaults([{ route: 'x3.folders', kind: 503 }]);
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders`, action: 'Listing folders' }, { retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 } });
		expect(sandbox.server.count('x3.folders')).toBe(4);
		const error = errorOf(result);
		expect(error.httpCode).toBe('503');
		expect(error.message).toMatch(/^Listing folders failed: /);
		expect(error.description).toMatch(/Gave up after 4 attempts/);
	});

	test('a GraphQL query is a read: retried on 503', async () => {
		sandbox.server.setFaults([{ route: 'x3.graphql', times: 1, kind: 503 }]);
		const result = await probe({ graphql: '{ sage { x3BusinessPartners { customer(first: 2) { edges { node { code } } } } } }', url: seedGraphql });
		expect(result.error).toBeUndefined();
		expect(sandbox.server.count('x3.graphql')).toBe(2);
	});
});

describe('retries for writes', () => {
	const mutation = 'mutation { sage { x3BusinessPartners { customer { create(data: {code: "TR-1", companyName: "Retry"}) { code } } } } }';

	test.each([['502', 502], ['503', 503], ['504', 504], ['socket reset', 'reset']])(
		'a mutation is not retried after %s (it may have been applied)',
		async (_label, kind) => {
			sandbox.server.setFaults([{ route: 'x3.graphql', times: 1, kind }]);
			const result = await probe({ graphql: mutation, url: seedGraphql, isMutation: true });
			expect(result.error).toBeDefined();
			expect(sandbox.server.count('x3.graphql')).toBe(1);
		},
	);

	test('a mutation is retried after 429 (Sage did not process it) and applied exactly once', async () => {
		sandbox.server.setFaults([{ route: 'x3.graphql', times: 2, kind: 429, retryAfter: 0 }]);
		const before = sandbox.x3.mutationLog.length;
		const result = await probe({ graphql: mutation.replace('TR-1', 'TR-2'), url: seedGraphql, isMutation: true });
		expect(result.error).toBeUndefined();
		expect(sandbox.server.count('x3.graphql')).toBe(3);
		expect(sandbox.x3.mutationLog.length - before).toBe(1);
	});

	test('a DELETE is not retried after 503', async () => {
		sandbox.server.setFaults([{ route: 'x3.delivery.delete', times: 1, kind: 503 }]);
		const token = sandbox.x3.issueTokens({ region: 'eu', scope: 'api.dataDelivery' }).access_token;
		const result = await probe({ method: 'DELETE', url: `${x3Gateway}/datadelivery/SEED/files/any` }, {}, token);
		expect(errorOf(result).httpCode).toBe('503');
		expect(sandbox.server.count('x3.delivery.delete')).toBe(1);
	});

	test('connection refused is retried for writes too, and bounded', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const result = await probe(
			{ method: 'POST', url: `http://127.0.0.1:${port}/x`, body: { a: 1 } },
			{ allowedUrls: [`http://127.0.0.1:${port}`], retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
		);
		const error = errorOf(result);
		expect(error.message).toMatch(/refused the connection/);
		expect(error.description).toMatch(/Gave up after 3 attempts/);
	});
});

describe('Sage error shapes become NodeApiError with Sage\'s message and status', () => {
	test('X3 500 {$severity,$dataCode,$message,$source}', async () => {
		sandbox.x3.failGraphQL(1);
		const result = await probe({ graphql: '{ sage { x3BusinessPartners { customer(first: 1) { edges { node { code } } } } } }', url: seedGraphql });
		const error = errorOf(result);
		expect(error.name).toBe('NodeApiError');
		expect(error.httpCode).toBe('500');
		expect(error.message).toMatch(/\S/);
		expect(error.description).toMatch(/Sage code /);
	});

	test('GraphQL 400 errors[].message', async () => {
		const result = await probe({ graphql: '{ sage { x3BusinessPartners { customer(first: 500) { edges { node { code } } } } } }', url: seedGraphql });
		const error = errorOf(result);
		expect(error.httpCode).toBe('400');
		expect(error.message).toMatch(/first must not exceed 100/);
	});

	test('GraphQL errors with HTTP 200 and SDMO extensions.diagnoses', async () => {
		const { clientId, clientSecret, tenantId } = sandbox.sdmo.demo;
		const tokenResponse = await fetch(`${sandbox.url}/sdmo/v1/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: `tenantid:${tenantId}` }),
		});
		const token = ((await tokenResponse.json()) as any).access_token;
		const result = await probe(
			{
				graphql: 'mutation { xtremMasterData { customer { create(data: {id: "NEG1", name: "Negative", creditLimit: -5}) { _id } } } }',
				url: `${sandbox.url}/sdmo/v1/fwd/cluster-release/sdmo/api`,
				isMutation: true,
			},
			{},
			token,
		);
		const error = errorOf(result);
		expect(error.httpCode).toBe('200');
		expect(error.description).toMatch(/Diagnoses: .*creditLimit/);
	});

	test('Sage 200 APIM [{$severity,$dataCode,$message}] (HeaderNotFound)', async () => {
		const token = sandbox.sage200.issue({}).access_token;
		const result = await probe(
			{ method: 'GET', url: `${sandbox.url}/s200/api/uk/sage200extra/accounts/v1/customers`, headers: { 'ocp-apim-subscription-key': sandbox.sage200.demo.subscriptionKey, 'X-Company': '1' } },
			{},
			token,
		);
		const error = errorOf(result);
		expect(error.httpCode).toBe('400');
		expect(error.message).toMatch(/X-Site header was not found/);
		expect(error.description).toMatch(/Sage code HeaderNotFound/);
	});

	test('Sage 200 APIM 401 {statusCode, message} for a missing subscription key', async () => {
		const token = sandbox.sage200.issue({}).access_token;
		const result = await probe({ method: 'GET', url: `${sandbox.url}/s200/api/uk/sage200extra/accounts/v1/sites` }, {}, token);
		expect(errorOf(result).httpCode).toBe('401');
		expect(errorOf(result).message).toMatch(/subscription key/);
	});

	test('plain 401 {"message":"Unauthorised"} with the hint to act on', async () => {
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders` }, { unauthorizedHint: 'Pair the credential again' }, 'not-a-token');
		const error = errorOf(result);
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('Unauthorised');
		expect(error.description).toMatch(/Pair the credential again/);
	});

	test('errors carry no token or request headers', async () => {
		const token = sandbox.x3.issueTokens({ region: 'eu' }).access_token;
		sandbox.server.setFaults([{ route: 'x3.folders', kind: 503 }]);
		const result = await probe({ method: 'GET', url: `${x3Gateway}/folders` }, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }, token);
		const serialized = JSON.stringify({ ...errorOf(result), message: errorOf(result).message, description: errorOf(result).description });
		expect(serialized).not.toContain(token);
		expect(serialized.toLowerCase()).not.toContain('authorization');
	});
});

describe('host guard', () => {
	test('a URL outside the credential\'s gateway is refused before anything is sent', async () => {
		const result = await probe({ method: 'GET', url: `http://127.0.0.2:${sandbox.server.port}/x3/eu/v1/folders` });
		expect(errorOf(result).name).toBe('NodeOperationError');
		expect(errorOf(result).message).toMatch(/outside the Sage gateway/);
		expect(sandbox.server.count('x3.folders')).toBe(0);
	});

	test('a URL on the same host but outside the gateway path is refused', async () => {
		const result = await probe({ method: 'GET', url: `${sandbox.url}/sdmo/v1/token` }, { allowedUrls: [x3Gateway] });
		expect(errorOf(result).message).toMatch(/outside the Sage gateway/);
		expect(sandbox.server.count('sdmo')).toBe(0);
	});

	test('plain http is refused for anything but loopback', async () => {
		const result = await probe({ method: 'GET', url: 'http://sage.example.com/v1/folders' }, { allowedUrls: ['http://sage.example.com'] });
		expect(errorOf(result).message).toMatch(/must use https/);
	});
});
