#!/usr/bin/env node
'use strict';
/**
 * Performance benchmark (issue 7): this package's nodes vs what an n8n user builds today with the
 * HTTP Request node, and vs the round-trip limit, in a real n8n 2.41.1 against the sandbox with
 * injected latency.
 *
 *   npm run bench -- [--latency 25] [--runs 5] [--only W1,W4,W5,W6,W8,SCALE] [--no-build] [--w6-requests 2000]
 *
 * Wall time is n8n's own record of the run: from the first workload node's start to the last
 * node's end (runData startTime/executionTime), median of --runs runs after one warm-up run. The
 * whole execution as n8n stores it (startedAt..stoppedAt, including its fixed per-execution
 * bookkeeping) is shown next to it. Peak RSS is n8n's main process (VmHWM reset before each run
 * via /proc/<pid>/clear_refs, cross-checked by sampling VmRSS every 20 ms); the task-runner child
 * is not counted (none of these workflows uses a Code node).
 *
 * W2 and W3 have two baselines, n8n's GraphQL node (one request per item, item after item) and the
 * HTTP Request node (one request per item, all at once), and a floor: ours' requests replayed by
 * a bare fetch client.
 *
 * --transport http|https|both (default both): W1-W4, W7 and W8 run against a sandbox over plain
 * HTTP (one latency a request, connections free, as on loopback) and one over HTTPS (its own CA,
 * trusted by n8n through NODE_EXTRA_CA_CERTS; a new connection waits a latency for TCP and one for
 * TLS before its request's own: n8n's HTTP client opens one for every request, so three latencies
 * a request). Their limits count the handshakes; W5, W6 and the scaling runs stay on plain HTTP.
 *
 * W4 has two floors, the same bare client and plan (bench/control-package/fetch-pages.js) in a
 * process of its own and, in a bench-only node, inside n8n: the first is the best any client gets,
 * the second the best any node in n8n gets.
 *
 * W5 also runs a control (bench/control-package: a bench-only node that outputs the same pages
 * from disk, with no HTTP) in turns with ours and the baseline, and the first pull of each in a
 * freshly started n8n (--fresh-runs, default 3; 0 skips them).
 */
// The sandbox stands in for Sage's production servers: graphql-js runs development-only checks
// unless NODE_ENV is 'production' (a quarter of the sandbox's time per page), which the benchmark
// would count against the clients. n8n is started with the environment it had.
const n8nNodeEnv = process.env.NODE_ENV;
process.env.NODE_ENV = 'production';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const e2e = require('../test/e2e/n8n');
const { startSandbox, generateCertificates } = require('../test/sandbox');
const { runWorkflow, outputOf, loadFlatted, flattedDir, balancedCycle } = require('./lib');
const { reportProfiles } = require('./profile');
const { runW7 } = require('./w7');
const { x3Workflows, sdmoWorkflows, sage200Workflows, controlRecordsWorkflow, upsertWorkflows, SAGE200_PAGE_SIZE } = require('./workflows');

const REPO = path.resolve(__dirname, '..');

// ---- options -----------------------------------------------------------------------------------

function parseArgs(argv) {
	const o = { latency: 25, runs: 5, only: null, build: true, w6Requests: 2000, scaleRuns: 3, freshRuns: 3, transports: ['http', 'https'] };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => {
			const eq = a.indexOf('=');
			if (eq >= 0) return a.slice(eq + 1);
			i++;
			return argv[i];
		};
		if (a.startsWith('--latency')) o.latency = Number(value());
		else if (a.startsWith('--runs')) o.runs = Number(value());
		else if (a.startsWith('--only')) o.only = new Set(value().split(',').map((s) => s.trim().toUpperCase()).filter(Boolean));
		else if (a === '--no-build') o.build = false;
		else if (a.startsWith('--profile')) o.profileDir = path.resolve(value());
		else if (a.startsWith('--w6-requests')) o.w6Requests = Number(value());
		else if (a.startsWith('--scale-runs')) o.scaleRuns = Number(value());
		else if (a.startsWith('--fresh-runs')) o.freshRuns = Number(value());
		else if (a.startsWith('--transport')) {
			const transport = value();
			if (!['http', 'https', 'both'].includes(transport)) throw new Error(`--transport is http, https or both, got ${transport}`);
			o.transports = transport === 'both' ? ['http', 'https'] : [transport];
		} else if (a === '--help' || a === '-h') {
			console.log('npm run bench -- [--latency 25] [--runs 5] [--only W1,W2,W3,W4,W5,W6,W7,W8,SCALE] [--no-build] [--w6-requests 2000] [--scale-runs 3] [--fresh-runs 3] [--transport http|https|both] [--profile <dir>]');
			process.exit(0);
		} else throw new Error(`unknown option ${a}`);
	}
	if (!(o.latency >= 0) || !(o.runs >= 1) || !(o.w6Requests >= 1) || !(o.scaleRuns >= 1) || !(o.freshRuns >= 0)) throw new Error('bad numeric option');
	return o;
}

const opts = parseArgs(process.argv.slice(2));
const wants = (name) => !opts.only || opts.only.has(name);
/** Workloads measured in a real n8n; W7 runs n8n's engine in a process of its own (bench/w7.js). */
const N8N_WORKLOADS = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W8', 'SCALE'];
const needN8n = N8N_WORKLOADS.some(wants);

// ---- small utilities ---------------------------------------------------------------------------

const median = (values) => {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return NaN;
	const m = Math.floor(v.length / 2);
	return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const mb = (bytes) => (bytes / 1048576).toFixed(0);
const fmt = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const log = (...a) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);

/** Wall time of the workload: first non-Input node start to last node end, from n8n's runData. */
function nodeSpanMs(runData) {
	const { start, end } = nodeWindow(runData);
	return end - start;
}

/**
 * This process hosts the sandboxes: while its thread is held (its own garbage collections, or a
 * big answer being built and encoded while n8n's collector threads take the other core) Sage reads
 * no request and sends no answer, whichever client is being measured. Both are recorded here,
 * with when they began (epoch ms), so that each run can say what Sage's side lost in its window.
 */
const sandboxStalls = { collections: [], held: [] };
/** Only a run's window is read: the last 5,000 of each are plenty. */
function keepLast(list) {
	if (list.length > 5000) list.splice(0, list.length - 5000);
}
new (require('node:perf_hooks').PerformanceObserver)((list) => {
	for (const entry of list.getEntries()) sandboxStalls.collections.push({ start: performance.timeOrigin + entry.startTime, ms: entry.duration });
	keepLast(sandboxStalls.collections);
}).observe({ entryTypes: ['gc'] });
{
	// A 5 ms timer that fires more than 20 ms late: the thread was held for that long.
	let last = Date.now();
	setInterval(() => {
		const now = Date.now();
		if (now - last > 20) sandboxStalls.held.push({ start: last, ms: now - last - 5 });
		keepLast(sandboxStalls.held);
		last = now;
	}, 5).unref();
}

/** The sandbox thread's longest hold and longest collection within [start, end] (epoch ms). */
function sandboxStallsIn(start, end) {
	const longest = (list) => Math.max(0, ...list.filter((stall) => stall.start + stall.ms >= start && stall.start <= end).map((stall) => stall.ms));
	return { heldMs: longest(sandboxStalls.held), collectingMs: longest(sandboxStalls.collections) };
}

/** When the workload's first node started and its last ended (epoch ms, n8n's clock = ours). */
function nodeWindow(runData) {
	let start = Infinity;
	let end = -Infinity;
	for (const [name, runs] of Object.entries(runData || {})) {
		if (name === 'Input') continue;
		for (const run of runs) {
			start = Math.min(start, run.startTime);
			end = Math.max(end, run.startTime + run.executionTime);
		}
	}
	return { start, end };
}

// ---- measuring one variant ---------------------------------------------------------------------

/**
 * Runs one workflow `warmup + runs` times. `prepare()` gives the input items of a run; `product`
 * is the sandbox route prefix whose requests are counted; `tokenRoute` the token endpoint.
 */
async function measure(ctx, spec) {
	return (await measureInterleaved(ctx, [spec]))[0];
}

/**
 * Measures several variants in turns (balancedCycle repeated), so that all of them see the same
 * n8n and each follows each of the others as often; each variant's first run is its warm-up.
 */
async function measureInterleaved(ctx, specs) {
	const states = [];
	for (const spec of specs) {
		const { runs = opts.runs, warmup = 1, verify } = spec;
		states.push({ spec, runs, warmup, samples: [], checked: verify ? await verify() : undefined });
	}
	const cycle = balancedCycle(states.length);
	for (let step = 0; states.some((st) => st.samples.length < st.warmup + st.runs); step++) {
		const st = states[cycle[step % cycle.length]];
		// `sampleOnce(i)`: a variant measured outside n8n (a floor), giving its own sample.
		if (st.samples.length >= st.warmup + st.runs) continue;
		st.samples.push(st.spec.sampleOnce ? await st.spec.sampleOnce(st.samples.length) : await runOnce(ctx, st, st.samples.length));
	}
	return states.map(({ spec, samples }) => summarize(spec.label, samples));
}

async function runOnce(ctx, st, i) {
	const { label, sandbox, wf, prepare, product, tokenRoute, expectItems, verify, check } = st.spec;
	// Reading a big execution back from n8n takes far longer than running it: big workloads (more
	// than 20,000 items) are checked (item count, output size) on the warm-up run and timed by
	// n8n's startedAt..stoppedAt, which includes saving the execution. Huge ones are not read back
	// at all (n8n drops the connection): `verify` checks them instead.
	const big = (expectItems ?? 0) > 20000;
	const items = prepare();
	sandbox.server.resetCounters();
	sandbox.server.processingMs = 0;
	const fetchData = !verify && (!big || i === 0);
	const r = await runWorkflow(ctx, wf, items, { fetchData });
	if (r.status !== 'success') {
		const message = r.error ? `${r.error.message} ${r.error.description || ''}` : 'no error recorded';
		throw new Error(`${label}: execution ${r.executionId} ended ${r.status}: ${message}`);
	}
	const output = fetchData ? outputOf(r.runData, wf.last) || [] : undefined;
	if (output) st.checked = { items: output.length, outputBytes: Buffer.byteLength(JSON.stringify(output)) };
	if (expectItems !== undefined && st.checked.items !== expectItems) {
		const sample = output && output.length ? JSON.stringify(output[0]).slice(0, 300) : `run data: ${JSON.stringify(Object.keys(r.runData || {}))}`;
		throw new Error(`${label}: expected ${expectItems} output items, got ${st.checked.items} (${sample})`);
	}
	// `check(output)`: a message when the output is not what the workload asks for.
	const wrong = output && check ? check(output) : undefined;
	if (wrong) throw new Error(`${label}: ${wrong}`);
	// Where the node's time went around its requests: from its start to the first request reaching
	// the sandbox (credential, parameters; over https also the connection's set-up), and from the
	// last answer leaving the sandbox to its end (that body's transfer and parse, items).
	const window = fetchData ? nodeWindow(r.runData) : undefined;
	const served = sandbox.server.log.filter((entry) => entry.name === product || entry.name.startsWith(`${product}.`));
	const beforeFirstMs = window && served.length ? Math.min(...served.map((entry) => entry.receivedAt)) - window.start : undefined;
	const answered = served.filter((entry) => entry.answeredAt !== undefined);
	const afterLastMs = window && answered.length ? window.end - Math.max(...answered.map((entry) => entry.answeredAt)) : undefined;
	const stalls = window ? sandboxStallsIn(window.start, window.end) : undefined;
	const sample = {
		wallMs: fetchData ? nodeSpanMs(r.runData) : r.wallMs,
		wallFromExec: !fetchData,
		execMs: r.wallMs,
		requests: sandbox.server.count(product),
		tokens: sandbox.server.count(tokenRoute),
		connections: sandbox.server.connections,
		beforeFirstMs,
		afterLastMs,
		sandboxMs: sandbox.server.processingMs,
		peakRss: r.peakRss,
		rssGrowth: r.peakRss - r.rssBefore,
		outputBytes: st.checked.outputBytes,
		items: st.checked.items,
		cpuMs: r.cpuMs,
		sampledPeakMs: r.sampledPeakMs,
		warmup: i < st.warmup,
		requestLog: st.spec.keepRequests ? sandbox.server.log.slice() : undefined,
		lookups: st.spec.countLookups ? st.spec.countLookups(sandbox.server.log) : undefined,
	};
	// A few big requests: when each reached the sandbox and its answer left, from the first one.
	const t0 = served.length ? Math.min(...served.map((entry) => entry.receivedAt)) : 0;
	const timeline = served.length && served.length <= 12 ? `, requests at ${served.map((entry) => `${entry.receivedAt - t0}-${entry.answeredAt === undefined ? 'unanswered' : entry.answeredAt - t0}`).join(' ')} ms` : '';
	log(`${label} run ${i + 1 - st.warmup}${sample.warmup ? ' (warm-up)' : ''}: wall ${sample.wallMs} ms${timeline}${beforeFirstMs !== undefined ? ` (first request +${beforeFirstMs}, last answer -${afterLastMs})` : ''}, exec ${sample.execMs} ms, ${sample.requests} requests (${sample.tokens} token), sandbox processing ${fmt(sample.sandboxMs)} ms${stalls ? ` (its thread held up to ${fmt(stalls.heldMs)} ms, collecting up to ${fmt(stalls.collectingMs)})` : ''}, ${sample.items} items, peak RSS ${mb(sample.peakRss)} MB (+${mb(sample.rssGrowth)}, sampled at ${sample.sampledPeakMs} ms)`);
	return sample;
}

function summarize(label, samples) {
	const measured = samples.filter((s) => !s.warmup);
	return {
		label,
		samples,
		wallMs: median(measured.map((s) => s.wallMs)),
		execMs: median(measured.map((s) => s.execMs)),
		requests: median(measured.map((s) => s.requests)),
		connections: median(measured.map((s) => s.connections)),
		beforeFirstMs: median(measured.map((s) => s.beforeFirstMs)),
		afterLastMs: median(measured.map((s) => s.afterLastMs)),
		lookups: median(measured.map((s) => s.lookups)),
		sandboxMs: median(measured.map((s) => s.sandboxMs)),
		maxRequests: Math.max(...samples.map((s) => s.requests)),
		tokens: Math.max(...measured.map((s) => s.tokens)),
		tokensTotal: samples.reduce((sum, s) => sum + s.tokens, 0),
		peakRss: Math.max(...measured.map((s) => s.peakRss)),
		rssGrowth: Math.max(...measured.map((s) => s.rssGrowth)),
		rssGrowthMedian: median(measured.map((s) => s.rssGrowth)),
		wallFromExec: measured.some((s) => s.wallFromExec),
		outputBytes: measured[0].outputBytes,
		items: measured[0].items,
	};
}

// ---- W6: request loops in a separate Node 24 process -------------------------------------------

// `fetch` mode is the bare floor. `n8n` mode calls the function every n8n request helper
// (helpers.httpRequest, httpRequestWithAuthentication) ends in, @n8n/backend-network's
// httpRequest, with no execution engine around it: what no node using n8n's helpers can go below.
const REQUEST_LOOP = `
const [mode, url, headersJson, idsJson, n8nHttp] = process.argv.slice(1);
const headers = JSON.parse(headersJson);
const ids = JSON.parse(idsJson);
const get =
	mode === 'n8n'
		? async (id) => {
				const res = await require(n8nHttp).httpRequest({ method: 'GET', url: url + id, headers: { ...headers }, json: true, returnFullResponse: true, timeout: 30000 });
				return { status: res.statusCode, body: res.body };
			}
		: async (id) => {
				const res = await fetch(url + id, { headers });
				return { status: res.status, body: await res.json() };
			};
(async () => {
	// Warm up the same way n8n is warm.
	for (let i = 0; i < 50; i++) await get(ids[i % ids.length]);
	const cpu0 = process.cpuUsage();
	const t0 = Date.now();
	let ok = 0;
	for (const id of ids) {
		const { status, body } = await get(id);
		if (status === 200 && body.id !== undefined) ok++;
	}
	const cpu = process.cpuUsage(cpu0);
	process.stdout.write(JSON.stringify({ ok, cpuMs: (cpu.user + cpu.system) / 1000, wallMs: Date.now() - t0 }));
})();
`;

/** n8n's own HTTP client module (@n8n/backend-network's httpRequest) in the bench's n8n install. */
const n8nHttpClient = (paths) => path.join(paths.cache, 'n8n', 'node_modules', '@n8n', 'backend-network', 'dist', 'http', 'axios', 'request.js');

function requestLoopCpu(mode, paths, url, headers, ids) {
	const n8nHttp = n8nHttpClient(paths);
	return new Promise((resolve, reject) => {
		const child = spawn(paths.nodeBin, ['-e', REQUEST_LOOP, mode, url, JSON.stringify(headers), JSON.stringify(ids), n8nHttp], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => {
			try {
				resolve(JSON.parse(out));
			} catch {
				reject(new Error(`${mode} request loop failed (exit ${code}): ${err.slice(-2000)}`));
			}
		});
	});
}

/** W5's floor: n8n's way of holding and saving the same output, alone (bench/save-floor.js). */
function saveFloor(n8n, records) {
	const modules = path.join(flattedDir(n8n), '..');
	const run = spawnSync(n8n.paths.nodeBin, ['--expose-gc', path.join(__dirname, 'save-floor.js'), modules, String(records)], { encoding: 'utf8', maxBuffer: 1 << 20 });
	if (run.status !== 0) throw new Error(`save floor failed (exit ${run.status}): ${(run.stderr || '').slice(-2000)}`);
	return JSON.parse(run.stdout);
}

/** Median wall time of the bare-fetch floor (bench/floor.js in a Node 24 child process). */
// Async on purpose: the sandbox answering the child lives in this process.
function floorMs(nodeBin, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBin, [path.join(__dirname, 'floor.js'), ...args.map(String)], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`floor ${args[0]} failed (exit ${code}): ${err.slice(-2000)}`));
			const parsed = JSON.parse(out);
			resolve({ ms: median(parsed.runs), parseMs: median(parsed.parseRuns), records: parsed.records });
		});
	});
}

/**
 * A lookup's floor: the requests the node sent in its last run, replayed by a bare `fetch` client
 * as the node sent them (requests that reached the sandbox within 10 ms of each other at once,
 * those rounds in turn): the same server work with no n8n around the client.
 */
async function replayFloor(nodeBin, sandbox, measured, runs) {
	const log = measured.samples[measured.samples.length - 1].requestLog;
	const rounds = [];
	for (const entry of [...log].sort((a, b) => a.receivedAt - b.receivedAt)) {
		const round = rounds[rounds.length - 1];
		const request = {
			method: entry.method,
			url: `${sandbox.server.url}${entry.path}${entry.query}`,
			headers: Object.fromEntries(Object.entries(entry.headers).filter(([name]) => ['authorization', 'content-type', 'accept'].includes(name))),
			body: entry.rawBody.length ? entry.rawBody.toString('utf8') : undefined,
		};
		if (round && entry.receivedAt - round.receivedAt <= 10) round.requests.push(request);
		else rounds.push({ receivedAt: entry.receivedAt, requests: [request] });
	}
	const file = path.join(os.tmpdir(), `bench-replay-${process.pid}.json`);
	fs.writeFileSync(file, JSON.stringify(rounds.map((round) => round.requests)));
	try {
		const floor = await floorMs(nodeBin, ['replay', file, runs]);
		if (floor.records !== log.length) throw new Error(`replay answered ${floor.records} of ${log.length} requests`);
		return { ...floor, rounds: rounds.map((round) => round.requests.length) };
	} finally {
		fs.rmSync(file, { force: true });
	}
}

/**
 * The longest chain of requests in a run's sandbox log in which each was sent (its connection
 * opened, for a connection's first request) after the one before it had been answered: the round
 * trips that followed one another.
 */
function dependentRounds(requestLog) {
	const sent = (entry) => entry.sentAt ?? entry.receivedAt;
	const entries = requestLog.filter((entry) => entry.answeredAt !== undefined).sort((a, b) => sent(a) - sent(b));
	const depth = [];
	let longest = 0;
	for (let i = 0; i < entries.length; i++) {
		let before = 0;
		for (let j = 0; j < i; j++) if (depth[j] > before && entries[j].answeredAt <= sent(entries[i])) before = depth[j];
		depth.push(before + 1);
		longest = Math.max(longest, before + 1);
	}
	return longest;
}

/** Every row a company's customers route serves, in order (what the node outputs, one item each). */
async function servedRows(t, n) {
	const demo = t.box.sage200.demo;
	const headers = { authorization: `Bearer ${t.box.sage200.issue().access_token}`, 'ocp-apim-subscription-key': demo.subscriptionKey, 'x-site': demo.siteId, 'x-company': '1' };
	const rows = [];
	for (let skip = 0; skip < n; skip += SAGE200_PAGE_SIZE) rows.push(...(await (await fetch(`${t.baseUrl}customers?$orderby=id&$top=${SAGE200_PAGE_SIZE}&$skip=${skip}`, { headers })).json()));
	return rows;
}

/** The output JSON's size as the bench counts it: each item's JSON. */
const outputBytesOf = (rows) => rows.reduce((sum, row) => sum + Buffer.byteLength(JSON.stringify(row)) + 1, 1);

/**
 * A pull too big to read back from n8n: the counted variant of its workflow must report `n`
 * items, and the output JSON's size (`outputBytes` when W5's control already measured it) is that
 * of the rows Sage 200 serves (the node outputs each row as an item, unchanged: the 1k and 10k
 * runs read their output back and check that).
 */
async function verifyBigPull(ctx, t, n, outputBytes) {
	const counted = await runWorkflow(ctx, t.workflows.oursCounted, [{}]);
	const count = outputOf(counted.runData, 'Count')?.[0]?.count_id;
	if (counted.status !== 'success' || count !== n) throw new Error(`Sage 200 ${t.tag}: the counted pull gave ${count} items (${counted.status}), expected ${n}`);
	return { items: count, outputBytes: outputBytes ?? outputBytesOf(await servedRows(t, n)) };
}

/**
 * W5's file mode, read back once: one item of `n` records whose file (downloaded from n8n's binary
 * data) is, byte for byte, the rows Sage 200 serves as NDJSON. Its size is the run's `outputBytes`.
 */
async function verifyFilePull(ctx, t, n, ndjsonSha256, wf = t.workflows.oursFile) {
	const r = await runWorkflow(ctx, wf, [{}]);
	const item = r.runData?.['Sage 200']?.[0]?.data?.main?.[0]?.[0];
	const binary = item?.binary?.data;
	if (r.status !== 'success' || item?.json?.records !== n || !binary?.id) {
		throw new Error(`Sage 200 ${t.tag} file: execution ${r.executionId} (${r.status}) gave ${JSON.stringify(item?.json)} with binary ${JSON.stringify(binary)}, expected ${n} records in a stored file`);
	}
	const file = await e2e.rest(ctx.session, 'GET', `/rest/binary-data?id=${encodeURIComponent(binary.id)}&action=download`, undefined, { raw: true });
	const sha = require('node:crypto').createHash('sha256').update(String(file.body)).digest('hex');
	if (file.status !== 200 || sha !== ndjsonSha256 || Buffer.byteLength(String(file.body)) !== binary.bytes) {
		throw new Error(`Sage 200 ${t.tag} file: the stored file (HTTP ${file.status}, ${binary.bytes} bytes, ${binary.mimeType}) is not the served rows as NDJSON`);
	}
	return { items: 1, outputBytes: binary.bytes };
}

/**
 * W5 from an idle n8n: for each run and variant, a fresh n8n on the long-running one's user folder
 * (its database already holds the credentials and workflows) runs the workflow once. Returns each
 * variant's RSS growths.
 */
async function freshFirstPulls({ n8n, packageDirs, env, flatted, variants, runs }) {
	const growths = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
	for (let i = 0; i < runs; i++) {
		for (const [name, [wf, prepare]] of Object.entries(variants)) {
			const instance = await e2e.startN8n({ userFolder: n8n.userFolder, customPackageDir: packageDirs, linkMode: 'copy', env });
			try {
				const r = await runWorkflow({ n8n: instance, session: await e2e.login(instance), flatted }, wf, prepare(), { fetchData: false });
				if (r.status !== 'success') throw new Error(`W5 fresh n8n ${name}: execution ${r.executionId} ended ${r.status}`);
				growths[name].push(r.peakRss - r.rssBefore);
				log(`W5 fresh n8n ${name} run ${i + 1}: idle RSS ${mb(r.rssBefore)} MB, peak ${mb(r.peakRss)} MB (+${mb(r.peakRss - r.rssBefore)}, sampled at ${r.sampledPeakMs} ms), exec ${r.wallMs} ms`);
			} finally {
				await instance.stop({ keepUserFolder: true });
			}
		}
	}
	return growths;
}

// ---- main --------------------------------------------------------------------------------------

async function main() {
	const t0 = Date.now();
	if (opts.build && needN8n) {
		log('npm run build');
		const res = spawnSync('npm', ['run', 'build'], { cwd: REPO, encoding: 'utf8' });
		if (res.status !== 0) throw new Error(`npm run build failed:\n${res.stdout}\n${res.stderr}`);
	}
	if (needN8n) e2e.ensureN8n({ quiet: true });

	const L = opts.latency;
	// What one request costs at the least: n8n's HTTP client opens a new connection for every
	// request, so over https each pays TCP's and TLS's round trips before its own.
	const requestMs = (transport) => (transport === 'https' ? 3 * L : L);
	// One CA for every https sandbox; the child processes (n8n, floors, W7's worker) trust it
	// from the environment they start with.
	const certificates = opts.transports.includes('https') && ['W1', 'W2', 'W3', 'W4', 'W7', 'W8'].some(wants) ? generateCertificates() : undefined;
	if (certificates) process.env.NODE_EXTRA_CA_CERTS = certificates.caPath;
	const sandboxes = [];
	const sandboxWith = async (options) => {
		const s = await startSandbox(options);
		// Time the sandbox spends per request beyond the injected latency (its own processing),
		// so that a slow API simulation is not mistaken for a slow node.
		const handle = s.server.handle.bind(s.server);
		s.server.processingMs = 0;
		s.server.handle = async (req, res) => {
			const t = performance.now();
			try {
				return await handle(req, res);
			} finally {
				s.server.processingMs += performance.now() - t - s.server.latencyMs;
			}
		};
		sandboxes.push(s);
		return s;
	};
	const w7 = async (row, notes) => {
		for (const transport of opts.transports) {
			const tls = transport === 'https' ? certificates : undefined;
			notes.push('', ...(await runW7({ sandboxWith, latencyMs: L, runs: opts.runs, log, row, fmt, transport, tls, requestMs: requestMs(transport) })));
		}
	};
	if (!needN8n) {
		// W7 alone: no n8n to start, no package to build (its worker bundles the sources).
		const rows = [];
		const notes = [];
		try {
			if (wants('W7')) await w7((workload, variant, m, extra = {}) => rows.push({ workload, variant, ...m, ...extra }), notes);
		} finally {
			for (const s of sandboxes) await s.close();
			certificates?.remove();
		}
		printReport({ rows, notes, t0, L });
		return;
	}
	const X3_CUSTOMERS = 2500;
	const SDMO_CUSTOMERS = 3000;
	const S200_CUSTOMERS = 12000;
	const main = await sandboxWith({ latencyMs: L, x3: { customers: X3_CUSTOMERS }, sdmo: { customers: SDMO_CUSTOMERS }, sage200: { customers: S200_CUSTOMERS } });
	const needScale = wants('SCALE') || wants('W5');
	const scaleSizes = wants('SCALE') ? [1000, 10000, 50000] : [50000];
	const scaleBoxes = {};
	if (needScale) for (const n of scaleSizes) scaleBoxes[n] = await sandboxWith({ latencyMs: L, sage200: { customers: n } });
	const w6Box = wants('W6') ? await sandboxWith({ latencyMs: 0 }) : undefined;

	/**
	 * One sandbox's credentials and workflows. Over https every credential and workflow id (and
	 * workflow name) is marked, so that both sets live in one n8n.
	 */
	const setupFor = (box, transport, moreTargets = {}) => {
		const mark = transport === 'https' ? 'S' : '';
		const marked = (workflows) =>
			mark ? Object.fromEntries(Object.entries(workflows).map(([key, wf]) => [key, { ...wf, id: `${wf.id}${mark}`, name: `${wf.name} (https)` }])) : workflows;
		const seedPair = box.x3.pair({ region: 'eu', scope: 'businessDomain.ALL api.graphQL' });
		const env = {
			x3: box.x3.credentials,
			x3Gateway: box.x3.gatewayUrl('eu'),
			x3SeedUrl: `${box.url}/x3/eu/v1/service/X3CLOUDV2_SEED/graphQL`,
			x3CredentialId: `benchCredX3a001${mark}`,
			sdmo: box.sdmo.demo,
			sdmoTokenUrl: `${box.url}/sdmo/v1/token`,
			sdmoCredentialId: `benchCredDmo001${mark}`,
			sage200: { subscriptionKey: box.sage200.demo.subscriptionKey, siteId: box.sage200.demo.siteId },
		};
		const credentials = [
			{
				id: env.x3CredentialId,
				name: 'Bench Sage X3',
				type: 'sageX3Api',
				data: {
					clientId: env.x3.clientId,
					clientSecret: env.x3.clientSecret,
					gateway: 'custom',
					customGatewayUrl: env.x3Gateway,
					customerUrl: seedPair.customer,
					scope: ['businessDomain.ALL', 'api.graphQL'],
					refreshToken: seedPair.refresh_token,
					endpoint: '',
				},
			},
			{
				id: env.sdmoCredentialId,
				name: 'Bench Sage DMO',
				type: 'sageDmoApi',
				data: { clientId: env.sdmo.clientId, clientSecret: env.sdmo.clientSecret, tenantId: env.sdmo.tenantId, tokenUrl: env.sdmoTokenUrl },
			},
		];
		const s200Targets = { main: { box, tag: '12k' }, ...moreTargets };
		for (const t of Object.values(s200Targets)) {
			t.credentialId = `${`benchCredS2${t.tag}`.padEnd(15, 'x')}${mark}`;
			t.baseUrl = t.box.sage200.demo.baseUrl;
			credentials.push({
				id: t.credentialId,
				name: `Bench Sage 200 ${t.tag}`,
				type: 'sage200OAuth2Api',
				data: {
					clientId: t.box.sage200.demo.clientId,
					clientSecret: t.box.sage200.demo.clientSecret,
					authUrl: t.box.sage200.demo.authorizeUrl,
					accessTokenUrl: t.box.sage200.demo.tokenUrl,
					grantType: 'authorizationCode',
					authentication: 'body',
					scope: t.box.sage200.demo.scope,
					authQueryParameters: `audience=${t.box.sage200.demo.audience}`,
					edition: 'sage200extra',
					apiBaseUrl: t.baseUrl,
					subscriptionApiKey: t.box.sage200.demo.subscriptionKey,
					oauthTokenData: t.box.sage200.issue(),
				},
			});
			t.workflows = marked(sage200Workflows(env, t, t.tag));
		}
		return { transport, main: box, env, credentials, s200Targets, x3: marked(x3Workflows(env)), dmo: marked(sdmoWorkflows(env)), w8: marked(upsertWorkflows(env, s200Targets.main)) };
	};
	const moreTargets = {};
	for (const [n, box] of Object.entries(scaleBoxes)) moreTargets[n] = { box, tag: `${Number(n) / 1000}k` };
	if (w6Box) moreTargets.w6 = { box: w6Box, tag: 'w6' };
	// W5, W6 and the scaling runs use the plain HTTP set (their names below are its parts).
	const setups = { http: setupFor(main, 'http', moreTargets) };
	if (certificates && ['W1', 'W2', 'W3', 'W4', 'W8'].some(wants)) {
		const box = await sandboxWith({ latencyMs: L, tls: certificates, x3: { customers: X3_CUSTOMERS }, sdmo: { customers: SDMO_CUSTOMERS }, sage200: { customers: S200_CUSTOMERS } });
		setups.https = setupFor(box, 'https');
	}
	/** The sets W1-W4 and W8 run on, in the order asked. */
	const transportSetups = opts.transports.map((transport) => setups[transport]).filter(Boolean);
	const { env, s200Targets } = setups.http;
	const credentials = Object.values(setups).flatMap((setup) => setup.credentials);
	const allWorkflows = Object.values(setups).flatMap((setup) => [
		...Object.values(setup.x3),
		...Object.values(setup.dmo),
		...Object.values(setup.s200Targets).flatMap((t) => Object.values(t.workflows)),
		...Object.values(setup.w8),
	]);
	// W5's control reads the very pages the 50,000-record pull gets, from files.
	let control;
	if (wants('W5')) {
		const rows = await servedRows(s200Targets[50000], 50000);
		if (rows.length !== 50000) throw new Error(`W5 control: the sandbox served ${rows.length} rows, expected 50000`);
		const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-control-'));
		// As Sage 200 serves them to our node: pages of 5,000 rows.
		for (let page = 0; page * SAGE200_PAGE_SIZE < rows.length; page++) {
			fs.writeFileSync(path.join(folder, `page-${String(page).padStart(3, '0')}.json`), JSON.stringify(rows.slice(page * SAGE200_PAGE_SIZE, (page + 1) * SAGE200_PAGE_SIZE)));
		}
		// W5's file mode must write exactly these rows as NDJSON, in this order.
		const ndjson = require('node:crypto').createHash('sha256');
		for (const row of rows) ndjson.update(`${JSON.stringify(row)}\n`);
		control = { folder, outputBytes: outputBytesOf(rows), ndjsonSha256: ndjson.digest('hex') };
		control.workflow = controlRecordsWorkflow(folder);
		allWorkflows.push(control.workflow);
	}

	log(`starting n8n (package from ${REPO}, copied as users get it)`);
	// --profile <dir>: n8n writes a V8 CPU profile there when it stops (open it in Chrome DevTools).
	const env8n = {
		NODE_ENV: n8nNodeEnv,
		// n8n returns run data over 100 MB as empty; the 50,000-record output is checked like the others.
		EXECUTIONS_DATA_MAX_DISPLAY_SIZE: String(1024 * 1024 * 1024),
		// The https sandboxes' CA (read by Node when n8n starts).
		...(certificates ? { NODE_EXTRA_CA_CERTS: certificates.caPath } : {}),
		// Reading a 50,000-record execution back through n8n's REST API needs more than the default heap.
		NODE_OPTIONS: ['--max-old-space-size=6144', ...(opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [])].join(' '),
	};
	// The bench-only nodes (W4's floor in n8n, W5's control) are loaded beside the package.
	const packageDirs = [REPO, path.join(__dirname, 'control-package')];
	const n8n = await e2e.startN8n({ customPackageDir: packageDirs, linkMode: 'copy', env: env8n });
	const rows = [];
	const notes = [];
	let scaling;
	let w6;
	let freshFolder;
	/** W5's first pulls in a fresh n8n each: they stop the long-running n8n, so they come last. */
	let freshFirstPulls5;
	try {
		log(`n8n ready in ${n8n.startupMs} ms (pid ${n8n.pid}); sandbox ${main.url}, latency ${L} ms`);
		const problems = e2e.packageLoadProblems(n8n, 'n8n-nodes-sage-erp');
		if (problems.length) throw new Error(`n8n could not load the package:\n${problems.join('\n')}`);
		const controlProblems = e2e.packageLoadProblems(n8n, 'n8n-nodes-sage-bench-control');
		if (controlProblems.length) throw new Error(`n8n could not load the bench-only nodes:\n${controlProblems.join('\n')}`);
		const session = await e2e.setupOwner(n8n);
		await e2e.importCredentials(n8n, credentials);
		await e2e.importWorkflows(n8n, allWorkflows.map(({ last, ...w }) => w));
		const ctx = { n8n, session, flatted: loadFlatted(n8n) };

		const row = (workload, variant, m, extra = {}) => {
			const r = { workload, variant, ...m, ...extra };
			rows.push(r);
			return r;
		};

		// W6 first: CPU per request of our transport vs a bare fetch to the same route (latency 0),
		// measured while n8n's heap is small (after the 50,000-record runs its GCs cost far more).
		if (w6Box) {
			const t = s200Targets.w6;
			const N = opts.w6Requests;
			const all = w6Box.sage200.records(1, 'customers').map((r) => r.id);
			const ids = Array.from({ length: N }, (_, i) => all[i % all.length]);
			const token = w6Box.sage200.issue().access_token;
			const items = ids.map((id) => ({ id: String(id), token }));
			const cpu = {};
			for (const [name, wf] of [['control', t.workflows.control], ['ours', t.workflows.getOurs], ['http', t.workflows.getHttp], ['httpAuth', t.workflows.getHttpAuth]]) {
				const m = await measure(ctx, { label: `W6 ${name}`, sandbox: w6Box, wf, prepare: () => items, product: 's200', tokenRoute: 's200.token', expectItems: N, runs: 3 });
				cpu[name] = { ...m, cpuMs: median(m.samples.filter((s) => !s.warmup).map((s) => s.cpuMs)) };
			}
			const headers = { authorization: `Bearer ${token}`, 'ocp-apim-subscription-key': env.sage200.subscriptionKey, 'x-site': env.sage200.siteId, 'x-company': '1', accept: 'application/json' };
			const loops = { fetch: [], n8n: [] };
			for (let i = 0; i < 3; i++) {
				for (const mode of ['fetch', 'n8n']) loops[mode].push(await requestLoopCpu(mode, n8n.paths, `${t.baseUrl}customers/`, headers, ids));
			}
			for (const [mode, results] of Object.entries(loops)) if (results.some((b) => b.ok !== N)) throw new Error(`${mode} request loop: ${JSON.stringify(results)}`);
			const fetchCpu = median(loops.fetch.map((b) => b.cpuMs));
			const n8nClientCpu = median(loops.n8n.map((b) => b.cpuMs));
			const perReq = (ms) => ms / N;
			w6 = {
				N,
				controlMs: cpu.control.cpuMs,
				oursMs: cpu.ours.cpuMs,
				httpMs: cpu.http.cpuMs,
				fetchMs: fetchCpu,
				oursPerReq: perReq(cpu.ours.cpuMs - cpu.control.cpuMs),
				httpPerReq: perReq(cpu.http.cpuMs - cpu.control.cpuMs),
				httpAuthPerReq: perReq(cpu.httpAuth.cpuMs - cpu.control.cpuMs),
				fetchPerReq: perReq(fetchCpu),
				n8nClientPerReq: perReq(n8nClientCpu),
				oursWall: cpu.ours.wallMs,
				httpWall: cpu.http.wallMs,
			};
			w6.overhead = w6.oursPerReq - w6.fetchPerReq;
			row('W6', 'ours', { wallMs: cpu.ours.wallMs, execMs: cpu.ours.execMs, requests: cpu.ours.requests, tokens: cpu.ours.tokens, peakRss: cpu.ours.peakRss }, {
				target: '<= 1 ms CPU per request over a bare fetch',
				met: w6.overhead <= 1,
				note: `n8n CPU ${fmt(w6.oursPerReq, 3)} ms/request (node) vs ${fmt(w6.fetchPerReq, 3)} ms (bare fetch) => overhead ${fmt(w6.overhead, 3)} ms`,
			});
			row('W6', "n8n's HTTP client alone", {}, {
				note: `${fmt(w6.n8nClientPerReq, 3)} ms/request = ${fmt(w6.n8nClientPerReq - w6.fetchPerReq, 3)} ms over bare fetch before any node or execution engine; ours over it: ${fmt(w6.oursPerReq - w6.n8nClientPerReq, 3)} ms`,
			});
			row('W6', 'HTTP Request node', { wallMs: cpu.http.wallMs, execMs: cpu.http.execMs, requests: cpu.http.requests, tokens: cpu.http.tokens, peakRss: cpu.http.peakRss }, {
				note: `n8n CPU ${fmt(w6.httpPerReq, 3)} ms/request`,
			});
			row('W6', 'HTTP Request node + Sage 200 credential', { wallMs: cpu.httpAuth.wallMs, execMs: cpu.httpAuth.execMs, requests: cpu.httpAuth.requests, tokens: cpu.httpAuth.tokens, peakRss: cpu.httpAuth.peakRss }, {
				note: `n8n CPU ${fmt(w6.httpAuthPerReq, 3)} ms/request: n8n's own cost of an authenticated request; ours minus this = ${fmt(w6.oursPerReq - w6.httpAuthPerReq, 3)} ms`,
			});
		}

		// W1: X3 Get Many, every customer (cursor paging, 100 a page); ours and the baseline of each
		// transport in turns.
		if (wants('W1')) {
			const pages = Math.ceil(X3_CUSTOMERS / 100);
			const specs = transportSetups.flatMap(({ transport, main: box, x3 }) => [
				{ label: `W1 ${transport} ours`, sandbox: box, wf: x3.w1Ours, prepare: () => [{}], product: 'x3', tokenRoute: 'x3.token', expectItems: X3_CUSTOMERS },
				{
					label: `W1 ${transport} baseline`,
					sandbox: box,
					wf: x3.w1Baseline,
					prepare: () => [{ refreshToken: box.x3.pair({ region: 'eu', scope: 'businessDomain.ALL api.graphQL' }).refresh_token }],
					product: 'x3',
					tokenRoute: 'x3.token',
					expectItems: X3_CUSTOMERS,
				},
			]);
			const measured = await measureInterleaved(ctx, specs);
			for (const [index, { transport, main: box, env: setupEnv }] of transportSetups.entries()) {
				const [ours, base] = measured.slice(2 * index, 2 * index + 2);
				const limitMs = (pages + 1) * requestMs(transport);
				const floorToken = box.x3.issueTokens({ region: 'eu' }).access_token;
				const floor = await floorMs(n8n.paths.nodeBin, ['x3pages', setupEnv.x3SeedUrl, floorToken, opts.runs]);
				// The same requests through n8n's HTTP client, which every node's request helpers end in.
				const clientFloor = await floorMs(n8n.paths.nodeBin, ['x3pages-n8n', setupEnv.x3SeedUrl, floorToken, n8nHttpClient(n8n.paths), opts.runs]);
				for (const f of [floor, clientFloor]) if (f.records !== X3_CUSTOMERS) throw new Error(`W1 floor read ${f.records} customers, expected ${X3_CUSTOMERS}`);
				const met = ours.maxRequests <= pages + 1 + 1 && ours.wallMs <= 1.15 * limitMs;
				const t = { transport };
				row('W1', 'ours', ours, { ...t, ours: true, limitMs, baseline: base, target: `requests = ${pages} pages + <=1 token; wall <= 1.15 x limit`, met });
				row('W1', 'baseline', base, { ...t, limitMs });
				row('W1', 'limit', { wallMs: limitMs, requests: pages + 1, tokens: 1 }, t);
				// The folder's schema must follow the folder list (its URL) and precede the first page
				// (the query's fields), so the node's chain is one round trip longer than the limit's.
				const schemaLimitMs = (pages + 2) * requestMs(transport);
				row('W1', 'limit with the schema', { wallMs: schemaLimitMs, requests: pages + 2, tokens: 0 }, {
					...t,
					note: `the folder list, the folder's schema, then the ${pages} pages, in a row: ours/this ${fmt(ours.wallMs / schemaLimitMs, 2)} (the target reads the limit above)`,
				});
				row('W1', 'floor (bare fetch)', { wallMs: floor.ms, requests: pages + 1, tokens: 0 }, { ...t, note: `the folder list and the same ${pages} pages, no n8n: ${fmt(floor.ms / limitMs, 2)} x limit; ours/floor ${fmt(ours.wallMs / floor.ms, 2)}` });
				row('W1', "floor (n8n's HTTP client)", { wallMs: clientFloor.ms, requests: pages + 1, tokens: 0 }, {
					...t,
					note: `the same requests through n8n's HTTP client, no node or engine: ${fmt(clientFloor.ms / limitMs, 2)} x limit; ours/this ${fmt(ours.wallMs / clientFloor.ms, 2)}`,
				});
			}
		}

		/** A check that item i of the output (its json) is the record of key i. */
		const sameKeys = (keyOf, keys) => (output) => {
			const keyAt = (json) => {
				try {
					return String(keyOf(json));
				} catch {
					return undefined;
				}
			};
			const index = output.findIndex((json, i) => keyAt(json) !== keys[i]);
			return index === -1 ? undefined : `output item ${index} is not the record ${keys[index]}: ${JSON.stringify(output[index]).slice(0, 200)}`;
		};

		// W2 and W3: 1,000 input items read by key. Two baselines: n8n's GraphQL node (item after
		// item) and the HTTP Request node (every item's request at once, so bound by n8n's CPU, not
		// by latency). The floor replays ours' requests with a bare fetch: the best any client gets.
		// `variantsOf(setup)`: the three variants over one transport's sandbox and workflows.
		const lookupWorkload = async ({ id, variantsOf, requests, rounds, tokens, target, met }) => {
			// In turns, so that all see the same n8n (its heap and the machine drift over a run). The
			// GraphQL node's item after item takes 1,000 round trips (over https three each), 30-100 s
			// a run at 300-400x ours: one run, no warm-up.
			const specs = transportSetups.flatMap((setup) => {
				const { ours, httpRequest, graphqlNode } = variantsOf(setup);
				return [{ ...ours, keepRequests: true }, httpRequest, { ...graphqlNode, runs: 1, warmup: 0 }].map((spec) => ({ ...spec, label: `${id} ${setup.transport} ${spec.label}` }));
			});
			const measured = await measureInterleaved(ctx, specs);
			for (const [index, { transport, main: box }] of transportSetups.entries()) {
				const [o, h, g] = measured.slice(3 * index, 3 * index + 3);
				const limitMs = rounds * requestMs(transport);
				const floor = await replayFloor(n8n.paths.nodeBin, box, o, opts.runs);
				const ratio = (base) => `${fmt(base.wallMs / o.wallMs, 1)}x`;
				const t = { transport };
				row(id, 'ours', o, {
					...t,
					ours: true,
					limitMs,
					baseline: g,
					target,
					met: met(o) && g.wallMs / o.wallMs >= 20,
					note: `${ratio(g)} faster than the GraphQL node, ${ratio(h)} than the HTTP Request node`,
				});
				row(id, "baseline: n8n's GraphQL node, item after item", g, { ...t, limitMs });
				row(id, 'baseline: HTTP Request node, every item at once', h, { ...t, limitMs });
				row(id, 'limit', { wallMs: limitMs, requests, tokens }, t);
				row(id, 'floor (bare fetch)', { wallMs: floor.ms, requests: o.requests, tokens: 0 }, {
					...t,
					note: `ours' requests replayed in ${floor.rounds.length} rounds (${floor.rounds.join(' + ')}), no n8n: ${fmt(floor.ms / limitMs, 2)} x limit; ours/floor ${fmt(o.wallMs / floor.ms, 2)}; GraphQL node/floor ${fmt(g.wallMs / floor.ms, 1)}x, HTTP Request node/floor ${fmt(h.wallMs / floor.ms, 1)}x`,
				});
			}
		};

		// W2: X3, 1,000 input items, get customer by code.
		if (wants('W2')) {
			const codes = Array.from({ length: 1000 }, (_, i) => ({ code: `AE${String(i + 1).padStart(4, '0')}` }));
			const keys = codes.map((c) => c.code);
			// Both baselines output X3's response to a one-customer query.
			const sameResponseKeys = sameKeys((json) => json.data.sage.x3BusinessPartners.customer.edges[0]?.node.code, keys);
			// Round trips that must follow one another: the folder list, the folder's schema (the key
			// field's type is read from it, issue 17), then every batch at once.
			await lookupWorkload({
				id: 'W2',
				variantsOf: ({ main: box, x3 }) => {
					const withRefreshToken = () => {
						const items = codes.map((c) => ({ ...c }));
						items[0].refreshToken = box.x3.pair({ region: 'eu', scope: 'businessDomain.ALL api.graphQL' }).refresh_token;
						return items;
					};
					const base = { sandbox: box, product: 'x3', tokenRoute: 'x3.token', expectItems: 1000 };
					return {
						ours: { ...base, label: 'ours', wf: x3.w2Ours, prepare: () => codes, check: sameKeys((json) => json.code, keys) },
						httpRequest: { ...base, label: 'baseline (HTTP Request node)', wf: x3.w2Baseline, prepare: withRefreshToken, check: sameResponseKeys },
						graphqlNode: { ...base, label: 'baseline (GraphQL node)', wf: x3.w2GraphqlNode, prepare: withRefreshToken, check: sameResponseKeys },
					};
				},
				requests: 12,
				rounds: 3,
				tokens: 0,
				target: '<= 25 requests; >= 20x faster than the per-item baseline',
				met: (o) => o.maxRequests <= 25,
			});
		}

		// W3: SDMO, 1,000 input items, read by id.
		if (wants('W3')) {
			const ids = Array.from({ length: 1000 }, (_, i) => ({ id: String(i + 1) }));
			const keys = ids.map((item) => item.id);
			const readId = (json) => json.data.xtremMasterData.customer.read?._id;
			// The token, then every batch at once.
			await lookupWorkload({
				id: 'W3',
				variantsOf: ({ main: box, dmo }) => {
					const base = { sandbox: box, prepare: () => ids, product: 'sdmo', tokenRoute: 'sdmo.token', expectItems: 1000 };
					return {
						ours: { ...base, label: 'ours', wf: dmo.w3Ours, check: sameKeys((json) => json._id, keys) },
						httpRequest: { ...base, label: 'baseline (HTTP Request node)', wf: dmo.w3Baseline, check: sameKeys(readId, keys) },
						graphqlNode: { ...base, label: 'baseline (GraphQL node)', wf: dmo.w3GraphqlNode, check: sameKeys(readId, keys) },
					};
				},
				requests: 1 + Math.ceil(1000 / 100),
				rounds: 2,
				tokens: 1,
				target: '1 token request in total; >= 20x faster than the per-item baseline',
				met: (o) => o.tokensTotal <= 1,
			});
		}

		// W4: Sage 200 Get Many, all 12,000 customers of a company.
		const s200Token = (t) => () => [{ token: t.box.sage200.issue().access_token }];
		if (wants('W4')) {
			// Ours, the baseline and the bare-fetch floor (one child process a run) of each transport, in turns.
			const floorSpec = (transport, t) => {
				const headers = { authorization: `Bearer ${t.box.sage200.issue().access_token}`, 'ocp-apim-subscription-key': t.box.sage200.demo.subscriptionKey, 'x-site': t.box.sage200.demo.siteId, 'x-company': '1' };
				return {
					label: `W4 ${transport} floor (bare fetch)`,
					sampleOnce: async (i) => {
						const floor = await floorMs(n8n.paths.nodeBin, ['s200', `${t.baseUrl}customers`, JSON.stringify(headers), SAGE200_PAGE_SIZE, 1]);
						if (floor.records !== S200_CUSTOMERS) throw new Error(`W4 floor read ${floor.records} customers, expected ${S200_CUSTOMERS}`);
						log(`W4 ${transport} floor run ${i}${i === 0 ? ' (warm-up)' : ''}: wall ${floor.ms} ms, JSON.parse ${floor.parseMs} ms`);
						return { wallMs: floor.ms, parseMs: floor.parseMs, requests: 3, tokens: 0, warmup: i === 0 };
					},
				};
			};
			const specs = transportSetups.flatMap(({ transport, main: box, s200Targets: targets }) => {
				const t = targets.main;
				return [
					{ label: `W4 ${transport} ours`, sandbox: box, wf: t.workflows.ours, prepare: () => [{}], product: 's200', tokenRoute: 's200.token', expectItems: S200_CUSTOMERS },
					{ label: `W4 ${transport} baseline`, sandbox: box, wf: t.workflows.baseline, prepare: s200Token(t), product: 's200', tokenRoute: 's200.token', expectItems: S200_CUSTOMERS },
					floorSpec(transport, t),
					// The same bare client as the floor, inside n8n: what any node pays for n8n's thread and heap.
					{ label: `W4 ${transport} floor in n8n`, sandbox: box, wf: t.workflows.floorInN8n, prepare: s200Token(t), product: 's200', tokenRoute: 's200.token', expectItems: S200_CUSTOMERS },
				];
			});
			const measured = await measureInterleaved(ctx, specs);
			for (const [index, { transport }] of transportSetups.entries()) {
				const [ours, base, floor, inN8n] = measured.slice(4 * index, 4 * index + 4);
				const limitMs = 2 * requestMs(transport);
				const parseMs = median(floor.samples.filter((sample) => !sample.warmup).map((sample) => sample.parseMs));
				const t = { transport };
				row('W4', 'ours', ours, { ...t, ours: true, limitMs, baseline: base, target: 'wall <= 1.3 x limit (first page with $count, the rest in parallel from its headers)', met: ours.wallMs <= 1.3 * limitMs });
				row('W4', 'baseline', base, { ...t, limitMs });
				row('W4', 'limit', { wallMs: limitMs, requests: 1 + Math.ceil((S200_CUSTOMERS - SAGE200_PAGE_SIZE) / SAGE200_PAGE_SIZE), tokens: 0 }, t);
				row('W4', 'floor (bare fetch)', { wallMs: floor.wallMs, requests: 3, tokens: 0 }, {
					...t,
					target: 'ours/floor <= 1.2',
					met: ours.wallMs <= 1.2 * floor.wallMs,
					note: `same 3 pages (pages 2-3 asked for at the first answer's headers, as the node asks), no n8n, in turns with ours${transport === 'https' ? ', a new connection per request as n8n opens' : ''}: ${fmt(floor.wallMs / limitMs, 2)} x limit; ours/floor ${fmt(ours.wallMs / floor.wallMs, 2)}; JSON.parse of the 3 bodies alone ${fmt(parseMs)} ms = ${fmt(parseMs / limitMs, 2)} x limit; ours' first request reached Sage ${fmt(ours.beforeFirstMs)} ms after the node started, its end came ${fmt(ours.afterLastMs)} ms after the last answer left`,
				});
				row('W4', 'floor in n8n (bench node, bare client)', inN8n, {
					...t,
					note: `the floor's own client and plan in a bench-only node (bench/control-package), each row an item, no checks: ${fmt(inN8n.wallMs / floor.wallMs, 2)} x the floor outside n8n (n8n's share); ours/this ${fmt(ours.wallMs / inN8n.wallMs, 2)} (the node's share); its end came ${fmt(inN8n.afterLastMs)} ms after the last answer left`,
				});
			}
		}

		// W7: a trigger's poll vs Get Many all + compare (n8n's engine in its own process, n8n idle meanwhile).
		if (wants('W7')) await w7(row, notes);

		// W5 and scaling: Sage 200 Get Many at 1k / 10k / 50k records.
		if (needScale) {
			scaling = [];
			for (const n of scaleSizes) {
				const t = s200Targets[n];
				const runs = n === 50000 && wants('W5') ? opts.runs : opts.scaleRuns;
				const verify = n >= 50000 ? () => verifyBigPull(ctx, t, n, control?.outputBytes) : undefined;
				const oursSpec = { label: `Sage 200 ${t.tag} ours`, sandbox: t.box, wf: t.workflows.ours, prepare: () => [{}], product: 's200', tokenRoute: 's200.token', expectItems: n, runs, verify };
				if (!(n === 50000 && wants('W5'))) {
					scaling.push({ n, ...(await measure(ctx, oursSpec)) });
					continue;
				}
				// W5: ours, the HTTP Request node paging the same records (its output is the same rows,
				// not read back) and the control (the same pages from disk, no HTTP), in turns.
				const sameRows = async () => ({ items: n, outputBytes: control.outputBytes });
				const fileSpec = { label: `Sage 200 ${t.tag} ours, one file`, sandbox: t.box, wf: t.workflows.oursFile, prepare: () => [{}], product: 's200', tokenRoute: 's200.token', expectItems: 1, runs, verify: () => verifyFilePull(ctx, t, n, control.ndjsonSha256) };
				const file2Spec = { ...fileSpec, label: `Sage 200 ${t.tag} ours, one file, Concurrency 2`, wf: t.workflows.oursFile2, verify: () => verifyFilePull(ctx, t, n, control.ndjsonSha256, t.workflows.oursFile2) };
				const [m, base, floor, file, file2] = await measureInterleaved(ctx, [
					oursSpec,
					{ label: `Sage 200 ${t.tag} baseline`, sandbox: t.box, wf: t.workflows.baseline, prepare: s200Token(t), product: 's200', tokenRoute: 's200.token', runs, verify: sameRows },
					{ label: 'W5 control', sandbox: t.box, wf: control.workflow, prepare: () => [{}], product: 's200', tokenRoute: 's200.token', runs, verify: sameRows },
					fileSpec,
					file2Spec,
				]);
				scaling.push({ n, ...m });
				if (floor.maxRequests !== 0) throw new Error(`W5 control sent ${floor.maxRequests} requests`);
				const growth = (v) =>
					`${mb(v.rssGrowth)} MB = ${fmt(v.rssGrowth / m.outputBytes, 2)}x the output JSON (largest of ${runs} runs; median ${mb(v.rssGrowthMedian)} MB = ${fmt(v.rssGrowthMedian / m.outputBytes, 2)}x)`;
				row('W5', 'baseline', base, { note: `RSS growth ${growth(base)}` });
				row('W5', 'ours', m, {
					target: 'peak RSS growth <= 3 x output JSON',
					met: m.rssGrowth <= 3 * m.outputBytes,
					note: `RSS growth ${growth(m)}; output JSON ${mb(m.outputBytes)} MB`,
				});
				const fileGrowth = (v) => `${mb(v.rssGrowth)} MB = ${fmt(v.rssGrowth / v.outputBytes, 2)}x the file (largest of ${runs} runs; median ${mb(v.rssGrowthMedian)} MB = ${fmt(v.rssGrowthMedian / v.outputBytes, 2)}x)`;
				row('W5', 'ours, Output: One File (NDJSON)', file, {
					baseline: m,
					target: 'peak RSS growth <= 1.5 x the file; wall <= Items',
					met: file.rssGrowth <= 1.5 * file.outputBytes && file.wallMs <= m.wallMs,
					note: `side by side with ours as Items: RSS growth ${fileGrowth(file)} vs Items ${fmt(m.rssGrowth / m.outputBytes, 2)}x its output JSON; wall ${fmt(file.wallMs)} vs ${fmt(m.wallMs)} ms (file/items ${fmt(file.wallMs / m.wallMs, 2)}); the file ${mb(file.outputBytes)} MB in n8n's binary data, checked byte for byte against the served rows`,
				});
				row('W5', 'ours, One File, Concurrency 2', file2, {
					baseline: m,
					note: `2 pages at once instead of the default 4: RSS growth ${fileGrowth(file2)}; wall ${fmt(file2.wallMs)} ms (file/items ${fmt(file2.wallMs / m.wallMs, 2)})`,
				});
				row('W5', 'control (same pages from disk, no HTTP)', floor, {
					note: `a bench-only node reads the same ${n} rows as 10 page files, parses them and outputs them as fast as the disk gives them: RSS growth ${growth(floor)}; ours/control ${fmt(m.rssGrowth / floor.rssGrowth, 2)} (medians ${fmt(m.rssGrowthMedian / floor.rssGrowthMedian, 2)})`,
				});
				const save = saveFloor(n8n, n);
				const times = (bytes) => `${fmt(bytes / save.outputBytes, 2)}x`;
				row('W5', "n8n's save path alone (fresh process, no node)", {}, {
					note: `not a floor (RSS growth depends on the heap a process already has), but what saving such an output costs by itself: a Node 24 process parses the same rows into items and saves them as n8n does (flatted.stringify, written into SQLite in WAL mode with n8n's sqlite3): RSS growth ${mb(save.warmup.rssGrowth)} MB (${times(save.warmup.rssGrowth)}) the first time, ${mb(save.measured.rssGrowth)} MB (${times(save.measured.rssGrowth)}) the second; the items alone are ${mb(save.measured.itemsBytes)} MB (${times(save.measured.itemsBytes)}), the saved string ${mb(save.measured.savedBytes)} MB. The save alone, from the items in memory (garbage collected) to its peak: ${mb(save.warmup.saveGrowth)} MB (${times(save.warmup.saveGrowth)}) the first time, ${mb(save.measured.saveGrowth)} MB (${times(save.measured.saveGrowth)}) the second`,
				});
				if (opts.freshRuns > 0) {
					// Last of all (after W8): it stops the long-running n8n and starts one per run on its user folder.
					freshFirstPulls5 = async () => {
						await n8n.stop({ keepUserFolder: true });
						freshFolder = n8n.userFolder;
						const variants = { ours: [t.workflows.ours, () => [{}]], baseline: [t.workflows.baseline, s200Token(t)], control: [control.workflow, () => [{}]], file: [t.workflows.oursFile, () => [{}]], file2: [t.workflows.oursFile2, () => [{}]] };
						const fresh = await freshFirstPulls({ n8n, packageDirs, env: env8n, flatted: ctx.flatted, variants, runs: opts.freshRuns });
						const list = (values) => values.map((v) => `${mb(v)} MB (${fmt(v / m.outputBytes, 2)}x)`).join(', ');
						row('W5', 'fresh n8n, first pull', {}, {
							// A long-running n8n's heap may already hold room for a pull; a fresh one must grow for it.
							target: 'ours into one file: RSS growth <= 1.5 x the file',
							met: Math.max(...fresh.file) <= 1.5 * file.outputBytes,
							note: `RSS growth of an n8n started for the one run, over its idle RSS, ${opts.freshRuns} runs each (x the output JSON): ours ${list(fresh.ours)}; baseline ${list(fresh.baseline)}; control ${list(fresh.control)}; ours into one file ${list(fresh.file)}; the same with Concurrency 2 ${list(fresh.file2)}`,
						});
					};
				}
			}
		}

		// W8: Create or Update of 1,000 customers, half new and half existing, X3 and Sage 200: ours
		// (one node: the keys looked up in batches, the writes in parallel) vs the baseline a user
		// builds today with this package's other nodes (a loop: Get, IF, Update or Create per item).
		if (wants('W8')) {
			const N = 1000;
			const w8Runs = Math.min(opts.runs, 3);
			let seq = 0;
			const isLookup = (entry) => {
				if (entry.name === 's200.customers.list') return true;
				if (entry.name !== 'x3.graphql') return false;
				const query = String(JSON.parse(entry.rawBody.toString('utf8')).query);
				return !/^\s*mutation\b/.test(query) && !query.includes('__schema');
			};
			const countLookups = (log) => log.filter(isLookup).length;
			for (const { transport, main: box, w8 } of transportSetups) {
				const existingX3 = box.x3.customers().slice(0, N / 2).map((c) => c.code);
				const existingS200 = box.sage200.records(1, 'customers').slice(0, N / 2).map((c) => c.reference);
				// Every run gets new keys for its new half, and new names for all.
				const x3Items = () => {
					const run = ++seq;
					return Array.from({ length: N }, (_, i) => ({ code: i % 2 === 0 ? existingX3[i / 2] : `W8${String(run).padStart(2, '0')}${String(i).padStart(4, '0')}`, name: `W8 run ${run} item ${i}` }));
				};
				// Sage 200 references are at most 8 characters.
				const s200Items = () => {
					const run = ++seq;
					return Array.from({ length: N }, (_, i) => ({ reference: i % 2 === 0 ? existingS200[i / 2] : `N${String(run).padStart(3, '0')}${String(i).padStart(4, '0')}`, name: `W8 run ${run} item ${i}` }));
				};
				const outcomes = (output) => {
					const created = output.filter((json) => json._outcome === 'created').length;
					const updated = output.filter((json) => json._outcome === 'updated').length;
					return created === N / 2 && updated === N / 2 ? undefined : `expected ${N / 2} created and ${N / 2} updated, got ${created} and ${updated}`;
				};
				const noErrors = (output) => {
					const failed = output.filter((json) => json.error !== undefined);
					return failed.length ? `${failed.length} items failed: ${JSON.stringify(failed[0]).slice(0, 200)}` : undefined;
				};
				const variants = [
					{ product: 'X3', route: 'x3', token: 'x3.token', prepare: x3Items, ours: w8.x3Ours, baseline: w8.x3Baseline },
					{ product: 'Sage 200', route: 's200', token: 's200.token', prepare: s200Items, ours: w8.s200Ours, baseline: w8.s200Baseline },
				];
				for (const v of variants) {
					const common = { sandbox: box, product: v.route, tokenRoute: v.token, prepare: v.prepare, expectItems: N, countLookups, runs: w8Runs };
					const ours = await measure(ctx, { ...common, label: `W8 ${transport} ${v.product} ours`, wf: v.ours, keepRequests: true, check: (output) => noErrors(output) ?? outcomes(output) });
					// The baseline takes minutes a run (over https three times the latency): one run, no warm-up.
					const base = await measure(ctx, { ...common, label: `W8 ${transport} ${v.product} baseline`, wf: v.baseline, check: noErrors, warmup: 0, runs: 1 });
					// Ours' requests that waited for one another (its last run), each at least a request's cost.
					const rounds = dependentRounds(ours.samples[ours.samples.length - 1].requestLog);
					const limitMs = rounds * requestMs(transport);
					const faster = base.wallMs / ours.wallMs;
					const perThousand = (ours.lookups / N) * 1000;
					row('W8', `${v.product} ours (Create or Update)`, ours, {
						transport,
						ours: true,
						limitMs,
						baseline: base,
						target: 'lookups <= 10 per 1,000 items; >= 10x faster than the baseline',
						met: perThousand <= 10 && faster >= 10,
						note: `${fmt(faster, 1)}x faster than the baseline; limit: ${rounds} requests of ours waited each for the one before; ${fmt(ours.lookups)} lookups (baseline ${fmt(base.lookups)}), ${fmt(ours.requests - ours.lookups)} other requests (writes, schema, token)`,
					});
					row('W8', `${v.product} baseline (Loop: Get, IF, Update or Create)`, base, { transport, note: `${fmt(base.lookups)} lookups, ${fmt(base.requests - base.lookups)} other requests` });
				}
			}
		}

		if (freshFirstPulls5) await freshFirstPulls5();
	} finally {
		await n8n.stop();
		for (const s of sandboxes) await s.close();
		certificates?.remove();
		if (control) fs.rmSync(control.folder, { recursive: true, force: true });
		if (freshFolder) fs.rmSync(freshFolder, { recursive: true, force: true });
	}

	if (opts.profileDir) {
		// n8n wrote its profiles when it stopped: each run of the node, split by where its time went.
		notes.push('', `CPU profiles in ${opts.profileDir} (\`node bench/profile.js ${opts.profileDir} --skip 1\` leaves the warm-up out of the medians; with one workload in --only, its runs are the spans in turn):`, '');
		try {
			notes.push(reportProfiles(opts.profileDir, { since: t0 }));
		} catch (error) {
			notes.push(`the profiles could not be read: ${error.message}`);
		}
	}
	printReport({ rows, notes, scaling, w6, t0, L });
}

/** The report: every workload's variants in one table, the scaling and W6 detail, the notes. */
function printReport({ rows, notes, scaling, w6, t0, L }) {
	const out = [];
	out.push(`# Benchmark: n8n-nodes-sage-erp vs baseline vs round-trip limit`);
	out.push('');
	out.push(`n8n ${e2e.N8N_VERSION}, sandbox latency ${L} ms a round trip (https: a new connection also waits one for TCP and one for TLS), median of ${opts.runs} runs after 1 warm-up; ${new Date().toISOString()}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${os.cpus().length} CPUs`);
	out.push('');
	out.push('| workload | transport | variant | wall ms | n8n exec ms | sandbox ms | requests | token req | peak RSS MB | ours/baseline | ours/limit | target | met? |');
	out.push('|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
	const order = (r) => Number(r.workload.slice(1));
	for (const r of [...rows].sort((a, b) => order(a) - order(b))) {
		const ratioBase = r.baseline ? fmt(r.wallMs / r.baseline.wallMs, 3) : '';
		const ratioLimit = r.ours && r.limitMs ? fmt(r.wallMs / r.limitMs, 2) : '';
		const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
		out.push(
			`| ${r.workload} | ${r.transport ?? 'http'} | ${r.variant} | ${fmt(r.wallMs)}${r.wallFromExec ? ' †' : ''} | ${r.execMs === undefined ? '' : fmt(r.execMs)} | ${r.sandboxMs === undefined ? '' : fmt(r.sandboxMs)} | ${fmt(r.requests)} | ${fmt(r.tokens)} | ${r.peakRss ? mb(r.peakRss) : ''} | ${ratioBase} | ${ratioLimit} | ${r.target || ''}${r.note ? ` (${r.note})` : ''} | ${met} |`,
		);
	}
	const transportRows = rows.filter((r) => r.ours && r.limitMs);
	if (transportRows.some((r) => r.transport === 'https')) {
		out.push('');
		out.push(`Ours over plain HTTP and over HTTPS (limit: the round trips that must follow one another x ${L} ms; over https each request is three, n8n's HTTP client opening a new connection, TCP and TLS, for every request):`);
		out.push('');
		out.push('| workload | variant | http wall ms | http limit ms | http ours/limit | https wall ms | https limit ms | https ours/limit | https/http | https connections a run |');
		out.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
		const key = (r) => `${r.workload} ${r.variant}`;
		for (const name of [...new Set(transportRows.map(key))]) {
			const http = transportRows.find((r) => key(r) === name && (r.transport ?? 'http') === 'http');
			const https = transportRows.find((r) => key(r) === name && r.transport === 'https');
			const cells = (r) => (r ? [fmt(r.wallMs), fmt(r.limitMs), fmt(r.wallMs / r.limitMs, 2)] : ['', '', '']);
			const sample = http ?? https;
			out.push(`| ${sample.workload} | ${sample.variant} | ${[...cells(http), ...cells(https)].join(' | ')} | ${http && https ? fmt(https.wallMs / http.wallMs, 2) : ''} | ${https ? fmt(https.connections) : ''} |`);
		}
	}
	if (scaling) {
		out.push('');
		out.push('Scaling (Sage 200 Get Many, ours, all customers of a company):');
		out.push('');
		out.push('| records | wall ms | ms / 1k records | requests | peak RSS MB | RSS growth MB | output JSON MB |');
		out.push('|---:|---:|---:|---:|---:|---:|---:|');
		for (const s of scaling) {
			out.push(`| ${s.n} | ${fmt(s.wallMs)}${s.wallFromExec ? ' †' : ''} | ${fmt((s.wallMs / s.n) * 1000, 1)} | ${fmt(s.requests)} | ${mb(s.peakRss)} | ${mb(s.rssGrowth)} | ${fmt(s.outputBytes / 1048576, 1)} |`);
		}
	}
	if (w6) {
		out.push('');
		out.push(
			`W6 detail (${w6.N} GETs of one customer, latency 0): n8n main-process CPU per run — control (items through a NoOp) ${fmt(w6.controlMs)} ms, our node ${fmt(w6.oursMs)} ms, HTTP Request node ${fmt(w6.httpMs)} ms; bare fetch loop (Node 24 process) ${fmt(w6.fetchMs)} ms; n8n's HTTP client (@n8n/backend-network httpRequest) looped in the same kind of process ${fmt(w6.n8nClientPerReq * w6.N)} ms. Per request, control subtracted: ours ${fmt(w6.oursPerReq, 3)} ms, HTTP Request node ${fmt(w6.httpPerReq, 3)} ms, HTTP Request node with the Sage 200 credential ${fmt(w6.httpAuthPerReq, 3)} ms, bare fetch ${fmt(w6.fetchPerReq, 3)} ms, n8n's HTTP client ${fmt(w6.n8nClientPerReq, 3)} ms (it opens a new connection for every request: n8n builds a fresh agent per request, so nothing a node does can reuse one).`,
		);
	}
	out.push('');
	out.push('† big outputs (more than 20,000 items): wall is n8n\'s startedAt..stoppedAt of the execution (its run data is only read back on the warm-up run, where the item count and output size are checked).');
	out.push(`Total bench time ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
	for (const n of notes) out.push(n);
	console.log(out.join('\n'));
	process.exitCode = rows.some((r) => r.met === false) ? 1 : 0;
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 2;
});

