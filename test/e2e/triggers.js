#!/usr/bin/env node
'use strict';
/**
 * The trigger checks (issue 19) in a real n8n: every module of test/e2e/triggers/ exports `name`
 * and `async check(env)`, which imports its credential and an activated polling workflow, changes
 * records in the sandbox and asserts what n8n's executions hold (REST API, includeData).
 *
 * test/e2e/run.js runs them against its n8n and sandbox (runTriggerChecks); alone,
 * `node test/e2e/triggers.js` starts its own (E2E_SKIP_BUILD=1 skips the build; E2E_ONLY=<regexp>
 * picks modules by name). The modules run at the same time: each waits for n8n's poll minute.
 *
 * env: { n8n, session, sandbox, e2e (test/e2e/n8n.js), fixtures, executions(workflowId),
 * executionItems(executionId, nodeName), activate(workflowId), deactivate(workflowId),
 * waitFor(what, fn, timeoutMs) }.
 */

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const e2e = require('./n8n');
const fixtures = require('./fixtures');

const MODULES_DIR = path.join(__dirname, 'triggers');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** n8n's execution data is "flatted" JSON: objects refer to each other by index. */
function unflatten(text) {
	const table = JSON.parse(text);
	const memo = new Map();
	const resolve = (i) => {
		const v = table[i];
		if (typeof v !== 'object' || v === null) return v;
		if (memo.has(i)) return memo.get(i);
		const o = Array.isArray(v) ? [] : {};
		memo.set(i, o);
		for (const [k, x] of Object.entries(v)) o[k] = typeof x === 'string' ? resolve(Number(x)) : x;
		return o;
	};
	return resolve(0);
}

function triggerEnv({ n8n, session, sandbox }) {
	const env = {
		n8n,
		session,
		sandbox,
		e2e,
		fixtures,
		/** The workflow's executions, oldest first. */
		async executions(workflowId) {
			const res = await e2e.rest(session, 'GET', `/rest/executions?limit=100&filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
			assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
			const list = res.data.results || res.data;
			return [...list].sort((a, b) => Number(a.id) - Number(b.id));
		},
		/** The items a node output in an execution (GET /rest/executions/:id, data included). */
		async executionItems(executionId, nodeName) {
			const res = await e2e.rest(session, 'GET', `/rest/executions/${executionId}?includeData=true`);
			assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
			const data = typeof res.data.data === 'string' ? unflatten(res.data.data) : res.data.data;
			const runs = data?.resultData?.runData?.[nodeName];
			assert.ok(runs, `execution ${executionId} has no run of "${nodeName}": ${JSON.stringify(data?.resultData?.error ?? {}).slice(0, 500)}`);
			return runs.flatMap((run) => run.data?.main?.[0] ?? []).map((item) => item.json);
		},
		async activate(workflowId) {
			const wf = await e2e.rest(session, 'GET', `/rest/workflows/${workflowId}`);
			assert.equal(wf.status, 200, JSON.stringify(wf.body).slice(0, 500));
			const activated = await e2e.rest(session, 'POST', `/rest/workflows/${workflowId}/activate`, { versionId: wf.data.versionId });
			assert.equal(activated.status, 200, `activate ${workflowId}: ${JSON.stringify(activated.body).slice(0, 1000)}`);
			assert.equal(activated.data.active, true);
		},
		async deactivate(workflowId) {
			const res = await e2e.rest(session, 'POST', `/rest/workflows/${workflowId}/deactivate`, {});
			assert.equal(res.status, 200, `deactivate ${workflowId}: ${JSON.stringify(res.body).slice(0, 500)}`);
		},
		/** Resolves with fn()'s first truthy value, polling every second; fails after timeoutMs. */
		async waitFor(what, fn, timeoutMs = 150_000) {
			const started = Date.now();
			for (;;) {
				const value = await fn();
				if (value) return value;
				if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
				await sleep(1000);
			}
		},
	};
	return env;
}

/**
 * The modules of test/e2e/triggers/ in file order, each { file, name, workflowId, check }; with
 * `only` (a RegExp; E2E_ONLY by default, null for all) those whose name matches.
 */
function triggerModules({ only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : null } = {}) {
	return fs
		.readdirSync(MODULES_DIR)
		.filter((file) => file.endsWith('.js'))
		.sort()
		.map((file) => ({ file, ...require(path.join(MODULES_DIR, file)) }))
		.filter((mod) => !only || only.test(mod.name));
}

/**
 * Runs the trigger modules (all of triggerModules() unless `modules` is given) at once against one
 * n8n and sandbox, then reports each through `check(name, fn)` (run.js's reporter) in file order.
 * Resolves with [{ mod, value, error }] in that order (test/e2e/queue.js checks more on them).
 */
async function runTriggerChecks(context, check, { modules = triggerModules() } = {}) {
	const env = triggerEnv(context);
	const running = modules.map((mod) => ({ mod, result: mod.check(env).then((value) => ({ value }), (error) => ({ error })) }));
	const outcomes = [];
	for (const { mod, result } of running) {
		await check(`trigger ${mod.file}: ${mod.name}`, async () => {
			const { value, error } = await result;
			if (error) throw error;
			if (value !== undefined) console.log(`    ${JSON.stringify(value)}`);
		});
		outcomes.push({ mod, ...(await result) });
	}
	return outcomes;
}

module.exports = { runTriggerChecks, triggerEnv, triggerModules, unflatten };

async function main() {
	const { startSandbox } = require('../sandbox');
	const root = path.resolve(__dirname, '..', '..');
	e2e.ensureN8n();
	if (process.env.E2E_SKIP_BUILD !== '1') {
		const res = spawnSync('npm', ['run', 'build'], { cwd: root, encoding: 'utf8' });
		if (res.status !== 0) throw new Error(`npm run build failed:\n${res.stdout}\n${res.stderr}`);
	}
	let passed = 0;
	let failed = 0;
	const check = async (name, fn) => {
		const started = Date.now();
		try {
			await fn();
			passed++;
			console.log(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		} catch (error) {
			failed++;
			console.log(`not ok - ${name}\n${String(error?.stack ?? error).replace(/^/gm, '    ')}`);
		}
	};
	const sandbox = await startSandbox({ port: 0 });
	let n8n;
	try {
		n8n = await e2e.startN8n({ customPackageDir: root, linkMode: 'copy' });
		console.log(`n8n ${e2e.N8N_VERSION} at ${n8n.url}, sandbox at ${sandbox.url}`);
		await e2e.setupOwner(n8n);
		const session = await e2e.login(n8n);
		await runTriggerChecks({ n8n, session, sandbox }, check);
	} finally {
		if (n8n) await n8n.stop();
		await sandbox.close();
	}
	console.log(`\n${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		console.log('0 passed, 1 failed');
		process.exitCode = 1;
	});
}
