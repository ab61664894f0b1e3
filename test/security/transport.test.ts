/**
 * A Sage host that misbehaves or was taken over, against the shared transport every node sends
 * through: redirects never move a credential, and no answer can exhaust n8n's memory.
 * Each case runs inside n8n's execution engine with n8n's real HTTP client.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

import { Sage200OAuth2Api } from '../../credentials/Sage200OAuth2Api.credentials';
import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { Engine } from '../harness/engine';
import { TransportProbe, probeCredential } from '../transport/transport-probe';

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

interface Host {
	url: string;
	/** Every request that reached this host, with its headers. */
	received: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders }>;
	handle(handler: Handler): void;
	close(): Promise<void>;
}

async function startHost(): Promise<Host> {
	let handler: Handler = (_request, response) => response.end('{}');
	const received: Host['received'] = [];
	const server = http.createServer((request, response) => {
		received.push({ method: request.method, url: request.url, headers: request.headers });
		request.resume();
		handler(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		handle: (next) => {
			handler = next;
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}

let sage: Host;
let other: Host;
let engine: Engine;
const TOKEN = 'probe-token-7f3a';

async function probe(request: object) {
	engine.addCredential('probe', 'probeApi', { token: TOKEN });
	return await engine.run({
		type: 'transportProbe',
		parameters: { request: JSON.stringify(request), connection: JSON.stringify({ allowedUrls: [sage.url] }) },
		credentials: { probeApi: 'probe' },
	});
}

const redirectTo = (status: number, location: () => string): Handler => (_request, response) => {
	response.writeHead(status, { location: location() });
	response.end();
};

beforeAll(async () => {
	sage = await startHost();
	other = await startHost();
	engine = new Engine({ nodes: { transportProbe: new TransportProbe(), sage200: new Sage200() }, credentials: [probeCredential, new Sage200OAuth2Api()] });
});

afterAll(async () => {
	await sage.close();
	await other.close();
});

beforeEach(() => {
	sage.received.length = 0;
	other.received.length = 0;
	other.handle((_request, response) => response.end('{"stolen":true}'));
});

describe('redirects are never followed with credentials', () => {
	test.each([
		[302, 'GET'],
		[307, 'GET'],
		[302, 'POST'],
		[307, 'POST'],
		[308, 'PUT'],
	])('%s on a %s to another host: an error naming that host, nothing sent there', async (status, method) => {
		sage.handle(redirectTo(status, () => `${other.url}/collect?x=1`));
		const result = await probe({ method, url: `${sage.url}/data`, body: { secret: 'payload' }, action: 'Reading data' });
		const error = result.error as any;
		expect(error?.message).toBe(
			`Reading data failed: Sage answered with a redirect (HTTP ${status}) to ${other.url}; it was not followed and nothing was sent there`,
		);
		expect(error.httpCode).toBe(String(status));
		expect(sage.received).toHaveLength(1);
		expect(other.received).toHaveLength(0);
	});

	test('a redirect to the same host is not followed either: an API call is never redirected by Sage', async () => {
		sage.handle(redirectTo(302, () => `${sage.url}/elsewhere`));
		const result = await probe({ method: 'GET', url: `${sage.url}/data` });
		expect((result.error as any)?.message).toMatch(/redirect \(HTTP 302\)/);
		expect(sage.received.map((request) => request.url)).toEqual(['/data']);
	});

	test('Sage 200: a 307 from the API host sends neither the token, the subscription key nor the company to the other host', async () => {
		sage.handle(redirectTo(307, () => `${other.url}/api/customers`));
		engine.addCredential('s200', 'sage200OAuth2Api', {
			clientId: 'client',
			clientSecret: 'secret',
			subscriptionApiKey: 'subscription-key-5c1e',
			apiBaseUrl: `${sage.url}/api/`,
			oauthTokenData: { access_token: 'sage200-access-91d2', refresh_token: 'r', token_type: 'Bearer' },
		});
		const result = await engine.run({
			type: 'sage200',
			parameters: { site: { __rl: true, mode: 'id', value: '8f2a3b1c-0d4e-4f5a-9b6c-7d8e9f0a1b2c' }, company: { __rl: true, mode: 'id', value: '1' }, resource: 'customer', operation: 'getAll', limit: 5 },
			credentials: { sage200OAuth2Api: 's200' },
			continueOnFail: true,
		});
		expect(JSON.stringify(result.items[0]?.json ?? result.error)).toMatch(/redirect \(HTTP 307\)/);
		expect(sage.received.length).toBeGreaterThan(0);
		expect(sage.received[0].headers['ocp-apim-subscription-key']).toBe('subscription-key-5c1e');
		expect(other.received).toHaveLength(0);
	});
});

describe('downloads: a pre-signed redirect is followed by hand, only to the credential\'s hosts, without credentials', () => {
	test('to an allowed URL: followed, with no Authorization header on the second hop', async () => {
		sage.handle((request, response) => {
			if (request.url === '/file') return redirectTo(302, () => `${sage.url}/signed/file?sig=abc`)(request, response);
			response.writeHead(200, { 'content-type': 'text/csv' });
			response.end('code;name\nC1;One\n');
		});
		const result = await probe({ method: 'GET', url: `${sage.url}/file`, binary: true, followRedirectWithoutCredentials: true });
		expect(result.error).toBeUndefined();
		expect(Buffer.from(result.items[0].json.body as any).toString()).toBe('code;name\nC1;One\n');
		expect(sage.received.map((request) => request.url)).toEqual(['/file', '/signed/file?sig=abc']);
		expect(sage.received[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
		expect(sage.received[1].headers.authorization).toBeUndefined();
	});

	test.each([
		['another host', () => `${other.url}/file`],
		['plain http off loopback', () => 'http://files.example.com/file'],
	])('to %s: refused, nothing sent there', async (_label, location) => {
		sage.handle(redirectTo(302, location));
		const result = await probe({ method: 'GET', url: `${sage.url}/file`, binary: true, followRedirectWithoutCredentials: true });
		expect((result.error as any)?.message).toMatch(/redirect \(HTTP 302\).*it was not followed and nothing was sent there/);
		expect(other.received).toHaveLength(0);
	});

	test('a redirect loop stops after 3 hops', async () => {
		sage.handle(redirectTo(302, () => `${sage.url}/again`));
		const result = await probe({ method: 'GET', url: `${sage.url}/file`, binary: true, followRedirectWithoutCredentials: true });
		expect((result.error as any)?.description).toMatch(/at most 3 redirects/);
		expect(sage.received).toHaveLength(4);
	});
});

describe('response size', () => {
	test('a JSON answer over the limit fails the request instead of being read', async () => {
		sage.handle((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ rows: 'x'.repeat(2 * 1024 * 1024) }));
		});
		const result = await probe({ method: 'GET', url: `${sage.url}/big`, maxResponseBytes: 1024 * 1024, action: 'Listing' });
		expect((result.error as any)?.message).toBe('Listing failed: the answer from Sage is larger than 1 MB; it was not read');
	});

	test('a declared content-length over the default 64 MB is refused before any of the body is read', async () => {
		let written = 0;
		sage.handle((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) });
			written = 1024;
			response.write('['.padEnd(1024, ' '));
			// The rest never comes: a reader that waited for it would hang until the timeout.
		});
		const started = Date.now();
		const result = await probe({ method: 'GET', url: `${sage.url}/declared` });
		expect((result.error as any)?.message).toMatch(/larger than 64 MB/);
		expect(written).toBe(1024);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	async function gzipBomb(megabytes: number): Promise<Buffer> {
		const gzip = zlib.createGzip({ level: 9 });
		const parts: Buffer[] = [];
		gzip.on('data', (chunk: Buffer) => parts.push(chunk));
		const zeros = Buffer.alloc(1024 * 1024);
		for (let i = 0; i < megabytes; i++) gzip.write(zeros);
		await new Promise((resolve) => gzip.end(resolve));
		return Buffer.concat(parts);
	}

	test.each([
		['with its size on the wire declared', true, /^Downloading export.csv failed: The compressed response inflated more than 200 times/],
		['sent chunked, size unknown', false, /^Downloading export.csv failed: the answer from Sage is larger than 100 MB; it was not read/],
	])('a gzip bomb (200 KB inflating to 200 MB) %s fails the download without keeping it', async (_label, declared, message) => {
		const bomb = await gzipBomb(200);
		expect(bomb.length).toBeLessThan(300 * 1024);
		sage.handle((_request, response) => {
			response.writeHead(200, {
				'content-type': 'application/octet-stream',
				'content-encoding': 'gzip',
				...(declared ? { 'content-length': String(bomb.length) } : {}),
			});
			response.end(bomb);
		});
		const before = process.memoryUsage().rss;
		const result = await probe({ method: 'GET', url: `${sage.url}/export.csv`, binary: true, action: 'Downloading export.csv' });
		const grown = process.memoryUsage().rss - before;
		expect((result.error as any)?.message).toMatch(message);
		// Today's limit is what a bomb can cost at most: the 200 MB are never held.
		expect(grown).toBeLessThan(150 * 1024 * 1024);
	});

	test('an answer that inflates moderately (a real export) is read whole', async () => {
		const csv = Array.from({ length: 40_000 }, (_value, index) => `C${index};Customer ${index};FR;${index * 7}`).join('\n');
		const gz = zlib.gzipSync(Buffer.from(csv));
		sage.handle((_request, response) => {
			response.writeHead(200, { 'content-type': 'text/csv', 'content-encoding': 'gzip' });
			response.end(gz);
		});
		const result = await probe({ method: 'GET', url: `${sage.url}/export.csv`, binary: true });
		expect(result.error).toBeUndefined();
		expect(Buffer.from(result.items[0].json.body as any).toString()).toBe(csv);
	});

	test('an error answer is read only for its message', async () => {
		sage.handle((_request, response) => {
			response.writeHead(400, { 'content-type': 'application/json' });
			response.end(JSON.stringify({ $message: 'Bad filter', padding: 'x'.repeat(5 * 1024 * 1024) }));
		});
		const result = await probe({ method: 'GET', url: `${sage.url}/bad`, action: 'Listing' });
		// Cut at 256 KB, the JSON no longer parses: the text is shown, shortened, not the 5 MB.
		const error = result.error as any;
		expect(error?.httpCode).toBe('400');
		expect(String(error?.message).length).toBeLessThan(1000);
	});
});
