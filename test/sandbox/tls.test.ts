/* The sandbox's HTTPS mode (test/sandbox/core.js, tls.js): its own CA, and latency per round trip, connection set-up included. */
export {};
const https = require('node:https');
const { startSandbox } = require('./index');

type Box = any;

const LATENCY = 60;

/** One GET of `path`; resolves with the status and the milliseconds it took. */
function get(box: Box, path: string, options: Record<string, unknown>): Promise<{ status: number; ms: number }> {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const req = https.get(`${box.url}${path}`, options, (res: any) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
		});
		req.on('error', reject);
	});
}

describe('sandbox over HTTPS', () => {
	let box: Box;

	beforeAll(async () => {
		box = await startSandbox({ tls: true, latencyMs: LATENCY, sage200: { customers: 10 } });
	});
	afterAll(async () => {
		await box.close();
	});

	it('serves https URLs, the products included, with a CA file to trust', () => {
		expect(box.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		expect(box.sage200.demo.baseUrl.startsWith(`${box.url}/`)).toBe(true);
		expect(box.x3.gatewayUrl('eu').startsWith(`${box.url}/`)).toBe(true);
		expect(require('node:fs').readFileSync(box.tls.caPath, 'utf8')).toBe(box.tls.ca);
		expect(box.tls.ca).toContain('BEGIN CERTIFICATE');
	});

	it('is not trusted without its CA', async () => {
		await expect(get(box, '/s200/nothing', { agent: false })).rejects.toThrow(/self-signed|unable to verify|certificate/i);
	});

	it('charges a new connection three round trips (TCP, TLS, the request) and a kept-alive one one', async () => {
		box.server.resetCounters();
		const fresh = await get(box, '/s200/nothing', { ca: box.tls.ca, agent: false });
		expect(fresh.status).toBe(404);
		expect(fresh.ms).toBeGreaterThanOrEqual(3 * LATENCY - 2);
		expect(box.server.connections).toBe(1);

		const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: box.tls.ca });
		try {
			const first = await get(box, '/s200/nothing', { agent });
			const second = await get(box, '/s200/nothing', { agent });
			expect(first.ms).toBeGreaterThanOrEqual(3 * LATENCY - 2);
			expect(second.ms).toBeGreaterThanOrEqual(LATENCY - 2);
			expect(second.ms).toBeLessThan(2.5 * LATENCY);
			// The second request went over the first one's connection: no new handshake.
			expect(box.server.connections).toBe(2);
			expect(box.server.count('unmatched')).toBe(3);
			// A connection's first request counts as sent when the connection was opened, before its set-up's waits.
			const [, opened, reused] = box.server.log;
			expect(opened.receivedAt - opened.sentAt).toBeGreaterThanOrEqual(2 * LATENCY - 2);
			expect(reused.sentAt).toBe(reused.receivedAt);
			expect(reused.answeredAt).toBeGreaterThanOrEqual(reused.receivedAt + LATENCY - 2);
		} finally {
			agent.destroy();
		}
	});

	it('answers the products over TLS', async () => {
		const demo = box.sage200.demo;
		const token = box.sage200.issue().access_token;
		const res = await fetchJson(box, `${demo.baseUrl}customers?$top=2`, { authorization: `Bearer ${token}`, 'ocp-apim-subscription-key': demo.subscriptionKey, 'x-site': demo.siteId, 'x-company': '1' });
		expect(res.status).toBe(200);
		expect(res.body).toHaveLength(2);
	});
});

describe('sandbox over plain HTTP', () => {
	it('keeps one round trip a request, a new connection included', async () => {
		const box = await startSandbox({ latencyMs: LATENCY });
		try {
			expect(box.url).toMatch(/^http:\/\//);
			expect(box.tls).toBeUndefined();
			const http = require('node:http');
			const started = performance.now();
			const status = await new Promise((resolve, reject) => {
				http.get(`${box.url}/s200/nothing`, { agent: false }, (res: any) => {
					res.resume();
					res.on('end', () => resolve(res.statusCode));
				}).on('error', reject);
			});
			const ms = performance.now() - started;
			expect(status).toBe(404);
			expect(ms).toBeGreaterThanOrEqual(LATENCY - 2);
			expect(ms).toBeLessThan(2.5 * LATENCY);
			expect(box.server.connections).toBe(1);
		} finally {
			await box.close();
		}
	});
});

function fetchJson(box: Box, url: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
	return new Promise((resolve, reject) => {
		https
			.get(url, { ca: box.tls.ca, agent: false, headers }, (res: any) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
			})
			.on('error', reject);
	});
}
