/*
 * Paging against a Sage host that never says "done" (issue 16, findings 2, 3 and 9's fragments;
 * issue 17, finding 5). Each shape is served by a small misbehaving server on 127.0.0.1 (Sage 200)
 * or by the sandbox answering its routes with endless pages (X3 GraphQL, data delivery). The
 * servers stop on their own after a few thousand pages, so code without the guards ends too:
 * with every page and no error.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Sage200OAuth2Api } from '../../credentials/Sage200OAuth2Api.credentials';
import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { PAGING_LIMITS } from '../../nodes/shared/utils/paging-limits';
import { Engine } from '../harness/engine';
import { addPairedCredential, folder, newEngine, runX3, startX3Sandbox, type Sandbox } from '../x3/setup';

// ---- Sage 200: a list endpoint that misbehaves, chosen by the first path segment --------------

type Shape = (skip: number, top: number, seen: number) => { rows: IDataObject[]; headers?: Record<string, string>; body?: unknown };

/** A server stops after this many pages whatever it claims, so unguarded paging ends (without an error). */
const SERVER_STOPS_AFTER = PAGING_LIMITS.maxPages + 500;

const rows = (from: number, count: number) => Array.from({ length: count }, (_, n) => ({ id: from + n + 1, reference: `C${from + n + 1}` }));

const SHAPES: Record<string, Shape> = {
	// A full first page and a total of 10^15, in the header or in the OData envelope.
	'total-header': (skip, top) => ({ rows: rows(skip, top), headers: { 'x-total-count': '1000000000000000' } }),
	'total-odata': (skip, top) => ({ rows: [], body: { value: rows(skip, top), '@odata.count': 1e15 } }),
	// $skip ignored, no total: the first page again and again (for 200 requests).
	'ignores-skip': (_skip, top, seen) => ({ rows: seen > 200 ? [] : rows(0, top) }),
	// New full pages forever, no total.
	endless: (skip, top) => ({ rows: rows(skip, top) }),
};

let s200Server: http.Server;
let s200Url: string;
const s200Requests: Record<string, number> = {};

beforeAll(async () => {
	s200Server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const shapeName = url.pathname.split('/')[1];
		const shape = SHAPES[shapeName];
		const seen = (s200Requests[shapeName] = (s200Requests[shapeName] ?? 0) + 1);
		if (!shape || !url.pathname.endsWith('/customers')) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ $message: `No route ${url.pathname}` }));
			return;
		}
		const top = Number(url.searchParams.get('$top') ?? 50);
		const skip = Number(url.searchParams.get('$skip') ?? 0);
		const page = seen > SERVER_STOPS_AFTER ? { rows: [] as IDataObject[] } : shape(skip, top, seen);
		res.writeHead(200, { 'content-type': 'application/json', ...(page.headers ?? {}) });
		res.end(JSON.stringify(page.body ?? page.rows));
	});
	await new Promise<void>((resolve) => s200Server.listen(0, '127.0.0.1', resolve));
	s200Url = `http://127.0.0.1:${(s200Server.address() as { port: number }).port}`;
});

afterAll(async () => {
	s200Server.closeAllConnections();
	await new Promise<void>((resolve) => s200Server.close(() => resolve()));
});

const SITE = { __rl: true, mode: 'id', value: '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01' };
const COMPANY = { __rl: true, mode: 'id', value: '1' };

async function runSage200(shape: string, parameters: INodeParameters) {
	const engine = new Engine({ nodes: { sage200: new Sage200() }, credentials: [new Sage200OAuth2Api()] });
	engine.addCredential('c1', 'sage200OAuth2Api', {
		clientId: 'client',
		clientSecret: 'secret',
		authUrl: 'https://id.sage.com/authorize',
		accessTokenUrl: 'https://id.sage.com/oauth/token',
		edition: 'sage200extra',
		apiBaseUrl: `${s200Url}/${shape}/`,
		subscriptionApiKey: 'subscription-key',
		oauthTokenData: { access_token: 'access-token', token_type: 'Bearer', refresh_token: 'refresh-token' },
	});
	s200Requests[shape] = 0;
	return await engine.run({ type: 'sage200', parameters: { site: SITE, company: COMPANY, ...parameters }, credentials: { sage200OAuth2Api: 'c1' } });
}

/** Run the node in a child process (TypeScript transpiled on require): a V8 abort there cannot take jest with it. */
async function runSage200InChild(shape: string, parameters: INodeParameters): Promise<{ code: number | null; signal: string | null; output: IDataObject }> {
	const child = spawn(process.execPath, ['--max-old-space-size=768', path.join(__dirname, 'sage200-child.js'), JSON.stringify({ apiBaseUrl: `${s200Url}/${shape}/`, parameters })], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	child.stdout.on('data', (chunk) => (stdout += chunk));
	child.stderr.resume();
	const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])));
	const line = stdout.trim().split('\n').pop() ?? '';
	let output: IDataObject = {};
	try {
		output = JSON.parse(line) as IDataObject;
	} catch {
		output = { unparsed: stdout.slice(-500) };
	}
	return { code, signal, output };
}

const RETURN_ALL: INodeParameters = { resource: 'customer', operation: 'getAll', returnAll: true };

describe('Sage 200 Return All: a server-reported total never drives an allocation', () => {
	test.each(['total-header', 'total-odata'])('a total of 10^15 (%s) is an error item; the process lives', async (shape) => {
		const { code, signal, output } = await runSage200InChild(shape, RETURN_ALL);
		expect({ code, signal }).toEqual({ code: 0, signal: null });
		expect(output.error).toEqual({
			name: 'NodeApiError',
			message: expect.stringMatching(/^Listing customer failed: Sage reported 1,000,000,000,000,000 records, more than one Return All reads \(1,000,000\); nothing more was requested/),
		});
		// Only the first page was asked for.
		expect(s200Requests[shape]).toBe(1);
	}, 60_000);
});

describe('Sage 200 Return All: a server that ignores $skip or never ends', () => {
	test('the same page again (no total) stops with a clear error after the second page', async () => {
		const result = await runSage200('ignores-skip', { ...RETURN_ALL, listOptions: { pageSize: 100, concurrency: 1 } });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Listing customer failed: Sage returned the same page twice in a row (the paging position was ignored); paging stopped');
		expect(s200Requests['ignores-skip']).toBe(2);
	});

	test(`new full pages forever (no total) stop at the page ceiling (${PAGING_LIMITS.maxPages})`, async () => {
		const result = await runSage200('endless', { ...RETURN_ALL, listOptions: { pageSize: 1, concurrency: 8 } });
		expect(result.error?.message).toBe(`Listing customer failed: Sage still announced more after ${PAGING_LIMITS.maxPages.toLocaleString('en-US')} pages; paging stopped at that ceiling`);
		// At most one batch of concurrent pages beyond the ceiling.
		expect(s200Requests.endless).toBeGreaterThanOrEqual(PAGING_LIMITS.maxPages);
		expect(s200Requests.endless).toBeLessThan(PAGING_LIMITS.maxPages + 8);
	}, 120_000);
});

// ---- X3: the sandbox's GraphQL and data delivery routes answering with endless pages ----------

let x3: Sandbox;
let x3Engine: ReturnType<typeof newEngine>;
let x3Credential: string;

beforeAll(async () => {
	x3 = await startX3Sandbox({ customers: 30, suppliers: 2, salesOrders: 2 });
	x3Engine = newEngine();
	x3Credential = addPairedCredential(x3Engine, x3).id;
});

afterAll(async () => {
	await x3.close();
});

beforeEach(() => {
	x3?.server.clearFaults();
	x3?.server.resetCounters();
});

/**
 * Every request to `route` is answered 200 with the page `pageFor(n)` builds for its n-th
 * request (the sandbox serialises a fault's body, and toJSON makes that a new page each time).
 * After `stopAfter` requests the server says it is done.
 */
function serveEndless(route: string, pageFor: (n: number, last: boolean) => unknown, stopAfter = SERVER_STOPS_AFTER) {
	let n = 0;
	x3.server.setFaults([{ route, kind: 200, body: { toJSON: () => pageFor(++n, n >= stopAfter) } }]);
}

const connectionPage = (nodes: IDataObject[], endCursor: string, hasNextPage: boolean) => ({
	data: { sage: { x3BusinessPartners: { customer: { edges: nodes.map((node) => ({ node, cursor: endCursor })), pageInfo: { hasNextPage, endCursor } } } } },
});

const PAGED_QUERY = '{ sage { x3BusinessPartners { customer(first: 100) { edges { node { code } } } } } }';

const runPagedGraphql = async (query = PAGED_QUERY) =>
	await runX3(x3Engine, x3Credential, {
		parameters: {
			resource: 'graphql',
			operation: 'execute',
			folder: folder('SEED'),
			query,
			paginate: true,
			connectionPath: 'sage.x3BusinessPartners.customer',
			returnAll: true,
		} as never,
	});

describe('GraphQL connection paging (X3 and SDMO Get Many, GraphQL Execute)', () => {
	test(`empty pages that still say hasNextPage with a new cursor stop after ${PAGING_LIMITS.maxEmptyPages}`, async () => {
		serveEndless('x3.graphql', (n, last) => connectionPage([], `cursor-${n}`, !last));
		const result = await runPagedGraphql();
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe(
			`Running the GraphQL query failed: Sage returned ${PAGING_LIMITS.maxEmptyPages} empty pages in a row that still announce more; paging stopped`,
		);
		expect(x3.server.count('x3.graphql')).toBe(PAGING_LIMITS.maxEmptyPages);
	});

	test(`pages of new records with new cursors forever stop at the record ceiling (${PAGING_LIMITS.maxRecords.toLocaleString('en-US')})`, async () => {
		const perPage = 1000;
		const nodes = Array.from({ length: perPage }, (_, index) => ({ code: `C${index}` }));
		serveEndless('x3.graphql', (n, last) => connectionPage(nodes, `cursor-${n}`, !last), PAGING_LIMITS.maxRecords / perPage + 50);
		const result = await runPagedGraphql();
		expect(result.error?.message).toBe(
			`Running the GraphQL query failed: Sage still announced more after ${PAGING_LIMITS.maxRecords.toLocaleString('en-US')} records; paging stopped at that ceiling`,
		);
		expect(x3.server.count('x3.graphql')).toBe(PAGING_LIMITS.maxRecords / perPage);
	}, 120_000);

	test('a cursor seen before stops paging (regression: also caught before the shared guard)', async () => {
		serveEndless('x3.graphql', (n) => connectionPage([{ code: `C${n}` }], `cursor-${n % 3}`, true));
		const result = await runPagedGraphql();
		expect(result.error?.message).toBe('Running the GraphQL query failed: Sage returned the same cursor twice (cursor-1); paging stopped');
		expect(x3.server.count('x3.graphql')).toBe(4);
	});

	test('a paged query keeps the fragments it spreads (and only those)', async () => {
		const result = await runPagedGraphql(
			[
				'query Customers { sage { x3BusinessPartners { customer(first: 7) { edges { node { ...Names } } } } } }',
				'fragment Names on Customer { code ...Company }',
				'fragment Company on Customer { companyName }',
				'fragment Unused on Customer { code }',
			].join('\n'),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(result.items[0].json).toEqual({ code: expect.any(String), companyName: expect.any(String) });
		const sent = JSON.parse(String(x3.server.log.find((entry: IDataObject) => entry.name === 'x3.graphql').rawBody));
		expect(sent.query).toContain('fragment Names on Customer');
		expect(sent.query).toContain('fragment Company on Customer');
		expect(sent.query).not.toContain('fragment Unused');
	});
});

const delivery = (parameters: IDataObject, items?: IDataObject[]) =>
	runX3(x3Engine, x3Credential, { parameters: { resource: 'dataDelivery', folder: folder('SEED'), ...parameters } as never, items: items as never });

describe('X3 data delivery listing', () => {
	const deliveryPage = (items: IDataObject[], continuationToken: string, isTruncated: boolean) => ({ isTruncated, items, continuationToken });

	test(`endless empty pages with new continuation tokens stop after ${PAGING_LIMITS.maxEmptyPages}`, async () => {
		serveEndless('x3.delivery.list', (n, last) => deliveryPage([], `token-${n}`, !last));
		const result = await delivery({ operation: 'listFiles' });
		expect(result.error?.message).toBe(
			`Listing Sage X3 data delivery files failed: Sage returned ${PAGING_LIMITS.maxEmptyPages} empty pages in a row that still announce more; paging stopped`,
		);
		expect(x3.server.count('x3.delivery.list')).toBe(PAGING_LIMITS.maxEmptyPages);
	});

	test(`pages of new files with new tokens forever stop at the page ceiling (${PAGING_LIMITS.maxPages.toLocaleString('en-US')})`, async () => {
		serveEndless('x3.delivery.list', (n, last) => deliveryPage([{ key: `F${n}.csv` }], `token-${n}`, !last));
		const result = await delivery({ operation: 'listFiles' });
		expect(result.error?.message).toBe(
			`Listing Sage X3 data delivery files failed: Sage still announced more after ${PAGING_LIMITS.maxPages.toLocaleString('en-US')} pages; paging stopped at that ceiling`,
		);
		expect(x3.server.count('x3.delivery.list')).toBe(PAGING_LIMITS.maxPages);
	}, 120_000);

	test('a listing stopped by the guard fails every item of the run without listing again per item', async () => {
		serveEndless('x3.delivery.list', (n, last) => deliveryPage([], `token-${n}`, !last));
		const keys = Array.from({ length: 20 }, (_, index) => ({ key: `SEED_FILE_${index}.csv` }));
		const result = await runX3(x3Engine, x3Credential, {
			parameters: { resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: '={{ $json.key }}', binaryPropertyName: 'data' } as never,
			items: keys as never,
			continueOnFail: true,
		});
		expect(result.items).toHaveLength(20);
		for (const item of result.items) expect(item.json.error).toMatch(/empty pages in a row that still announce more/);
		expect(x3.server.count('x3.delivery.list')).toBe(PAGING_LIMITS.maxEmptyPages);
	});

	test('List Files → Download of 120 files costs one listing (the List Files one); 100 downloads by key cost one listing', async () => {
		const files = x3.x3.deliveryFiles('SEED') as Array<{ key: string }>;
		const pagesPerListing = Math.ceil(files.length / 50);
		const step = (parameters: IDataObject) => ({ type: 'sageX3', credentials: { sageX3Api: x3Credential }, parameters: { resource: 'dataDelivery', folder: folder('SEED'), ...parameters } as never });
		const [listed, downloaded] = await x3Engine.runChain([
			step({ operation: 'listFiles' }),
			step({ operation: 'download', file: '={{ $json.key }}', binaryPropertyName: 'data' }),
		]);
		expect(listed.items).toHaveLength(files.length);
		expect(downloaded.error).toBeUndefined();
		expect(downloaded.items.map((item) => item.binary?.data?.fileName)).toEqual(files.map((file) => file.key).sort());
		expect(x3.server.count('x3.delivery.list')).toBe(pagesPerListing);
		expect(x3.server.count('x3.delivery.download')).toBe(files.length);

		// Keys alone (no URLs on the items): one listing for the whole run, however many items.
		x3.server.resetCounters();
		const byKey = await delivery({ operation: 'download', file: '={{ $json.name }}', binaryPropertyName: 'data' }, files.slice(0, 100).map((file) => ({ name: file.key })));
		expect(byKey.error).toBeUndefined();
		expect(byKey.items).toHaveLength(100);
		expect(x3.server.count('x3.delivery.list')).toBe(pagesPerListing);
		expect(x3.server.count('x3.delivery.download')).toBe(100);

		// A URL on the item outside the folder asked for is not trusted as a shortcut: the listing decides.
		x3.server.resetCounters();
		const [first] = files;
		const elsewhere = await delivery({ operation: 'delete', file: '={{ $json.key }}' }, [{ key: first.key, downloadUrl: 'http://127.0.0.1:1/datadelivery/OTHER/files/x.csv' }]);
		expect(elsewhere.error).toBeUndefined();
		expect(elsewhere.items[0].json).toEqual({ key: first.key, deleted: true });
		expect(x3.server.count('x3.delivery.list')).toBe(pagesPerListing);
		expect(x3.server.count('x3.delivery.delete')).toBe(1);
	});
});
