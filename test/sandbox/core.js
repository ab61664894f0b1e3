'use strict';
/**
 * The sandbox's HTTP core: routing, body parsing, injected latency, deterministic fault switches
 * and request counters. Product modules (x3.js, sdmo.js, sage200.js) register routes on it.
 *
 * Latency: over plain HTTP every request waits `latencyMs` before it is handled (one round trip;
 * opening a connection is free, as on loopback). Over HTTPS (`tls: { key, cert }`) a connection
 * costs what it costs over a WAN as well: the accepted connection waits `latencyMs` (TCP's
 * handshake) and `latencyMs` more before its TLS handshake is answered (TLS 1.3: one round trip),
 * then each request waits `latencyMs` as over HTTP. A client that opens a new connection for every
 * request (n8n's HTTP client does) pays three round trips a request; one that keeps its
 * connection alive pays one.
 */
const http = require('node:http');
const https = require('node:https');
const net = require('node:net');

/** Deterministic PRNG (mulberry32) so "10 % of requests" means the same requests every run. */
function seededRandom(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function compilePath(pattern) {
	const names = [];
	const source = pattern
		.split('/')
		.map((part) => {
			if (part.startsWith(':')) {
				names.push(part.slice(1));
				return '([^/]+)';
			}
			if (part === '*') {
				names.push('rest');
				return '(.*)';
			}
			return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		})
		.join('/');
	return { regex: new RegExp(`^${source}$`), names };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class SandboxServer {
	/**
	 * @param {{ latencyMs?: number, seed?: number, tls?: { key: string, cert: string } }} options
	 *   tls: serve HTTPS with this PEM key and certificate (test/sandbox/tls.js makes them).
	 */
	constructor({ latencyMs = 0, seed = 42, tls } = {}) {
		this.latencyMs = latencyMs;
		this.seed = seed;
		this.tls = tls;
		this.routes = [];
		this.faultRules = [];
		this.random = seededRandom(seed);
		this.resetCounters();
		this.sockets = new Set();
		/** When each connection was accepted and how many requests it carried (by its TCP socket). */
		this.connectionsBySocket = new WeakMap();
		const onRequest = (req, res) => {
			this.handle(req, res).catch((error) => {
				if (!res.headersSent) {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ message: `sandbox failure: ${error.message}` }));
				}
			});
		};
		this.server = tls ? https.createServer({ key: tls.key, cert: tls.cert }, onRequest) : http.createServer(onRequest);
		this.server.keepAliveTimeout = 5000;
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
			// Over HTTPS the listener below counts the connection when it is accepted.
			if (!tls) {
				this.connections++;
				this.connectionsBySocket.set(socket, { acceptedAt: Date.now(), requests: 0 });
			}
		});
		if (tls) {
			// Accepts the TCP connections itself (paused, so the client's TLS hello waits unread) and
			// hands each to the HTTPS server once the set-up's round trips have passed.
			this.listener = net.createServer({ pauseOnConnect: true }, (socket) => {
				this.connections++;
				this.connectionsBySocket.set(socket, { acceptedAt: Date.now(), requests: 0 });
				this.sockets.add(socket);
				socket.on('close', () => this.sockets.delete(socket));
				socket.on('error', () => {});
				this.connectionSetUp()
					.then(() => {
						if (!socket.destroyed) this.server.emit('connection', socket);
					})
					.catch(() => socket.destroy());
			});
		}
	}

	/** What a new connection waits before its first request is read: TCP's and TLS's round trips. */
	async connectionSetUp() {
		if (this.latencyMs <= 0) return;
		await sleep(this.latencyMs); // TCP: SYN, SYN-ACK
		await sleep(this.latencyMs); // TLS 1.3: ClientHello, ServerHello ... Finished
	}

	/** Register a route. `name` is what counters and fault rules refer to (e.g. 'x3.graphql'). */
	route(method, pattern, name, handler) {
		this.routes.push({ method, ...compilePath(pattern), name, handler });
	}

	resetCounters() {
		this.counts = {};
		/** Connections accepted (over HTTPS: TLS handshakes) since the last reset. */
		this.connections = 0;
		this.log = [];
		this.inFlight = {};
		this.maxInFlight = {};
	}

	/** How many requests reached routes whose name equals `name` or starts with `name.`. */
	count(name) {
		return Object.entries(this.counts)
			.filter(([key]) => key === name || key.startsWith(`${name}.`))
			.reduce((sum, [, value]) => sum + value, 0);
	}

	/**
	 * Fault rules, checked in order for every matched route:
	 * { route: 'x3.graphql' | /regex/ on the route name, kind: 429|500|502|503|504|'reset'|'slow'
	 *   |'reset-after-processing' (the request is handled, then the socket is destroyed instead of answering)
	 *   |'slow-after-processing' (the request is handled, the answer is sent delayMs later),
	 *   times?: n (the next n matching requests), every?: k (each k-th), ratio?: 0..1 (seeded),
	 *   retryAfter?: seconds, delayMs?: for 'slow', headers?: added to the answer (a 3xx's location),
	 *   requestBody?: /regex/ the request body must match (e.g. GraphQL mutations only) }
	 */
	setFaults(rules) {
		this.faultRules = rules.map((rule) => ({ ...rule, seen: 0, fired: 0 }));
		this.random = seededRandom(this.seed);
	}

	clearFaults() {
		this.faultRules = [];
	}

	faultsFired() {
		return this.faultRules.reduce((sum, rule) => sum + rule.fired, 0);
	}

	pickFault(name, rawBody) {
		for (const rule of this.faultRules) {
			const matches = rule.route instanceof RegExp ? rule.route.test(name) : rule.route === name || name.startsWith(`${rule.route}.`);
			if (!matches) continue;
			// requestBody: /regex/ on the request body, e.g. /^\s*\{"query":"\s*mutation/ for GraphQL writes only.
			if (rule.requestBody instanceof RegExp && !rule.requestBody.test(rawBody ? rawBody.toString('utf8') : '')) continue;
			rule.seen++;
			let fire = false;
			if (rule.times !== undefined) fire = rule.fired < rule.times;
			else if (rule.every !== undefined) fire = rule.seen % rule.every === 0;
			else if (rule.ratio !== undefined) fire = this.random() < rule.ratio;
			else fire = true;
			if (fire) {
				rule.fired++;
				return rule;
			}
		}
		return undefined;
	}

	async handle(req, res) {
		const url = new URL(req.url, `http://${req.headers.host}`);
		const method = req.method.toUpperCase();
		let matched;
		let params = {};
		for (const route of this.routes) {
			if (route.method !== method && route.method !== '*') continue;
			const m = route.regex.exec(url.pathname);
			if (!m) continue;
			matched = route;
			route.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1])));
			break;
		}
		const rawBody = await readBody(req);
		const name = matched ? matched.name : 'unmatched';
		this.counts[name] = (this.counts[name] || 0) + 1;
		this.inFlight[name] = (this.inFlight[name] || 0) + 1;
		this.maxInFlight[name] = Math.max(this.maxInFlight[name] || 0, this.inFlight[name]);
		const entry = { name, method, path: url.pathname, query: url.search, status: 0, headers: req.headers, rawBody, receivedAt: Date.now() };
		// When the client sent it, as far as the server can tell: a connection's first request was
		// sent when the connection was opened (over HTTPS its set-up waited before it was read).
		const connection = this.connectionsBySocket.get(req.socket._parent ?? req.socket);
		entry.sentAt = connection && connection.requests++ === 0 ? connection.acceptedAt : entry.receivedAt;
		this.log.push(entry);
		res.on('close', () => {
			this.inFlight[name]--;
		});
		if (this.latencyMs > 0) await sleep(this.latencyMs);

		const fault = matched ? this.pickFault(name, rawBody) : undefined;
		const afterProcessing = fault && String(fault.kind).endsWith('-after-processing') ? fault : undefined;
		if (fault && !afterProcessing) {
			entry.fault = fault.kind;
			if (fault.kind === 'reset') {
				entry.status = -1;
				req.socket.destroy();
				return;
			}
			if (fault.kind === 'slow') {
				await sleep(fault.delayMs ?? 2000);
			} else {
				const headers = { 'content-type': 'application/json' };
				if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
				// e.g. { location } on a 3xx: a gateway that redirects.
				Object.assign(headers, fault.headers);
				entry.status = fault.kind;
				res.writeHead(fault.kind, headers);
				res.end(JSON.stringify(fault.body ?? { message: fault.kind === 429 ? 'Too Many Requests' : 'Service Unavailable' }));
				return;
			}
		}

		const ctx = new RequestContext(this, req, res, url, params, rawBody, entry);
		if (afterProcessing) {
			entry.fault = afterProcessing.kind;
			ctx.afterProcessing = afterProcessing;
		}
		if (!matched) return ctx.json(404, { message: `No sandbox route for ${method} ${url.pathname}` });
		await matched.handler(ctx);
	}

	async start(port = 0) {
		const listening = this.listener ?? this.server;
		await new Promise((resolve) => listening.listen(port, '127.0.0.1', resolve));
		this.port = listening.address().port;
		this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${this.port}`;
		return this.url;
	}

	async stop() {
		for (const socket of this.sockets) socket.destroy();
		if (this.listener) await new Promise((resolve) => this.listener.close(() => resolve()));
		// Over HTTPS the HTTPS server never listened itself: closing it only ends its connections.
		await new Promise((resolve) => this.server.close(() => resolve()));
	}
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

class RequestContext {
	constructor(server, req, res, url, params, rawBody, entry) {
		this.server = server;
		this.req = req;
		this.res = res;
		this.url = url;
		this.method = req.method.toUpperCase();
		this.path = url.pathname;
		this.params = params;
		this.query = url.searchParams;
		this.headers = req.headers;
		this.rawBody = rawBody;
		this.entry = entry;
		this.origin = server.url;
	}

	contentType() {
		return (this.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
	}

	/** Parsed JSON body, or undefined when the body is not JSON (strict: content-type must say so). */
	jsonBody() {
		if (this.contentType() !== 'application/json') return undefined;
		try {
			return JSON.parse(this.rawBody.toString('utf8'));
		} catch {
			return undefined;
		}
	}

	/** Parsed form body, or undefined when the body is not form-urlencoded. */
	formBody() {
		if (this.contentType() !== 'application/x-www-form-urlencoded') return undefined;
		return Object.fromEntries(new URLSearchParams(this.rawBody.toString('utf8')));
	}

	bearer() {
		const value = this.headers.authorization || '';
		const m = /^Bearer\s+(.+)$/i.exec(value);
		return m ? m[1] : undefined;
	}

	send(status, body, headers = {}) {
		const fault = this.afterProcessing;
		if (fault?.kind === 'reset-after-processing') {
			// The handler has done its work (a write is applied); the client never hears of it.
			this.entry.status = -1;
			this.entry.handledStatus = status;
			this.req.socket.destroy();
			return;
		}
		this.entry.status = status;
		// A server has an answer's bytes before it sends it. Encoded at the write instead, a 13 MB page
		// held this thread (and its headers) for 20-70 ms after answeredAt, which clients then paid.
		if (typeof body === 'string') body = Buffer.from(body, 'utf8');
		// When the answer left the handler (a request received after it waited for this one).
		this.entry.answeredAt = Date.now();
		if (fault?.kind === 'slow-after-processing') {
			sleep(fault.delayMs ?? 2000).then(() => {
				if (this.res.destroyed || this.req.socket.destroyed) return;
				this.res.writeHead(status, headers);
				this.res.end(body);
			});
			return;
		}
		this.res.writeHead(status, headers);
		this.res.end(body);
	}

	json(status, obj, headers = {}) {
		this.jsonText(status, JSON.stringify(obj), headers);
	}

	/** A JSON answer already written (a server's own way of writing it: see Sage 200's listJson). */
	jsonText(status, encoded, headers = {}) {
		this.send(status, encoded, { 'content-type': 'application/json; charset=utf-8', ...headers });
	}

	html(status, text) {
		this.send(status, text, { 'content-type': 'text/html; charset=utf-8' });
	}

	redirect(location, status = 302) {
		this.send(status, '', { location });
	}
}

module.exports = { SandboxServer, seededRandom, sleep };
