#!/usr/bin/env node
'use strict';
/**
 * End-to-end tests of the package in n8n's queue mode (npm run test:e2e:queue). Plain node script,
 * no jest, no dependencies. On one machine it starts:
 *
 *   Redis and PostgreSQL (Debian `redis-server` / `postgresql`, installed with apt-get when missing),
 *   each on a free loopback port with a throw-away data directory;
 *   one n8n main (EXECUTIONS_MODE=queue, DB_TYPE=postgresdb, production webhooks disabled on it),
 *   two workers (`n8n worker`) and one webhook processor (`n8n webhook`), all with one encryption
 *   key and one user folder holding the package in .n8n/nodes/node_modules, as users install it;
 *   the Sage sandbox in this process.
 *
 * Checks: the package registers on main and runs on each worker; 20 production-webhook executions
 * at once of X3, SDMO and Sage 200 workflows sharing one credential each, spread over both workers,
 * with X3 access tokens that expire mid-run; a worker SIGKILLed in the middle of a Return All;
 * the X3 pairing trigger's production URL served by the webhook processor; the polling triggers of
 * test/e2e/triggers/ activated on main (main polls, the workers run the executions, each changed
 * record once, the watermarks in Postgres).
 *
 * The package: E2E_PACKAGE_DIR when set; the checkout's own dist with E2E_SKIP_BUILD=1 (CI, after
 * npm test built it); otherwise the last commit, built in a temporary git worktree (so a tree being
 * edited is never loaded half-done), removed at the end.
 * Prints one line per check, counts, a timings table and "N passed, M failed"; exits 1 on failure.
 * Env: N8N_E2E_KEEP=1 keeps the user folder (process logs), N8N_E2E_ECHO=1 echoes n8n's output,
 * E2E_QUEUE_REVOKE_ON_REUSE=1 makes the X3 sandbox revoke a token family on refresh-token reuse.
 */

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const e2e = require('./n8n');
const fixtures = require('./fixtures');
const triggers = require('./triggers');
const { startSandbox } = require('../sandbox');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WORKER_CONCURRENCY = 10;
/**
 * Short enough to expire within the 20-at-once round (its latency is set so that it does), long enough for a busy worker to
 * store a new token and send its request with it (that took up to 2.3 s on a loaded 2-core machine;
 * a token that expires before its first use cannot be told from a refused one).
 */
const X3_ACCESS_TOKEN_TTL_S = 4;
/** The X3 sandbox revokes every token of a pairing when a refresh token is presented twice. */
const REVOKE_ON_REUSE = process.env.E2E_QUEUE_REVOKE_ON_REUSE === '1';

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, { timeoutMs = 60000, intervalMs = 250 } = {}) {
	const t0 = Date.now();
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(intervalMs);
	}
}

// --------------------------------------------------------------------------------------------
// Redis and PostgreSQL
// --------------------------------------------------------------------------------------------

function which(bin, dirs = (process.env.PATH || '').split(path.delimiter)) {
	for (const dir of dirs) {
		const file = path.join(dir, bin);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			// not here
		}
	}
	return null;
}

/** The directory holding initdb and postgres: on PATH, or Debian's /usr/lib/postgresql/<major>/bin. */
function postgresBinDir() {
	const onPath = which('initdb');
	if (onPath && which('postgres', [path.dirname(onPath)])) return path.dirname(onPath);
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => b - a) : [];
	for (const major of majors) {
		const dir = path.join(root, major, 'bin');
		if (which('initdb', [dir]) && which('postgres', [dir])) return dir;
	}
	return null;
}

/** psql next to initdb (PATH may hold links to Debian's directory), or on PATH. */
function psqlBin(pgDir) {
	const dirs = [pgDir, path.dirname(fs.realpathSync(path.join(pgDir, 'initdb')))];
	return which('psql', dirs) || which('psql');
}

function redisBin() {
	return which('redis-server') || which('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
}

/**
 * Installs the Debian packages that are missing (CI runs as root). A policy-rc.d denying service
 * starts is put in place for the install when there is none, so apt does not start a system Redis
 * or PostgreSQL of its own.
 */
function ensureServices() {
	const missing = [];
	if (!redisBin()) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length) {
		if (typeof process.getuid === 'function' && process.getuid() !== 0) {
			throw new Error(`missing ${missing.join(', ')}: install them (apt-get install ${missing.join(' ')}) or run as root`);
		}
		const policy = '/usr/sbin/policy-rc.d';
		const ownPolicy = !fs.existsSync(policy);
		if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
		try {
			const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
			const opts = { env, stdio: ['ignore', 'inherit', 'inherit'] };
			console.log(`installing ${missing.join(', ')} with apt-get`);
			let res = spawnSync('apt-get', ['update'], opts);
			if (res.status !== 0) throw new Error(`apt-get update failed (exit ${res.status})`);
			res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], opts);
			if (res.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed (exit ${res.status})`);
		} finally {
			if (ownPolicy) fs.rmSync(policy, { force: true });
		}
	}
	const redis = redisBin();
	const pgDir = postgresBinDir();
	if (!redis || !pgDir) throw new Error(`still missing after install: ${[!redis && 'redis-server', !pgDir && 'initdb/postgres'].filter(Boolean).join(', ')}`);
	return { redis, pgDir, installed: missing };
}

/** A long-running service process in its own process group, its output kept for error messages. */
function spawnService(name, bin, args, opts = {}) {
	const child = spawn(bin, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let log = '';
	const append = (d) => {
		log += d;
		if (log.length > 1e6) log = log.slice(-1e6);
	};
	child.stdout.on('data', append);
	child.stderr.on('data', append);
	let exited = null;
	const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((exited = { code, signal }))));
	child.on('error', (err) => append(`\n${name}: ${err.message}\n`));
	const signal = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {
			// gone
		}
	};
	async function stop(sig = 'SIGTERM', timeoutMs = 15000) {
		if (!exited) {
			signal(sig);
			await Promise.race([exit, sleep(timeoutMs)]);
		}
		signal('SIGKILL');
		await exit;
	}
	return { name, child, pid: child.pid, log: () => log, exited: () => exited, stop };
}

async function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('data', (d) => {
			socket.destroy();
			resolve(String(d).startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

async function startRedis(bin) {
	const port = await e2e.freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-e2e-redis-'));
	const svc = spawnService('redis', bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { cwd: dir });
	try {
		await waitFor('redis PONG', async () => svc.exited() ? Promise.reject(new Error(`redis exited: ${svc.log()}`)) : redisPing(port), { timeoutMs: 20000 });
	} catch (err) {
		await svc.stop();
		fs.rmSync(dir, { recursive: true, force: true });
		throw err;
	}
	return {
		...svc,
		port,
		stop: async () => {
			await svc.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

/** uid/gid of the account PostgreSQL runs as: initdb refuses root. */
function postgresAccount() {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { name: os.userInfo().username };
	for (const name of ['postgres', 'nobody']) {
		const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
		if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
	}
	throw new Error('no postgres or nobody account to run PostgreSQL as');
}

async function startPostgres(binDir) {
	const account = postgresAccount();
	const port = await e2e.freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-e2e-pg-'));
	const ids = account.uid === undefined ? {} : { uid: account.uid, gid: account.gid };
	if (account.uid !== undefined) fs.chownSync(dir, account.uid, account.gid);
	const data = path.join(dir, 'data');
	const env = { PATH: `${binDir}${path.delimiter}${process.env.PATH || ''}`, LC_ALL: 'C', LANG: 'C', HOME: dir };
	const init = spawnSync(path.join(binDir, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
		cwd: dir,
		env,
		encoding: 'utf8',
		...ids,
	});
	if (init.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed (exit ${init.status}) as ${account.name}:\n${init.stdout}\n${init.stderr}`);
	}
	const svc = spawnService(
		'postgres',
		path.join(binDir, 'postgres'),
		['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
		{ cwd: dir, env, ...ids },
	);
	try {
		await waitFor('postgres ready', () => {
			if (svc.exited()) throw new Error(`postgres exited: ${svc.log()}`);
			return /ready to accept connections/.test(svc.log());
		}, { timeoutMs: 30000 });
	} catch (err) {
		await svc.stop('SIGINT');
		fs.rmSync(dir, { recursive: true, force: true });
		throw err;
	}
	return {
		...svc,
		port,
		account: account.name,
		// SIGINT: PostgreSQL's fast shutdown.
		stop: async () => {
			await svc.stop('SIGINT');
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

// --------------------------------------------------------------------------------------------
// The package
// --------------------------------------------------------------------------------------------

/** { dir, cleanup, how }: the built package to install into n8n's nodes folder. */
function preparePackage() {
	if (process.env.E2E_PACKAGE_DIR) return { dir: path.resolve(process.env.E2E_PACKAGE_DIR), cleanup: () => {}, how: 'E2E_PACKAGE_DIR' };
	if (process.env.E2E_SKIP_BUILD === '1') return { dir: REPO_ROOT, cleanup: () => {}, how: 'the checkout\'s dist (E2E_SKIP_BUILD=1)' };
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-e2e-pkg-'));
	fs.rmdirSync(dir); // git worktree add wants to create it
	const git = (args) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
	const add = git(['worktree', 'add', '--detach', dir, 'HEAD']);
	if (add.status !== 0) throw new Error(`git worktree add failed:\n${add.stderr}`);
	const cleanup = () => {
		const rm = git(['worktree', 'remove', '--force', dir]);
		if (rm.status !== 0) {
			fs.rmSync(dir, { recursive: true, force: true });
			git(['worktree', 'prune']);
		}
	};
	try {
		fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
		const build = spawnSync('npm', ['run', 'build'], { cwd: dir, encoding: 'utf8' });
		if (build.status !== 0) throw new Error(`npm run build in ${dir} failed:\n${build.stdout}\n${build.stderr}`);
	} catch (err) {
		cleanup();
		throw err;
	}
	return { dir, cleanup, how: `HEAD built in a temporary worktree (${dir})` };
}

/** Node and credential type names the package declares, read from its built dist. */
function declaredTypes(pkgDir) {
	const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const load = (file) => {
		const mod = require(path.join(pkgDir, file));
		return new (Object.values(mod).find((v) => typeof v === 'function'))();
	};
	const nodes = pkg.n8n.nodes.map(load);
	return {
		pkg,
		nodes: nodes.map((n) => `${pkg.name}.${n.description.name}`),
		tools: nodes.filter((n) => n.description.usableAsTool).map((n) => `${pkg.name}.${n.description.name}Tool`),
		credentials: pkg.n8n.credentials.map(load).map((c) => c.name),
	};
}

// --------------------------------------------------------------------------------------------
// Workflows behind production webhooks
// --------------------------------------------------------------------------------------------

/**
 * A fixtures workflow with its Manual Trigger replaced by a Webhook trigger (POST /webhook/<path>)
 * that answers with every item of the last node once the execution (on a worker) has finished.
 */
function viaWebhook(workflow, id, webhookPath) {
	const nodes = workflow.nodes.map((node) =>
		node.name !== 'Start'
			? node
			: {
					id: `${id}-webhook`,
					name: 'Start',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: node.position,
					webhookId: crypto.randomUUID(),
					parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				},
	);
	return { ...workflow, id, name: `${workflow.name} [webhook ${webhookPath}]`, nodes };
}

const HOOKS = {
	x3Folders: { id: 'queueX3Folders01', path: 'queue-x3-folders', make: () => fixtures.workflows.x3Folders('x3') },
	x3Customers: { id: 'queueX3Customer1', path: 'queue-x3-customers', make: () => fixtures.workflows.x3CustomersGetMany() },
	x3PairedFolders: { id: 'queueX3PairFold1', path: 'queue-x3-paired-folders', make: () => fixtures.workflows.x3Folders('x3Unpaired') },
	sdmoCustomers: { id: 'queueSdmoCustom1', path: 'queue-sdmo-customers', make: () => fixtures.workflows.sdmoCustomers() },
	sage200Updated: { id: 'queueS200Update1', path: 'queue-sage200-updated', make: () => fixtures.workflows.sage200UpdatedSince('sage200') },
};
const PAIRING_WORKFLOW_ID = 'e2eX3Pairing0001';
const PAIRING_WEBHOOK_ID = 'queue-e2e-x3-pairing';

// --------------------------------------------------------------------------------------------
// The suite
// --------------------------------------------------------------------------------------------

async function main() {
	const timings = [];
	const time = (label, ms) => timings.push([label, seconds(ms)]);
	let passed = 0;
	let failed = 0;
	const check = async (name, fn) => {
		const t = Date.now();
		try {
			await fn();
			passed++;
			time(name, Date.now() - t);
			console.log(`ok - ${name} (${seconds(Date.now() - t)})`);
			return true;
		} catch (err) {
			failed++;
			time(`${name} (failed)`, Date.now() - t);
			console.log(`not ok - ${name} (${seconds(Date.now() - t)})\n${String(err && err.stack ? err.stack : err).replace(/^/gm, '    ')}`);
			return false;
		}
	};
	const timed = async (label, fn) => {
		const t = Date.now();
		const value = await fn();
		time(label, Date.now() - t);
		return value;
	};

	const cleanups = []; // run last-in first-out, always
	const cleanupAll = async () => {
		while (cleanups.length) {
			const [label, fn] = cleanups.pop();
			const t = Date.now();
			try {
				await fn();
			} catch (err) {
				console.log(`cleanup ${label} failed: ${err.message}`);
			}
			time(`stop ${label}`, Date.now() - t);
		}
	};
	let interrupted = false;
	const onSignal = (sig) => {
		if (interrupted) return;
		interrupted = true;
		console.log(`\n${sig}: stopping everything`);
		cleanupAll().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	const wallStart = Date.now();
	try {
		const install = await timed('ensure n8n', () => e2e.ensureN8n());
		timings[timings.length - 1][0] = `ensure n8n ${e2e.N8N_VERSION} (${install.cold ? 'cold install' : 'warm'})`;
		const services = await timed('ensure redis-server and postgresql', () => ensureServices());
		if (services.installed.length) timings[timings.length - 1][0] += ` (apt-get installed ${services.installed.join(', ')})`;

		const pkg = await timed('prepare the package', () => preparePackage());
		cleanups.push(['package worktree', pkg.cleanup]);
		const declared = declaredTypes(pkg.dir);

		const [redis, postgres, sandbox] = await timed('start redis, postgres and the sandbox', () =>
			Promise.all([
				startRedis(services.redis),
				startPostgres(services.pgDir),
				startSandbox({ port: 0, x3: { revokeFamilyOnReuse: REVOKE_ON_REUSE } }),
			]),
		);
		cleanups.push(['redis', redis.stop], ['postgres', postgres.stop], ['sandbox', sandbox.close]);
		console.log(`redis on 127.0.0.1:${redis.port}, postgres on 127.0.0.1:${postgres.port} (as ${postgres.account}), sandbox at ${sandbox.url}`);
		console.log(`package: ${pkg.how}`);

		// ---- n8n: main, webhook processor, workers ------------------------------------------
		const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-e2e-'));
		cleanups.push(['user folder', () => {
			if (process.env.N8N_E2E_KEEP === '1') console.log(`kept ${userFolder}`);
			else fs.rmSync(userFolder, { recursive: true, force: true });
		}]);
		const mainPort = await e2e.freePort();
		const webhookPort = await e2e.freePort();
		const mainUrl = `http://127.0.0.1:${mainPort}`;
		const webhookUrl = `http://127.0.0.1:${webhookPort}`;
		const shared = {
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('base64url'),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: 'postgres',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			// Manual and REST runs also go to the workers (the default from n8n 3).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			// A killed worker's job is found stalled after seconds instead of half a minute.
			QUEUE_WORKER_LOCK_DURATION: '5000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
			N8N_EDITOR_BASE_URL: mainUrl,
			WEBHOOK_URL: `${webhookUrl}/`,
			N8N_WEBHOOK_URL: `${webhookUrl}/`,
		};
		const n8nProcesses = [];
		const startProcess = async (label, o) => {
			const instance = await timed(`start ${label} (until /healthz/readiness)`, () =>
				e2e.startN8n({ userFolder, logFile: path.join(userFolder, `${label.replace(/\W+/g, '-')}.log`), ...o, env: { ...shared, ...(o.env || {}) } }),
			);
			instance.label = label;
			n8nProcesses.push(instance);
			cleanups.push([label, () => instance.stop()]);
			return instance;
		};
		const startWorker = async (label) => {
			const port = await e2e.freePort();
			return startProcess(label, {
				port,
				command: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
				env: { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) },
			});
		};

		const main = await startProcess('main', {
			port: mainPort,
			customPackageDir: pkg.dir,
			linkMode: 'copy',
			// Production webhooks are the webhook processor's job.
			env: { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
		});
		const [webhook, worker1] = await Promise.all([startProcess('webhook processor', { port: webhookPort, command: 'webhook' }), startWorker('worker 1')]);
		console.log(`n8n ${e2e.N8N_VERSION} queue mode: main ${mainUrl}, webhook processor ${webhookUrl}, user folder ${userFolder}`);

		/** What n8n logged about loading the package (the n8n cache folder's path also names the package: not counted). */
		const loadProblems = (instance) =>
			e2e.packageLoadProblems(instance, declared.pkg.name).filter((line) => line.replaceAll(`${path.sep}${declared.pkg.name}${path.sep}n8n-`, '').includes(declared.pkg.name));
		/** Execution ids each worker process logged as started. */
		const startedBy = (worker) => new Set([...worker.logs().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]));
		const workers = [worker1];
		const whoRan = (id) => workers.filter((w) => startedBy(w).has(String(id))).map((w) => w.label);

		// ---- set-up through main ------------------------------------------------------------
		let session;
		const setUp = await check('owner setup on main (Postgres), credentials and workflows imported, webhooks activated', async () => {
			await e2e.setupOwner(main);
			session = await e2e.login(main);
			await e2e.importCredentials(main, [...fixtures.readyCredentials(sandbox), ...fixtures.interactiveCredentials(sandbox)]);
			const list = [...Object.values(HOOKS).map((h) => viaWebhook(h.make(), h.id, h.path)), fixtures.workflows.x3Pairing(PAIRING_WEBHOOK_ID)];
			await e2e.importWorkflows(main, list);
			for (const wf of list) {
				const current = e2e.rest(session, 'GET', `/rest/workflows/${wf.id}`);
				const got = await current;
				assert.equal(got.status, 200, `GET workflow ${wf.id}`);
				const activated = await e2e.rest(session, 'POST', `/rest/workflows/${wf.id}/activate`, { versionId: got.data.versionId });
				assert.equal(activated.status, 200, `activate ${wf.id}: ${JSON.stringify(activated.body).slice(0, 800)}`);
				assert.equal(activated.data.active, true);
			}
			// The credentials sit encrypted in Postgres, readable by every process with the shared key.
			const creds = await e2e.rest(session, 'GET', '/rest/credentials');
			assert.deepEqual(creds.data.map((c) => c.name).sort(), Object.values(fixtures.CREDENTIAL_NAME).sort());
		});
		if (!setUp) throw new Error('set-up failed: cannot go on');

		await check('main: every node and credential of the package is registered, no load warnings', async () => {
			const types = await e2e.nodeTypes(session);
			const expected = [...declared.nodes, ...declared.tools];
			const ours = types.nodes.filter((n) => n.name.startsWith(`${declared.pkg.name}.`)).map((n) => n.name);
			assert.deepEqual([...new Set(ours)].sort(), expected.sort());
			assert.deepEqual(declared.credentials.filter((c) => !types.credentialNames.has(c)), []);
			assert.deepEqual(loadProblems(main), []);
			console.log(`    nodes: ${declared.nodes.join(', ')}; credentials: ${declared.credentials.join(', ')}`);
		});

		/** POST to a production webhook on the webhook processor; retries while it answers 404 (not registered yet). */
		const callHook = async (hook, { timeoutMs = 180000 } = {}) => {
			const t0 = Date.now();
			for (;;) {
				const res = await fetch(`${webhookUrl}/webhook/${hook.path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{}',
					signal: AbortSignal.timeout(timeoutMs),
				});
				const text = await res.text();
				if (res.status === 404 && Date.now() - t0 < 20000) {
					await sleep(250);
					continue;
				}
				let json;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				return { status: res.status, text, json, items: Array.isArray(json) ? json : json === undefined ? undefined : [json], ms: Date.now() - t0 };
			}
		};
		const executions = async (workflowId) => {
			const res = await e2e.rest(session, 'GET', `/rest/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
			assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
			return res.data.results || res.data;
		};
		const newExecutions = async (workflowIds, before) => {
			const all = (await Promise.all(workflowIds.map(executions))).flat();
			return all.filter((e) => !before.has(String(e.id)));
		};
		/** "<node>: <message> (<description>)" of a failed execution, for the report. */
		const executionError = async (id) => {
			const res = await e2e.rest(session, 'GET', `/rest/executions/${id}`);
			if (res.status !== 200 || typeof res.data?.data !== 'string') return `HTTP ${res.status}`;
			const error = triggers.unflatten(res.data.data)?.resultData?.error;
			return error ? `${error.node?.name ?? '?'}: ${error.message}${error.description ? ` (${error.description})` : ''}` : 'no error recorded';
		};
		const knownExecutions = async () => new Set((await Promise.all(Object.values(HOOKS).map((h) => executions(h.id)))).flat().map((e) => String(e.id)));

		/**
		 * The X3 token and folder requests (and GraphQL requests not answered 200) the sandbox logged
		 * since `since` (ms), one line each:
		 * offset, route, status, the access token sent (its jti) or the refresh token spent.
		 */
		/**
		 * The n8n process (main, a worker, the webhook processor) holding the loopback TCP connection
		 * coming from `port` (Linux: the socket's inode in /proc/net/tcp, then the processes' open
		 * file descriptors), or '?'.
		 */
		const connectionOwner = (port) => {
			const hex = (n) => `:${n.toString(16).toUpperCase().padStart(4, '0')}`;
			const [local, remote] = [hex(port), hex(sandbox.server.port)];
			let inode;
			for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
				const rows = fs.existsSync(table) ? fs.readFileSync(table, 'utf8').split('\n').slice(1) : [];
				// The open connection to the sandbox: an earlier one from the same port may still be
				// listed in TIME_WAIT (inode 0), and the port may also have served another peer.
				inode ??= rows.map((row) => row.trim().split(/\s+/)).find((cols) => cols[1]?.endsWith(local) && cols[2]?.endsWith(remote) && cols[9] !== '0')?.[9];
			}
			if (!inode || inode === '0') return '?';
			const socket = `socket:[${inode}]`;
			const holds = (pid) => {
				try {
					return fs.readdirSync(`/proc/${pid}/fd`).some((fd) => {
						try {
							return fs.readlinkSync(`/proc/${pid}/fd/${fd}`) === socket;
						} catch {
							return false;
						}
					});
				} catch {
					return false;
				}
			};
			return n8nProcesses.find((p) => holds(p.pid))?.label ?? '?';
		};
		/**
		 * Notes on a request's log entry which n8n process sent it (while its connection is open):
		 * always for X3 token requests, for every request while `attribution.all` is set.
		 */
		const attribution = { all: false };
		const tokenRoute = sandbox.server.routes.find((route) => route.name === 'x3.token');
		const answerToken = tokenRoute.handler;
		tokenRoute.handler = (ctx) => {
			ctx.entry.sender = connectionOwner(ctx.req.socket.remotePort);
			return answerToken(ctx);
		};
		// Every request, routed or not, looked up as it arrives (the log entry is written later).
		const handle = sandbox.server.handle;
		sandbox.server.handle = function handleAttributed(req, res) {
			if (!attribution.all) return handle.call(this, req, res);
			const sender = connectionOwner(req.socket.remotePort);
			return handle.call(this, req, res).finally(() => {
				const entry = this.log.findLast((e) => e.headers === req.headers);
				if (entry) entry.sender ??= sender;
			});
		};
		/** [{ token, senders }] of the refresh tokens spent since `since` (ms), in the order first spent. */
		const refreshTokensSpent = (since) => {
			const byToken = new Map();
			for (const e of sandbox.server.log.filter((x) => x.receivedAt >= since && x.name === 'x3.token')) {
				const token = JSON.parse(e.rawBody.toString('utf8') || '{}').refresh_token;
				if (!byToken.has(token)) byToken.set(token, []);
				byToken.get(token).push(e.sender ?? '?');
			}
			return [...byToken].map(([token, senders]) => ({ token, senders }));
		};

		const x3Trace = (since) => {
			const jti = (token) => {
				try {
					return JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8')).jti;
				} catch {
					return token ? '?' : '-';
				}
			};
			return sandbox.server.log
				.filter((e) => e.receivedAt >= since && (e.name === 'x3.token' || e.name === 'x3.folders' || (e.name.startsWith('x3.graphql') && e.status !== 200)))
				.map((e) => {
					const sent = e.name === 'x3.token'
						? `spends ${jti(JSON.parse(e.rawBody.toString('utf8') || '{}').refresh_token)}`
						: `bearer ${jti(String(e.headers.authorization ?? '').replace(/^Bearer /, ''))}`;
					return `+${String(e.receivedAt - since).padStart(5)} ms ${e.name} ${e.status} ${sent}${e.sender ? ` from ${e.sender}` : ''}`;
				});
		};

		const x3Codes = () => sandbox.x3.customers().map((c) => c.code).sort();
		const sage200Expected = () =>
			sandbox.sage200
				.records(1, 'customers')
				.filter((c) => Date.parse(`${c.date_time_updated}Z`) > Date.parse(fixtures.UPDATED_SINCE))
				.map((c) => c.id);
		/** Asserts the answer of a webhook run against the sandbox's data. */
		const expectAnswer = (key, answer) => {
			assert.equal(answer.status, 200, `${key}: HTTP ${answer.status} ${answer.text.slice(0, 800)}`);
			if (key === 'x3Folders' || key === 'x3PairedFolders') assert.deepEqual(answer.items.map((f) => f.name), ['SEED', 'X3']);
			if (key === 'x3Customers') assert.deepEqual(answer.items.map((c) => c.code).sort(), x3Codes());
			if (key === 'sdmoCustomers') assert.deepEqual(answer.items.map((c) => c.id).sort(), sandbox.sdmo.customers().map((c) => c.id).sort());
			if (key === 'sage200Updated') assert.deepEqual(answer.items.map((c) => c.id), sage200Expected());
		};

		/** Runs each workflow once (one at a time) and asserts the only running worker ran them all. */
		const runEachNodeOn = async (worker, keys) => {
			const before = await knownExecutions();
			for (const key of keys) expectAnswer(key, await callHook(HOOKS[key]));
			const fresh = await newExecutions(keys.map((k) => HOOKS[k].id), before);
			assert.equal(fresh.length, keys.length, JSON.stringify(fresh));
			for (const e of fresh) {
				assert.equal(e.status, 'success', JSON.stringify(e));
				assert.deepEqual(whoRan(e.id), [worker.label], `execution ${e.id}`);
			}
			assert.deepEqual(loadProblems(worker), []);
		};

		/** The X3 pairing flow of run.js, against the webhook processor's production URL. */
		const pairThroughWebhookProcessor = async (worker) => {
			const pairUrl = `${webhookUrl}/webhook/${PAIRING_WEBHOOK_ID}/pair`;
			const before = new Set((await executions(PAIRING_WORKFLOW_ID)).map((e) => String(e.id)));
			let start;
			for (const t0 = Date.now(); Date.now() - t0 < 20000; await sleep(250)) {
				start = await fetch(pairUrl, { redirect: 'manual' });
				if (start.status !== 404) break;
				await start.arrayBuffer();
			}
			assert.equal(start.status, 200, await start.text());
			const pressed = await fetch(pairUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'pairing=start', redirect: 'manual' });
			assert.equal(pressed.status, 303, await pressed.text());
			const browserCookie = pressed.headers.getSetCookie()[0].split(';')[0];
			const authorise = new URL(pressed.headers.get('location'));
			assert.equal(`${authorise.origin}${authorise.pathname}`, `${sandbox.x3.gatewayUrl('eu')}/token/authorise`);
			assert.equal(authorise.searchParams.get('redirect_uri'), pairUrl, 'the redirect URI is the webhook processor\'s production URL');
			const form = await sandbox.x3.approve(authorise.toString(), { folders: ['SEED', 'X3'] });
			assert.equal(form.action, pairUrl);
			const relay = await fetch(form.action, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(form.fields).toString(),
				redirect: 'manual',
			});
			assert.equal(relay.status, 303, await relay.text());
			const answer = await fetch(relay.headers.get('location'), { headers: { cookie: browserCookie }, redirect: 'manual' });
			const page = await answer.text();
			assert.equal(answer.status, 200, page);
			assert.match(page, /Sage X3 pairing approved/);
			const refreshToken = /<textarea[^>]*>([^<]+)<\/textarea>/.exec(page)?.[1];
			assert.ok(refreshToken && sandbox.x3.issuedRefreshTokens.includes(refreshToken), 'no refresh token X3 issued on the page');

			const credId = fixtures.CREDENTIAL_ID.x3Unpaired;
			const data = { ...fixtures.interactiveCredentials(sandbox).find((c) => c.id === credId).data, refreshToken };
			const patched = await e2e.rest(session, 'PATCH', `/rest/credentials/${credId}`, { name: fixtures.CREDENTIAL_NAME.x3Unpaired, type: 'sageX3Api', data });
			assert.equal(patched.status, 200, JSON.stringify(patched.body).slice(0, 800));

			// The trigger's output (paired: true) ran as an execution on the worker.
			const run = await waitFor('the pairing execution', async () => {
				const fresh = (await executions(PAIRING_WORKFLOW_ID)).filter((e) => !before.has(String(e.id)));
				return fresh.length && fresh.every((e) => e.status !== 'running' && e.status !== 'new') ? fresh : null;
			}, { timeoutMs: 30000 });
			assert.equal(run.length, 1, JSON.stringify(run));
			assert.equal(run[0].status, 'success', JSON.stringify(run[0]));
			assert.equal(run[0].mode, 'webhook');
			assert.deepEqual(whoRan(run[0].id), [worker.label]);

			const tokensBefore = sandbox.x3.tokenRequests();
			expectAnswer('x3PairedFolders', await callHook(HOOKS.x3PairedFolders));
			assert.equal(sandbox.x3.tokenRequests() - tokensBefore, 1, 'the pasted refresh token was spent once');
		};

		const eachNode = ['x3Folders', 'x3Customers', 'sdmoCustomers', 'sage200Updated'];
		await check('worker 1 (the only worker): X3, SDMO and Sage 200 nodes run with their credentials, no load warnings', () => runEachNodeOn(worker1, eachNode));
		await check('X3 pairing trigger on the webhook processor\'s production URL: pairing completes, worker 1 runs the trigger\'s execution and the new credential', () =>
			pairThroughWebhookProcessor(worker1),
		);

		// Worker 2 alone: worker 1 stops gracefully, then comes back.
		const worker2 = await startWorker('worker 2');
		workers.push(worker2);
		await timed('stop worker 1 (graceful)', () => worker1.stop());
		await check('worker 2 (the only worker): X3, SDMO and Sage 200 nodes run with their credentials, no load warnings', () => runEachNodeOn(worker2, eachNode));
		await check('X3 pairing again through the webhook processor: worker 2 runs the trigger\'s execution and the new credential', () => pairThroughWebhookProcessor(worker2));
		const worker1b = await startWorker('worker 1 (restarted)');
		workers.push(worker1b);

		// ---- 20 at once over both workers ---------------------------------------------------
		const counts = {};
		const batchName = REVOKE_ON_REUSE
			? `20 production-webhook executions at once over both workers, X3 access tokens living ${X3_ACCESS_TOKEN_TTL_S} s, X3 revoking on reuse: ` +
				'all succeed, or (only after a reuse) the X3 runs fail saying to pair again'
			: `20 production-webhook executions at once over both workers, X3 access tokens living ${X3_ACCESS_TOKEN_TTL_S} s: all succeed; ` +
				'a refresh token is spent at most once per worker';
		await check(batchName, async () => {
			const plan = [...Array(8).fill('x3Customers'), ...Array(2).fill('x3Folders'), ...Array(5).fill('sdmoCustomers'), ...Array(5).fill('sage200Updated')];
			sandbox.x3.setAccessTokenTtl(X3_ACCESS_TOKEN_TTL_S);
			sandbox.x3.expireAccessTokens(); // the first X3 request of the batch must refresh
			sandbox.x3.clearReuseEvents();
			// The round must outlive an access token whatever the machine's speed: each X3 Return All reads
			// its pages one after another (by cursor), so at this latency one Return All alone takes 1.5 TTLs.
			const x3Pages = Math.ceil(sandbox.x3.customers().length / 100);
			sandbox.server.latencyMs = Math.ceil((1.5 * X3_ACCESS_TOKEN_TTL_S * 1000) / x3Pages);
			const x3Before = sandbox.x3.tokenRequests();
			const x3GraphqlBefore = sandbox.x3.graphqlRequests();
			const sdmoBefore = sandbox.sdmo.tokenRequests().length;
			const s200Before = sandbox.sage200.tokenRequests().length;
			const before = await knownExecutions();
			const t0 = Date.now();
			let answers;
			try {
				answers = await Promise.all(plan.map((key) => callHook(HOOKS[key]).then((a) => ({ key, ...a }))));
			} finally {
				sandbox.server.latencyMs = 0;
			}
			const batchMs = Date.now() - t0;
			const fresh = await newExecutions(Object.values(HOOKS).map((h) => h.id), before);
			const perWorker = {};
			for (const e of fresh) for (const label of whoRan(e.id)) perWorker[label] = (perWorker[label] || 0) + 1;
			Object.assign(counts, {
				batchMs,
				perWorker,
				statuses: fresh.reduce((acc, e) => ({ ...acc, [e.status]: (acc[e.status] || 0) + 1 }), {}),
				x3TokenRequests: sandbox.x3.tokenRequests() - x3Before,
				x3ReuseEvents: sandbox.x3.reuseEvents.length,
				sdmoTokenRequests: sandbox.sdmo.tokenRequests().length - sdmoBefore,
				sage200TokenRequests: sandbox.sage200.tokenRequests().length - s200Before,
				x3GraphqlRequests: sandbox.x3.graphqlRequests() - x3GraphqlBefore,
				failedAnswers: answers.filter((a) => a.status !== 200).map((a) => `${a.key}: HTTP ${a.status} ${a.text.slice(0, 300)}`),
			});
			console.log(`    ${plan.length} runs in ${seconds(batchMs)}; executions per worker: ${JSON.stringify(perWorker)}; statuses: ${JSON.stringify(counts.statuses)}`);
			console.log(`    X3 token requests: ${counts.x3TokenRequests}, X3 refresh-token reuse events: ${counts.x3ReuseEvents}` +
				`${sandbox.x3.reuseEvents.length ? ` (${JSON.stringify(sandbox.x3.reuseEvents)})` : ''}; SDMO token requests: ${counts.sdmoTokenRequests}; Sage 200 token requests: ${counts.sage200TokenRequests}`);
			for (const e of fresh.filter((x) => x.status !== 'success')) console.log(`    execution ${e.id} (${e.workflowId}) ${e.status}: ${await executionError(e.id)}`);
			if (fresh.some((x) => x.status !== 'success') || process.env.E2E_QUEUE_TRACE === '1') {
				console.log(`    X3 token and folder requests of the batch:\n${x3Trace(t0).map((line) => `      ${line}`).join('\n')}`);
			}
			// Each refresh token: which workers presented it. A worker's executions share one exchange,
			// so a second presentation (a reuse) can only come from the other worker, in a race.
			const spent = refreshTokensSpent(t0);
			counts.racedTokens = spent.filter((t) => t.senders.length > 1).length;
			counts.x3TokensByWorker = spent.flatMap((t) => t.senders).reduce((acc, w) => ({ ...acc, [w]: (acc[w] || 0) + 1 }), {});
			console.log(`    X3 refresh tokens spent: ${spent.length}, by ${JSON.stringify(counts.x3TokensByWorker)}; raced (both workers): ${counts.racedTokens}`);
			assert.equal(fresh.length, plan.length, 'one execution record per call');
			assert.equal(Object.values(perWorker).reduce((a, b) => a + b, 0), plan.length, 'every execution was started by exactly one worker');
			assert.ok(perWorker['worker 2'] > 0 && perWorker['worker 1 (restarted)'] > 0, `both workers ran some: ${JSON.stringify(perWorker)}`);
			for (const t of spent) {
				assert.ok(!t.senders.includes('?'), `a token request from an unknown process: ${JSON.stringify(spent)}`);
				assert.equal(new Set(t.senders).size, t.senders.length, `a worker presented one refresh token twice: ${JSON.stringify(t.senders)}`);
			}
			// Every reuse event is a second presentation (after a revocation, a revoked token presented is not a reuse).
			const secondPresentations = spent.reduce((n, t) => n + t.senders.length - 1, 0);
			if (REVOKE_ON_REUSE) assert.ok(counts.x3ReuseEvents <= secondPresentations, `${counts.x3ReuseEvents} reuse events`);
			else assert.equal(counts.x3ReuseEvents, secondPresentations, 'every reuse event is a second presentation');
			assert.ok(counts.x3TokenRequests >= 2, `the X3 access token expired mid-run (token requests: ${counts.x3TokenRequests})`);
			assert.ok(batchMs > X3_ACCESS_TOKEN_TTL_S * 1000, `the round (${seconds(batchMs)}) outlived an access token`);
			const failedX3 = answers.filter((a) => a.status !== 200 && a.key.startsWith('x3'));
			if (REVOKE_ON_REUSE && counts.x3ReuseEvents > 0) {
				// A race revoked the pairing: the X3 runs still under way fail, each saying what to do;
				// SDMO and Sage 200 are untouched.
				for (const a of answers.filter((x) => !x.key.startsWith('x3'))) expectAnswer(a.key, a);
				const failedRecords = fresh.filter((e) => e.status !== 'success');
				assert.ok(failedRecords.length > 0 && failedRecords.every((e) => e.workflowId.startsWith('queueX3')), JSON.stringify(failedRecords));
				for (const e of failedRecords) assert.match(await executionError(e.id), /pair the credential again/);
				counts.revokedX3Runs = failedX3.length;
				console.log(`    revoked by a reuse: ${counts.revokedX3Runs} of 10 X3 runs failed saying to pair again`);
				return;
			}
			for (const a of answers) expectAnswer(a.key, a);
			assert.deepEqual(counts.statuses, { success: plan.length });
			// Every X3 Return All fetched its 25 pages.
			assert.ok(counts.x3GraphqlRequests >= 8 * Math.ceil(sandbox.x3.customers().length / 100), `X3 GraphQL requests: ${counts.x3GraphqlRequests}`);
		});
		sandbox.x3.setAccessTokenTtl(300);
		if (REVOKE_ON_REUSE && sandbox.x3.reuseEvents.length > 0) {
			// Pair the X3 credential again (the quick way: readyCredentials pairs anew) for the checks that follow.
			const x3 = fixtures.readyCredentials(sandbox).find((c) => c.id === fixtures.CREDENTIAL_ID.x3);
			const patched = await e2e.rest(session, 'PATCH', `/rest/credentials/${x3.id}`, { name: x3.name, type: x3.type, data: x3.data });
			assert.equal(patched.status, 200, JSON.stringify(patched.body).slice(0, 800));
			console.log('    the X3 credential was paired again for the next checks');
		}

		// ---- a worker killed mid-run ----------------------------------------------------------
		await check('a worker SIGKILLed in the middle of an X3 Return All: n8n marks the execution crashed/failed; the credential still works', async () => {
			sandbox.x3.expireAccessTokens(); // the run to be killed refreshes (rotates) the refresh token first
			sandbox.server.latencyMs = 250; // 25 pages: ~6 s
			const graphqlBefore = sandbox.x3.graphqlRequests();
			const before = await knownExecutions();
			const started = new Map(workers.map((w) => [w, startedBy(w)]));
			const pending = callHook(HOOKS.x3Customers, { timeoutMs: 120000 }).catch((err) => ({ status: 0, text: String(err) }));
			let victim;
			let executionId;
			try {
				await waitFor('a worker starting the run', () => {
					for (const w of [worker2, worker1b]) {
						const fresh = [...startedBy(w)].filter((id) => !started.get(w).has(id));
						if (fresh.length) [victim, executionId] = [w, fresh[0]];
					}
					return victim;
				}, { timeoutMs: 30000, intervalMs: 50 });
				await waitFor('a few pages fetched', () => sandbox.x3.graphqlRequests() - graphqlBefore >= 3, { timeoutMs: 30000, intervalMs: 50 });
				process.kill(-victim.pid, 'SIGKILL');
			} finally {
				sandbox.server.latencyMs = 0;
			}
			const pagesAtKill = sandbox.x3.graphqlRequests() - graphqlBefore;
			const survivor = victim === worker2 ? worker1b : worker2;
			const t0 = Date.now();
			const record = await waitFor('n8n to mark the killed execution', async () => {
				const res = await e2e.rest(session, 'GET', `/rest/executions/${executionId}`);
				return res.status === 200 && !['running', 'new', 'waiting'].includes(res.data.status) ? res.data : null;
			}, { timeoutMs: 90000, intervalMs: 500 });
			const markedMs = Date.now() - t0;
			const answer = await pending;
			console.log(`    killed ${victim.label} after ${pagesAtKill} of 25 pages; execution ${executionId} marked "${record.status}" ${seconds(markedMs)} later; the webhook caller got HTTP ${answer.status}`);
			assert.ok(['crashed', 'error', 'failed'].includes(record.status), `status ${record.status}`);
			assert.ok(pagesAtKill < 25, 'killed before the end of the run');
			assert.deepEqual((await newExecutions([HOOKS.x3Customers.id], before)).map((e) => String(e.id)), [executionId], 'not retried as a new execution');
			assert.ok(!startedBy(survivor).has(executionId), 'the other worker did not pick it up again');

			// The refresh token stored by the killed run still works: the next run must refresh with it.
			sandbox.x3.expireAccessTokens();
			const tokensBefore = sandbox.x3.tokenRequests();
			const reuseBefore = sandbox.x3.reuseEvents.length;
			const next = await callHook(HOOKS.x3Customers);
			expectAnswer('x3Customers', next);
			assert.equal(sandbox.x3.tokenRequests() - tokensBefore, 1);
			assert.equal(sandbox.x3.reuseEvents.length - reuseBefore, 0, 'no refresh-token reuse');
			const [after] = await newExecutions([HOOKS.x3Customers.id], new Set([...before, executionId]));
			assert.deepEqual(whoRan(after.id), [survivor.label]);
			counts.kill = { victim: victim.label, pagesAtKill, status: record.status, markedMs, webhookAnswer: answer.status };
		});

		// ---- polling triggers -----------------------------------------------------------------
		// In queue mode the leader main runs the polls and saves the workflow's static data (the
		// watermark) in Postgres; each execution a poll starts goes through Redis to a worker. The
		// trigger modules of the regular e2e run against main, every Sage request attributed to the
		// process that sent it; meanwhile a worker replaces the one killed above.
		const triggerModules = triggers.triggerModules({ only: null });
		const triggersStart = Date.now();
		attribution.all = true;
		let triggerOutcomes;
		let replacement;
		try {
			[triggerOutcomes, replacement] = await Promise.all([
				triggers.runTriggerChecks({ n8n: main, session, sandbox }, check, { modules: triggerModules }),
				startWorker('worker 3').then(
					(w) => {
						workers.push(w);
						return w;
					},
					(error) => ({ error }),
				),
			]);
		} finally {
			attribution.all = false;
		}
		const triggersEnd = Date.now();
		await check('polling triggers in queue mode: main sent every Sage request of the polls, main enqueued and a worker ran each execution, the watermarks are in Postgres', async () => {
			assert.ok(!replacement.error, `worker 3 did not start: ${replacement.error?.stack ?? ''}`);
			const tally = (list, key) => list.reduce((acc, x) => ({ ...acc, [key(x)]: (acc[key(x)] || 0) + 1 }), {});
			const requests = sandbox.server.log.filter((e) => e.receivedAt >= triggersStart && e.receivedAt <= triggersEnd);
			const bySender = tally(requests, (e) => e.sender ?? '?');
			const byProduct = tally(requests, (e) => e.name.split('.')[0]);
			const unmatched = requests.filter((e) => e.name === 'unmatched').map((e) => `${e.method} ${e.path}${e.query} (${e.sender ?? '?'})`);
			const enqueuedByMain = new Set([...main.logs().matchAll(/Enqueued execution (\d+)/g)].map((m) => m[1]));
			const perWorker = {};
			const perProduct = {};
			const lastEmitted = {};
			const env = triggers.triggerEnv({ n8n: main, session, sandbox });
			for (const { mod, value } of triggerOutcomes) {
				const list = await env.executions(mod.workflowId);
				if (value) assert.equal(list.length, value.executions, `${mod.file}: executions`);
				for (const e of list) {
					assert.equal(e.status, 'success', JSON.stringify(e));
					assert.equal(e.mode, 'trigger', `execution ${e.id} of ${mod.file}: mode ${e.mode}`);
					assert.ok(enqueuedByMain.has(String(e.id)), `main did not enqueue execution ${e.id} of ${mod.file}`);
					const ran = whoRan(e.id);
					assert.equal(ran.length, 1, `execution ${e.id} of ${mod.file} started by ${JSON.stringify(ran)}`);
					perWorker[ran[0]] = (perWorker[ran[0]] || 0) + 1;
				}
				perProduct[mod.file] = { executions: list.length, records: value?.recordsPerExecution };
				if (list.length) {
					const workflow = await e2e.rest(session, 'GET', `/rest/workflows/${mod.workflowId}`);
					const trigger = workflow.data.nodes.find((n) => n.type.endsWith('Trigger'));
					lastEmitted[mod.file] = (await env.executionItems(list[list.length - 1].id, trigger.name)).at(-1);
				}
			}
			// The workflow's static data as main saved it in Postgres.
			const ids = triggerModules.map((mod) => `'${mod.workflowId}'`).join(', ');
			const psqlPath = psqlBin(services.pgDir);
			assert.ok(psqlPath, `no psql next to ${services.pgDir}/initdb or on PATH`);
			const psql = spawnSync(
				psqlPath,
				['-h', '127.0.0.1', '-p', String(postgres.port), '-U', 'n8n', '-d', 'postgres', '-At', '-c', `SELECT json_build_object('id', id, 'staticData', "staticData") FROM workflow_entity WHERE id IN (${ids})`],
				{ encoding: 'utf8', env: { ...process.env, PGCONNECT_TIMEOUT: '10' } },
			);
			assert.equal(psql.status, 0, `psql: ${JSON.stringify({ error: psql.error?.message, signal: psql.signal, stdout: psql.stdout, stderr: psql.stderr })}`);
			const stored = Object.fromEntries(psql.stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line)).map((row) => [row.id, row.staticData]));
			for (const mod of triggerModules) {
				const watermark = Object.values(stored[mod.workflowId] ?? {}).find((v) => v && typeof v === 'object' && v.sageChangeWatermark)?.sageChangeWatermark;
				assert.ok(watermark && typeof watermark.stamp === 'string', `${mod.file}: no watermark in workflow_entity."staticData": ${JSON.stringify(stored[mod.workflowId])}`);
				perProduct[mod.file].watermark = watermark.stamp;
				// Saved after the last poll: the stamp of the last record emitted, not the activation's.
				const last = lastEmitted[mod.file];
				if (last) assert.ok(Object.values(last).includes(watermark.stamp), `${mod.file}: watermark ${watermark.stamp}, last record emitted ${JSON.stringify(last)}`);
			}
			counts.triggers = { perProduct, perWorker, requestsBySender: bySender, requestsByProduct: byProduct };
			console.log(`    executions per worker: ${JSON.stringify(perWorker)}; Sage requests during the trigger checks: ${requests.length}, by sender ${JSON.stringify(bySender)}, by product ${JSON.stringify(byProduct)}`);
			console.log(`    per trigger: ${JSON.stringify(perProduct)}`);
			if (unmatched.length) console.log(`    requests the sandbox has no route for: ${unmatched.join(', ')}`);
			assert.ok(requests.length > 0, 'no Sage request during the trigger checks');
			const others = requests.filter((e) => e.sender !== 'main').map((e) => `${e.method} ${e.path} (${e.name}) from ${e.sender ?? '?'} at +${e.receivedAt - triggersStart} ms`);
			assert.deepEqual(others, [], 'every Sage request of the polls came from main');
			assert.ok(Object.values(perWorker).reduce((a, b) => a + b, 0) > 0, 'the polls started executions');
			assert.equal(Object.keys(lastEmitted).length, triggerModules.length, 'every trigger started executions');
		});

		await check('no warnings about the package in any n8n process log', async () => {
			for (const p of n8nProcesses) assert.deepEqual(loadProblems(p), [], p.label);
		});

		console.log('\ncounts:');
		for (const w of workers) console.log(`    ${w.label}: ${startedBy(w).size} executions started`);
		if (counts.perWorker) {
			console.log(`    20 at once: per worker ${JSON.stringify(counts.perWorker)}, X3 token requests ${counts.x3TokenRequests}, X3 reuse events ${counts.x3ReuseEvents}, ` +
				`X3 refresh tokens spent by ${JSON.stringify(counts.x3TokensByWorker)}, raced ${counts.racedTokens}, ` +
				`SDMO token requests ${counts.sdmoTokenRequests}, Sage 200 token requests ${counts.sage200TokenRequests}, X3 GraphQL requests ${counts.x3GraphqlRequests}, ${seconds(counts.batchMs)}`);
		}
		if (counts.kill) console.log(`    kill: ${JSON.stringify(counts.kill)}`);
		if (counts.triggers) console.log(`    polling triggers: ${JSON.stringify(counts.triggers)}`);
		console.log(`    X3 over the whole suite: ${sandbox.x3.tokenRequests()} token requests, ${sandbox.x3.reuseEvents.length} reuse events since the batch started`);
	} catch (err) {
		failed++;
		console.log(`not ok - the queue-mode suite could not go on\n${String(err && err.stack ? err.stack : err).replace(/^/gm, '    ')}`);
	} finally {
		if (!interrupted) await cleanupAll();
	}
	time('wall time', Date.now() - wallStart);

	console.log('\ntimings:');
	for (const [label, value] of timings) console.log(`    ${value.padStart(8)}  ${label}`);
	console.log(`\n${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exitCode = 1;
});
