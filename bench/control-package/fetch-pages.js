'use strict';
/**
 * Benchmark-only: a bare client's requests, shared by the floors outside n8n (bench/floor.js) and
 * W4's floor inside n8n (BenchFetchPages.node.js), so that both send exactly the same plan.
 *
 * Over https it opens a new connection for every request, as n8n's HTTP client does (a fresh
 * agent per request): a floor that kept its connection alive would skip handshakes no node in n8n
 * can skip.
 */
const https = require('node:https');

/**
 * `fetch`'s answer as the floor uses it, from one request on a connection of its own (https only:
 * over plain http `fetch` itself is used, connections being free there).
 */
function fetchOnNewConnection(url, { method = 'GET', headers = {}, body } = {}) {
	return new Promise((resolve, reject) => {
		const req = https.request(String(url), { method, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) }, agent: false }, (res) => {
			// Settled at the headers, as fetch's answer is; the body is read on.
			const chunks = [];
			const text = new Promise((resolveText, rejectText) => {
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('error', rejectText);
				res.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
			});
			text.catch(() => undefined);
			resolve({
				ok: res.statusCode >= 200 && res.statusCode < 300,
				status: res.statusCode,
				headers: { get: (name) => res.headers[name.toLowerCase()] ?? null },
				text: async () => await text,
				json: async () => JSON.parse(await text),
			});
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** `fetch`, or over https one connection per request (see above). */
const send = (url, init) => (String(url).startsWith('https:') ? fetchOnNewConnection(url, init) : fetch(url, init));

/**
 * Sage 200's plan, as the node pages: the first page with $count, then every other page at once,
 * asked for when the first answer's headers (its X-Total-Count) arrive. Each page's rows in
 * order; `parseMs`: JSON.parse of the bodies alone.
 */
async function s200Pages(url, headers, pageSize) {
	let parseMs = 0;
	const rowsOf = async (res) => {
		if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
		const text = await res.text();
		const t0 = performance.now();
		const rows = JSON.parse(text);
		parseMs += performance.now() - t0;
		return rows;
	};
	const page = async (skip, count) => await send(`${url}?$orderby=id&$top=${pageSize}&$skip=${skip}${count ? '&$count=true' : ''}`, { headers });
	const first = await page(0, true);
	const total = Number(first.headers.get('x-total-count'));
	const skips = [];
	for (let skip = pageSize; skip < total; skip += pageSize) skips.push(skip);
	const rest = Promise.all(skips.map(async (skip) => await rowsOf(await page(skip, false))));
	const firstRows = await rowsOf(first);
	return { pages: [firstRows, ...(await rest)], parseMs };
}

module.exports = { send, s200Pages };
