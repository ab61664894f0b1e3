'use strict';
/**
 * The "floor" of a workload: the same round trips as the limit, sent by a bare `fetch` client
 * in its own process (no n8n), so the sandbox's own processing time per request shows up. X3:
 * the folder list, then the pages; Sage 200: the first page with $count, then the others at once.
 *
 *   node bench/floor.js x3pages <graphqlUrl> <accessToken> <runs>
 *   node bench/floor.js s200 <customersUrl> <headersJson> <pageSize> <runs>
 * Prints {"runs":[ms,...], "parseRuns":[ms,...]} (parseRuns: JSON.parse of the bodies alone, s200 mode).
 */

const X3_QUERY =
	'query ($after: String) { sage { x3BusinessPartners { customer(first: 100, after: $after) { edges { node { code companyName shortName category country currency isActive createdAt updatedAt } } pageInfo { endCursor hasNextPage } } } } }';

/** The folder list (where the node learns the folder's URL), then every page in turn. */
async function x3Pages(url, token) {
	const folders = await fetch(new URL('../../folders', url), { headers: { authorization: `Bearer ${token}` } });
	const folder = (await folders.json()).folders.find((candidate) => candidate.$urls.dataService === url);
	if (!folder) throw new Error(`no folder with the data service ${url}`);
	let after = null;
	let records = 0;
	for (;;) {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
			body: JSON.stringify({ query: X3_QUERY, variables: { after } }),
		});
		const connection = (await res.json()).data.sage.x3BusinessPartners.customer;
		records += connection.edges.length;
		if (!connection.pageInfo.hasNextPage) return { records, parseMs: 0 };
		after = connection.pageInfo.endCursor;
	}
}

/** First page with $count, then every other page at once. `parseMs`: JSON.parse of the bodies alone. */
async function s200(url, headers, pageSize) {
	let parseMs = 0;
	const page = async (skip, count) => {
		const res = await fetch(`${url}?$orderby=id&$top=${pageSize}&$skip=${skip}${count ? '&$count=true' : ''}`, { headers });
		const text = await res.text();
		const t0 = performance.now();
		const rows = JSON.parse(text);
		parseMs += performance.now() - t0;
		return { rows, total: Number(res.headers.get('x-total-count')) };
	};
	const first = await page(0, true);
	const skips = [];
	for (let skip = pageSize; skip < first.total; skip += pageSize) skips.push(skip);
	const rest = await Promise.all(skips.map(async (skip) => (await page(skip, false)).rows));
	return { records: first.rows.length + rest.reduce((sum, rows) => sum + rows.length, 0), parseMs };
}

(async () => {
	const [mode, ...args] = process.argv.slice(2);
	const runs = Number(args[args.length - 1]);
	const work = mode === 'x3pages' ? () => x3Pages(args[0], args[1]) : () => s200(args[0], JSON.parse(args[1]), Number(args[2]));
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
