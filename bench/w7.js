'use strict';
/**
 * W7 (issue 19): a poll for changed records vs the baseline a user builds today (Schedule Trigger →
 * Get Many with Return All → a Code node comparing with the previous run's records), over 2,500 X3
 * customers and 12,000 Sage 200 customers of which 50 changed since the last run.
 *
 * The nodes run through n8n's real engine (test/harness/engine.ts, n8n-core's WorkflowExecute and
 * PollContext) in a Node process of their own (bench/w7-worker.ts), against a sandbox of the bench
 * process with the bench's latency per request. Per round: the sandbox's clock moves on by the poll
 * interval, 50 customers change, spread over it; then each variant runs once, in turns (the order
 * alternates), each with a credential of its own. The first round of each variant is its warm-up
 * (the baseline's first run only saves its snapshot, the trigger's activation only sets its
 * watermark); then one warm-up round and `runs` measured rounds. Each run must find exactly the 50
 * changed customers. Requests are counted by kind from the sandbox's log.
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..');
const X3_CUSTOMERS = 2500;
const S200_CUSTOMERS = 12000;
const CHANGED = 50;
/** Minutes between polls (and between the baseline's runs): the 50 changes are spread over them. */
const POLL_INTERVAL_MS = 2 * 60 * 1000;

const median = (values) => {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (!v.length) return NaN;
	const m = Math.floor(v.length / 2);
	return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

/** The worker, bundled (TypeScript sources, packages left to node_modules). */
function bundleWorker() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-w7-'));
	const outfile = path.join(dir, 'w7-worker.js');
	require('esbuild').buildSync({
		entryPoints: [path.join(__dirname, 'w7-worker.ts')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		packages: 'external',
		logLevel: 'error',
	});
	return { dir, outfile };
}

/** `caPath`: the sandbox's CA over https, read by Node when the worker starts. */
function startWorker(outfile, caPath) {
	const env = { ...process.env, NODE_PATH: path.join(REPO, 'node_modules'), ...(caPath ? { NODE_EXTRA_CA_CERTS: caPath } : {}) };
	const child = fork(outfile, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	let pending;
	child.on('message', (message) => {
		const settle = pending;
		pending = undefined;
		if (!settle) return;
		if (message.ok) settle.resolve(message.result);
		else settle.reject(new Error(`W7 worker: ${message.error}`));
	});
	child.on('exit', (code) => {
		if (pending) pending.reject(new Error(`W7 worker exited (${code})`));
	});
	return {
		ask: (message) =>
			new Promise((resolve, reject) => {
				pending = { resolve, reject };
				child.send(message);
			}),
		stop: () => child.kill(),
	};
}

/** The requests in the sandbox's log, by kind. */
function requestKinds(log, product) {
	const kinds = { token: 0, folders: 0, introspection: 0, pages: 0, other: 0, refused: 0 };
	for (const entry of log) {
		if (!entry.name.startsWith(`${product}.`)) continue;
		if (entry.status === 401) kinds.refused++;
		if (entry.name === `${product}.token`) kinds.token++;
		else if (entry.name === 'x3.folders') kinds.folders++;
		else if (entry.name === 'x3.graphql') {
			const query = String(JSON.parse(entry.rawBody.toString('utf8')).query);
			if (query.includes('__schema')) kinds.introspection++;
			else kinds.pages++;
		} else if (entry.name === 's200.customers.list') kinds.pages++;
		else kinds.other++;
	}
	return kinds;
}

/**
 * Runs W7 and adds its rows. `ctx`: { sandboxWith, latencyMs, runs, log, row, fmt } and, over
 * https, { transport: 'https', tls: certificates (test/sandbox/tls.js), requestMs: what one request
 * on a new connection costs (TCP, TLS and its own round trip) }.
 */
async function runW7(ctx) {
	const { latencyMs: L, runs, log, row, fmt } = ctx;
	const transport = ctx.transport ?? 'http';
	const requestMs = ctx.requestMs ?? L;
	const box = await ctx.sandboxWith({ latencyMs: L, tls: ctx.tls, x3: { customers: X3_CUSTOMERS }, sage200: { customers: S200_CUSTOMERS } });
	const x3Credential = () => {
		const paired = box.x3.pair({ region: 'eu', scope: 'businessDomain.ALL api.graphQL' });
		return {
			clientId: box.x3.clientId,
			clientSecret: box.x3.clientSecret,
			gateway: 'custom',
			customGatewayUrl: box.x3.gatewayUrl('eu'),
			customerUrl: paired.customer,
			scope: ['businessDomain.ALL', 'api.graphQL'],
			refreshToken: paired.refresh_token,
			endpoint: '',
		};
	};
	const demo = box.sage200.demo;
	const s200Credential = () => ({
		clientId: demo.clientId,
		clientSecret: demo.clientSecret,
		authUrl: demo.authorizeUrl,
		accessTokenUrl: demo.tokenUrl,
		edition: 'sage200extra',
		apiBaseUrl: demo.baseUrl,
		subscriptionApiKey: demo.subscriptionKey,
		oauthTokenData: box.sage200.issue(),
	});
	const credentials = [];
	for (const product of ['x3', 's200']) {
		for (const variant of ['baseline', 'trigger']) {
			credentials.push({ id: `w7-${product}-${variant}`, type: product === 'x3' ? 'sageX3Api' : 'sage200OAuth2Api', data: product === 'x3' ? x3Credential() : s200Credential() });
		}
	}
	const table = [
		`W7 detail over ${transport} (poll every ${POLL_INTERVAL_MS / 60000} min; ${CHANGED} customers changed, spread over it; n8n's engine in its own process; median of ${runs} polls after a warm-up, max in brackets):`,
		'',
		'| workload | variant | wall ms | token | folder list | introspection | pages | requests | baseline/trigger |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|',
	];
	const bundle = bundleWorker();
	const worker = startWorker(bundle.outfile, ctx.tls?.caPath);
	try {
		await worker.ask({ type: 'init', credentials, s200: { siteId: demo.siteId, companyId: '1' } });
		const s200Ids = box.sage200.records(1, 'customers').map((record) => record.id);
		const products = {
			x3: {
				label: 'X3, 2,500 customers',
				clock: box.x3.clock,
				// Distinct customers in every round (47 is prime to the counts).
				keyAt: (n) => `AE${String(((n * 47) % X3_CUSTOMERS) + 1).padStart(4, '0')}`,
				change: (key, round) => box.x3.touch('customer', [key], { changes: { companyName: `Changed in round ${round}` } }),
			},
			s200: {
				label: 'Sage 200, 12,000 customers',
				clock: box.sage200.clock,
				keyAt: (n) => String(s200Ids[(n * 47) % s200Ids.length]),
				change: (key, round) => box.sage200.change(1, 'customers', Number(key), { name: `Changed in round ${round}` }),
			},
		};
		for (const [product, p] of Object.entries(products)) {
			const runOnce = async (variant, expected) => {
				box.server.resetCounters();
				box.server.processingMs = 0;
				const result = await worker.ask({ type: 'run', product, variant, credentialId: `w7-${product}-${variant}` });
				const kinds = requestKinds(box.server.log, product);
				if (expected) {
					const found = variant === 'trigger' ? result.keys : [...result.keys].sort();
					const wanted = variant === 'trigger' ? expected : [...expected].sort();
					if (JSON.stringify(found) !== JSON.stringify(wanted)) {
						throw new Error(`W7 ${product} ${variant}: found ${result.keys.length} changed records (${result.keys.slice(0, 5).join(', ')}...), expected the ${expected.length} changed (${expected.slice(0, 5).join(', ')}...)`);
					}
				}
				return { ...result, kinds, requests: box.server.log.filter((entry) => entry.name.startsWith(`${product}.`)).length, sandboxMs: box.server.processingMs, connections: box.server.connections };
			};
			// The baseline's first run saves its snapshot, the trigger's first poll sets its watermark.
			await runOnce('baseline');
			await runOnce('trigger');
			const samples = { baseline: [], trigger: [] };
			for (let round = 0; round <= runs; round++) {
				const changed = [];
				for (let i = 0; i < CHANGED; i++) {
					p.clock.advance(POLL_INTERVAL_MS / CHANGED);
					const key = p.keyAt(round * CHANGED + i);
					p.change(key, round);
					changed.push(key);
				}
				const order = round % 2 ? ['trigger', 'baseline'] : ['baseline', 'trigger'];
				for (const variant of order) {
					const sample = await runOnce(variant, changed);
					sample.warmup = round === 0;
					samples[variant].push(sample);
					const k = sample.kinds;
					log(
						`W7 ${transport} ${product} ${variant} round ${round}${sample.warmup ? ' (warm-up)' : ''}: wall ${fmt(sample.wallMs)} ms${sample.getManyMs !== undefined ? ` (Get Many ${fmt(sample.getManyMs)} + compare ${fmt(sample.compareMs)})` : ''}, ${sample.requests} requests, sandbox ${fmt(sample.sandboxMs)} ms (token ${k.token}, folders ${k.folders}, introspection ${k.introspection}, pages ${k.pages}, refused 401 ${k.refused}), ${sample.records} records read/emitted, ${sample.keys.length} changed`,
					);
				}
			}
			const summary = (variant) => {
				const measured = samples[variant].filter((s) => !s.warmup);
				const kind = (name) => ({ median: median(measured.map((s) => s.kinds[name])), max: Math.max(...measured.map((s) => s.kinds[name])) });
				return {
					wallMs: median(measured.map((s) => s.wallMs)),
					getManyMs: median(measured.map((s) => s.getManyMs)),
					compareMs: median(measured.map((s) => s.compareMs)),
					requests: median(measured.map((s) => s.requests)),
					maxRequests: Math.max(...measured.map((s) => s.requests)),
					tokens: Math.max(...measured.map((s) => s.kinds.token)),
					sandboxMs: median(measured.map((s) => s.sandboxMs)),
					connections: median(measured.map((s) => s.connections)),
					kinds: Object.fromEntries(['token', 'folders', 'introspection', 'pages', 'refused'].map((name) => [name, kind(name)])),
					staticDataBytes: Math.max(...measured.map((s) => s.staticDataBytes ?? 0)),
					polls: measured,
				};
			};
			const base = summary('baseline');
			const trig = summary('trigger');
			const byKind = (s) =>
				['token', 'folders', 'introspection', 'pages']
					.filter((name) => product === 'x3' || (name !== 'folders' && name !== 'introspection'))
					.map((name) => `${name} ${s.kinds[name].median}${s.kinds[name].max !== s.kinds[name].median ? ` (max ${s.kinds[name].max})` : ''}`)
					.join(', ');
			// Per poll: at most one page and one token; a poll whose token expired sends the refused page again after the renewal.
			const pollsWithinTarget = trig.polls.every((s) => s.kinds.token <= 1 && s.kinds.folders === 0 && s.kinds.introspection === 0 && s.kinds.pages - s.kinds.refused <= 1);
			const strict = trig.polls.every((s) => s.kinds.token <= 1 && s.requests - s.kinds.token <= 1);
			const ratio = base.wallMs / trig.wallMs;
			const expired = trig.polls.filter((s) => s.kinds.token > 0).length;
			const cell = (s, name) => `${s.kinds[name].median}${s.kinds[name].max !== s.kinds[name].median ? ` (max ${s.kinds[name].max})` : ''}`;
			for (const [variant, s] of [['trigger poll', trig], ['baseline (Get Many all + compare)', base]]) {
				table.push(
					`| ${p.label}, ${CHANGED} changed | ${variant} | ${fmt(s.wallMs)} | ${cell(s, 'token')} | ${product === 'x3' ? cell(s, 'folders') : '-'} | ${product === 'x3' ? cell(s, 'introspection') : '-'} | ${cell(s, 'pages')} | ${fmt(s.requests)}${s.maxRequests !== s.requests ? ` (max ${s.maxRequests})` : ''} | ${s === trig ? `${fmt(ratio, 1)}x` : ''} |`,
				);
			}
			row('W7', `trigger poll: ${p.label}, ${CHANGED} changed`, { wallMs: trig.wallMs, requests: trig.requests, tokens: trig.tokens, sandboxMs: trig.sandboxMs, connections: trig.connections }, {
				transport,
				ours: true,
				// One page, on a connection of its own.
				limitMs: requestMs,
				baseline: base,
				target: 'requests <= 1 page + <= 1 token per poll; >= 20x faster than the baseline',
				met: pollsWithinTarget && ratio >= 20,
				note: `${fmt(ratio, 1)}x faster; requests per poll: ${byKind(trig)}; ${expired} of ${trig.polls.length} polls renewed the access token${expired ? ` (Sage answered their page 401 and it went again after the renewal: ${strict ? 'still' : 'then'} ${Math.max(...trig.polls.map((s) => s.requests))} requests)` : ''}; static data ${trig.staticDataBytes} bytes`,
			});
			row('W7', `baseline: Get Many all + compare, ${p.label}`, { wallMs: base.wallMs, requests: base.requests, tokens: base.tokens, sandboxMs: base.sandboxMs, connections: base.connections }, {
				transport,
				note: `Get Many ${fmt(base.getManyMs)} ms + compare with the previous run ${fmt(base.compareMs)} ms; requests per run: ${byKind(base)}`,
			});
		}
	} finally {
		worker.stop();
		fs.rmSync(bundle.dir, { recursive: true, force: true });
	}
	return table;
}

module.exports = { runW7, POLL_INTERVAL_MS, CHANGED };
