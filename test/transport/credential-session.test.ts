/*
 * A node run reads its credential once and renews the token once, however many requests it sends
 * at the same time (nodes/shared/transport/credential-session.ts).
 */
import type { Engine } from '../harness/engine';
import {
	addSage200Credential,
	addSdmoCredential,
	addX3Credential,
	allNodesEngine,
	beforeNthRequest,
	captureLogs,
	runSage200,
	runSdmo,
	runX3,
	x3Folder,
	type Json,
} from '../reliability/support';

const { startSandbox } = require('../sandbox');

let sandbox: Json;
let engine: Engine;

beforeAll(async () => {
	captureLogs();
	sandbox = await startSandbox({ sage200: { customers: 3000 } });
	engine = allNodesEngine();
});

afterAll(async () => await sandbox.close());

beforeEach(() => {
	sandbox.server.clearFaults();
	sandbox.server.resetCounters();
	engine.store.reads = 0;
});

const count = (route: string) => sandbox.server.count(route);
const x3Codes = (n: number): string[] => sandbox.x3.customers().slice(0, n).map((customer: Json) => customer.code as string);
const x3GetByCode = { resource: 'customer', operation: 'get', folder: x3Folder('SEED'), code: '={{ $json.code }}', fields: 'code' };
const sdmoGetById = { resource: 'customer', operation: 'get', recordId: '={{ $json.key }}', options: { fields: '_id' } };
const sdmoItems = (n: number) => Array.from({ length: n }, (_, index) => ({ key: String(index + 1) }));
const sage200GetAll = { resource: 'customer', operation: 'getAll', returnAll: true, listOptions: { pageSize: 200, concurrency: 8, select: 'id' } };

describe('one credential read per node run', () => {
	test('X3: 1,000 lookups in 10 concurrent batches read the credential once', async () => {
		const credential = addX3Credential(engine, sandbox);
		const codes = x3Codes(1000);
		const result = await runX3(engine, credential, x3GetByCode, codes.map((code) => ({ code })));
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.code)).toEqual(codes);
		// One introspection of the folder schema, then 10 batches.
		expect(count('x3.graphql')).toBe(1 + 10);
		// The first token exchange is the only other read: n8n re-reads what it persists.
		expect(engine.store.reads).toBeLessThanOrEqual(2);
	});

	test('SDMO: 1,000 reads by id read the credential once', async () => {
		const credential = addSdmoCredential(engine, sandbox);
		const result = await runSdmo(engine, credential, sdmoGetById, sdmoItems(1000));
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1000);
		expect(count('sdmo.token')).toBe(1);
		expect(engine.store.reads).toBeLessThanOrEqual(2);
	});

	test('Sage 200: 15 pages fetched 8 at a time read the credential once', async () => {
		const credential = addSage200Credential(engine, sandbox);
		const result = await runSage200(engine, sandbox, credential, sage200GetAll);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3000);
		expect(count('s200.customers.list')).toBe(15);
		expect(engine.store.reads).toBeLessThanOrEqual(2);
	});
});

describe('a token that expires under concurrent requests is renewed once', () => {
	test('X3: the access token expires while lookup batches are in flight: one token exchange, every item found', async () => {
		const credential = addX3Credential(engine, sandbox);
		expect((await runX3(engine, credential, { resource: 'folder', operation: 'list' })).error).toBeUndefined();
		sandbox.server.resetCounters();
		const restore = beforeNthRequest(sandbox.server, 'x3.graphql', 6, () => sandbox.x3.expireAccessTokens());
		try {
			const codes = x3Codes(1000);
			const result = await runX3(engine, credential, x3GetByCode, codes.map((code) => ({ code })));
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json.code)).toEqual(codes);
			// A single-use refresh token spent twice would have ended in "pair again".
			expect(count('x3.token')).toBe(1);
			const refused = sandbox.server.log.filter((entry: Json) => entry.name === 'x3.graphql' && entry.status === 401).length;
			expect(refused).toBeGreaterThanOrEqual(1);
			expect(count('x3.graphql')).toBe(1 + 10 + refused);
			expect(engine.store.get(credential).data.refreshToken).toBe(sandbox.x3.issuedRefreshTokens.at(-1));
		} finally {
			restore();
		}
	});

	test('X3: a never-used credential sends its first batches after one token exchange', async () => {
		const credential = addX3Credential(engine, sandbox);
		const codes = x3Codes(1000);
		const result = await runX3(engine, credential, x3GetByCode, codes.map((code) => ({ code })));
		expect(result.error).toBeUndefined();
		expect(count('x3.token')).toBe(1);
		expect(count('x3.graphql')).toBe(1 + 10);
	});

	test('SDMO: the access token is revoked while reads are in flight: one new token, every record read', async () => {
		const credential = addSdmoCredential(engine, sandbox);
		expect((await runSdmo(engine, credential, sdmoGetById, sdmoItems(1))).error).toBeUndefined();
		sandbox.server.resetCounters();
		const restore = beforeNthRequest(sandbox.server, 'sdmo.graphql', 4, () => sandbox.sdmo.expireAccessTokens());
		try {
			const result = await runSdmo(engine, credential, sdmoGetById, sdmoItems(1000));
			expect(result.error).toBeUndefined();
			expect(result.items.map((item) => item.json._id)).toEqual(sdmoItems(1000).map((item) => item.key));
			expect(count('sdmo.token')).toBe(1);
		} finally {
			restore();
		}
	});

	test('Sage 200: the access token expires while 8 pages are in flight: one refresh, every record once', async () => {
		const credential = addSage200Credential(engine, sandbox);
		const restore = beforeNthRequest(sandbox.server, 's200.customers.list', 4, () => sandbox.sage200.expireAccessTokens());
		try {
			const result = await runSage200(engine, sandbox, credential, sage200GetAll);
			expect(result.error).toBeUndefined();
			const ids = result.items.map((item) => item.json.id);
			expect(new Set(ids).size).toBe(3000);
			expect(sandbox.sage200.tokenRequests().filter((request: Json) => request.grant_type === 'refresh_token')).toHaveLength(1);
		} finally {
			restore();
		}
	});
});
