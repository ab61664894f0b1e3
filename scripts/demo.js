#!/usr/bin/env node
'use strict';
/**
 * npm start: a real n8n with this package, wired to the local Sage sandbox, ready to click.
 *
 *   1. npm run build (skip with DEMO_SKIP_BUILD=1)
 *   2. installs n8n 2.41.1 + Node 24 outside the repo when missing (scripts/ensure-n8n.sh)
 *   3. starts the Sage sandbox (port 4545, or a free one) and n8n (port 5678, or a free one)
 *      with the package copied into n8n's nodes folder
 *   4. sets up the owner, imports the sandbox credentials and one workflow per product,
 *      prints the editor URL and the login
 * Ctrl-C (SIGINT) or SIGTERM stops n8n and the sandbox. Nothing is kept: every start is fresh
 * (N8N_E2E_KEEP=1 keeps n8n's user folder).
 * Env: DEMO_SANDBOX_PORT, DEMO_N8N_PORT, DEMO_DEBUG=1 (stack traces on failure).
 * The install prints one line per step; npm's output goes to the install log it names.
 */

const { spawnSync } = require('node:child_process');
const net = require('node:net');
const path = require('node:path');

const e2e = require('../test/e2e/n8n');
const fixtures = require('../test/e2e/fixtures');
const { startSandbox } = require('../test/sandbox');

const REPO_ROOT = path.resolve(__dirname, '..');
const OWNER = { email: 'demo@example.com', firstName: 'Sage', lastName: 'Demo', password: 'SageDemo-2026' };

const say = (line = '') => process.stdout.write(`${line}\n`);

function portIsFree(port) {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
	});
}

async function pickPort(wanted) {
	return (await portIsFree(wanted)) ? wanted : await e2e.freePort();
}

let sandbox;
let n8n;
let stopping;

function stop(why) {
	if (!stopping) {
		stopping = (async () => {
			say(`\n${why}: stopping n8n and the sandbox...`);
			if (n8n) await n8n.stop();
			if (sandbox) await sandbox.close();
			say('Stopped.');
		})();
	}
	return stopping;
}

async function main() {
	process.on('SIGINT', () => stop('Ctrl-C').then(() => process.exit(0)));
	process.on('SIGTERM', () => stop('SIGTERM').then(() => process.exit(0)));
	// Last resort if this process dies another way: n8n runs in its own process group.
	process.on('exit', () => {
		if (n8n && !stopping) {
			try {
				process.kill(-n8n.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	});

	if (process.env.DEMO_SKIP_BUILD !== '1') {
		say('Building the package (npm run build)...');
		const res = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
		if (res.status !== 0) throw new Error(`npm run build failed:\n${res.stdout}\n${res.stderr}`);
	}

	say(`Checking n8n ${e2e.N8N_VERSION} (installed outside the repo; the first time takes ~5 minutes)...`);
	const install = e2e.ensureN8n();
	if (install.cold) say(`Installed n8n in ${install.seconds.toFixed(0)} s (${install.cache}).`);

	sandbox = await startSandbox({ port: await pickPort(Number(process.env.DEMO_SANDBOX_PORT || 4545)) });
	say(`Sage sandbox on ${sandbox.url}`);
	say('Starting n8n...');
	n8n = await e2e.startN8n({
		customPackageDir: REPO_ROOT,
		linkMode: 'copy',
		port: await pickPort(Number(process.env.DEMO_N8N_PORT || 5678)),
	});

	await e2e.setupOwner(n8n, OWNER);
	const credentials = fixtures.readyCredentials(sandbox);
	await e2e.importCredentials(n8n, credentials);
	const workflows = fixtures.demoWorkflows(sandbox);
	await e2e.importWorkflows(n8n, workflows);

	say('');
	say('n8n is running with n8n-nodes-sage-erp and a local Sage sandbox.');
	say('');
	say(`  Editor:    ${n8n.url}`);
	say(`  Login:     ${OWNER.email}`);
	say(`  Password:  ${OWNER.password}`);
	say('');
	say('  Demo workflows (open one, click "Execute workflow"):');
	for (const wf of workflows) say(`    ${wf.name.padEnd(52)} ${n8n.url}/workflow/${wf.id}`);
	say('');
	say(`  Credentials (Overview > Credentials): ${credentials.map((c) => c.name).join(', ')}`);
	say(`  They point at the sandbox (${sandbox.url}); its demo values are not real secrets.`);
	say('');
	say('Ctrl-C stops n8n and the sandbox.');
}

main().catch(async (err) => {
	// The message says what failed (an install step's log tail is already on screen); the stack only on request.
	const text = err instanceof Error ? (process.env.DEMO_DEBUG === '1' ? err.stack : err.message) : String(err);
	process.stderr.write(`${text}\n`);
	await stop('Error');
	process.exit(1);
});
