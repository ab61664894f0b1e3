'use strict';
/**
 * The "floor" of a workload: the same round trips as the limit, sent by a bare `fetch` client
 * in its own process (no n8n), so the sandbox's own processing time per request shows up. X3:
 * the folder list, then the pages; Sage 200: the first page with $count, then the others at once.
 * `x3pages-n8n` sends the same X3 requests through n8n's own HTTP client (@n8n/backend-network's
 * httpRequest, what every n8n request helper ends in) instead of `fetch`: no node, no engine.
 * `replay` sends requests a node sent, as it sent them: round after round, each round's requests
 * at once (lookups by key: the folder list or schema, then every batch).
 *
 *   node bench/floor.js x3pages <graphqlUrl> <accessToken> <runs>
 *   node bench/floor.js x3pages-n8n <graphqlUrl> <accessToken> <n8nHttpRequestJs> <runs>
 *   node bench/floor.js s200 <customersUrl> <headersJson> <pageSize> <runs>
 *   node bench/floor.js replay <roundsJsonFile> <runs>
 * Prints {"runs":[ms,...], "parseRuns":[ms,...]} (parseRuns: JSON.parse of the bodies alone, s200 mode).
 *
 * Over https (the sandbox's CA trusted through NODE_EXTRA_CA_CERTS) the bare client opens a new
 * connection for every request, as n8n's HTTP client does (a fresh agent per request): a floor
 * that kept its connection alive would skip handshakes no node in n8n can skip.
 */

const fs = require('node:fs');
const { send, s200Pages } = require('./control-package/fetch-pages');

const X3_QUERY =
	'query ($after: String) { sage { x3BusinessPartners { customer(first: 100, after: $after) { edges { node { code companyName shortName category country currency isActive createdAt updatedAt } } pageInfo { endCursor hasNextPage } } } } }';

/** A JSON request through `fetch`, or through n8n's HTTP client as helpers.httpRequest calls it. */
function jsonClient(n8nHttp) {
	if (!n8nHttp) {
		return async (url, { method = 'GET', headers, body }) =>
			await (await send(url, { method, headers: body ? { 'content-type': 'application/json', ...headers } : headers, body: body && JSON.stringify(body) })).json();
	}
	const { httpRequest } = require(n8nHttp);
	return async (url, { method = 'GET', headers, body }) =>
		(await httpRequest({ method, url: String(url), headers: { accept: 'application/json', ...headers }, body, json: true, returnFullResponse: true, timeout: 30000 })).body;
}

/** The folder list (where the node learns the folder's URL), then every page in turn. */
async function x3Pages(url, token, send) {
	const headers = { authorization: `Bearer ${token}` };
	const folders = await send(new URL('../../folders', url), { headers });
	const folder = folders.folders.find((candidate) => candidate.$urls.dataService === url);
	if (!folder) throw new Error(`no folder with the data service ${url}`);
	let after = null;
	let records = 0;
	for (;;) {
		const page = await send(url, { method: 'POST', headers, body: { query: X3_QUERY, variables: { after } } });
		const connection = page.data.sage.x3BusinessPartners.customer;
		records += connection.edges.length;
		if (!connection.pageInfo.hasNextPage) return { records, parseMs: 0 };
		after = connection.pageInfo.endCursor;
	}
}

/** Sage 200's plan (bench/control-package/fetch-pages.js), counting the records. */
async function s200(url, headers, pageSize) {
	const { pages, parseMs } = await s200Pages(url, headers, pageSize);
	return { records: pages.reduce((sum, rows) => sum + rows.length, 0), parseMs };
}

/** Rounds of recorded requests ({ method, url, headers, body }): in turn, each round at once. */
async function replay(rounds) {
	let records = 0;
	for (const round of rounds) {
		const answers = await Promise.all(
			round.map(async ({ method, url, headers, body }) => {
				const res = await send(url, { method, headers, body: body || undefined });
				const answer = await res.json();
				if (!res.ok || answer.errors) throw new Error(`replayed ${method} ${url}: ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
				return answer;
			}),
		);
		records += answers.length;
	}
	return { records, parseMs: 0 };
}

/** Each mode's arguments (before <runs>) to the work of one run. */
const MODES = {
	x3pages: ([url, token]) => {
		const send = jsonClient();
		return () => x3Pages(url, token, send);
	},
	'x3pages-n8n': ([url, token, n8nHttp]) => {
		const send = jsonClient(n8nHttp);
		return () => x3Pages(url, token, send);
	},
	s200: ([url, headers, pageSize]) => () => s200(url, JSON.parse(headers), Number(pageSize)),
	replay: ([file]) => {
		const rounds = JSON.parse(fs.readFileSync(file, 'utf8'));
		return () => replay(rounds);
	},
};

(async () => {
	const [mode, ...args] = process.argv.slice(2);
	const runs = Number(args[args.length - 1]);
	const work = MODES[mode](args);
	await work(); // warm-up
	const times = [];
	const parseTimes = [];
	let records = 0;
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		const result = await work();
		times.push(Math.round(performance.now() - t0));
		parseTimes.push(Math.round(result.parseMs));
		records = result.records;
	}
	process.stdout.write(JSON.stringify({ runs: times, parseRuns: parseTimes, records }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
