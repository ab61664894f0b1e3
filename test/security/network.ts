/**
 * What the package tries to send, and to where, without anything leaving the machine: every
 * outgoing http/https request n8n's client opens is recorded; loopback ones go through (local
 * servers started by the tests), any other is stopped before a socket is opened. Also small
 * local servers that count and keep what reaches them.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface Attempt {
	protocol: string;
	host: string;
	port: string;
	path: string;
}

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function guardNetwork(): { attempts: Attempt[]; restore: () => void } {
	const attempts: Attempt[] = [];
	const spies = ([['http:', http], ['https:', https]] as const).map(([protocol, module]) => {
		const original = module.request.bind(module) as (...args: unknown[]) => http.ClientRequest;
		return jest.spyOn(module, 'request').mockImplementation(((...args: unknown[]) => {
			const first = args[0];
			const options = (typeof first === 'string' ? new URL(first) : first) as { hostname?: string; host?: string; port?: string | number; path?: string; pathname?: string };
			const host = String(options.hostname ?? options.host ?? '').replace(/:\d+$/, '');
			attempts.push({ protocol, host, port: String(options.port ?? ''), path: String(options.path ?? options.pathname ?? '') });
			if (!LOCAL.has(host)) throw Object.assign(new Error(`test network guard: no request leaves the machine (${host})`), { code: 'EGUARDED' });
			return original(...args);
		}) as never);
	});
	return { attempts, restore: () => spies.forEach((spy) => spy.mockRestore()) };
}

export interface Hit {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

export interface LocalServer {
	url: string;
	origin: string;
	hits: Hit[];
	close: () => Promise<void>;
}

export type Answer = (hit: Hit, server: LocalServer) => { status: number; headers?: Record<string, string>; body?: unknown };

/** A server on 127.0.0.1 that keeps every request it receives and answers with `answer`. */
export async function startLocalServer(answer: Answer): Promise<LocalServer> {
	const hits: Hit[] = [];
	const self: LocalServer = { url: '', origin: '', hits, close: async () => {} };
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const hit = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
			hits.push(hit);
			const { status, headers = {}, body } = answer(hit, self);
			const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
			response.writeHead(status, { 'content-type': 'application/json', ...headers });
			response.end(text);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const origin = `http://127.0.0.1:${port}`;
	Object.assign(self, {
		url: origin,
		origin,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	});
	return self;
}
