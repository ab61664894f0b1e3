#!/usr/bin/env node
'use strict';
/**
 * Smoke test of the e2e kit (plain node script, not jest):
 *   node test/e2e/smoke.e2e.js
 * Installs n8n if needed (scripts/ensure-n8n.sh), starts it with a throwaway community package
 * "n8n-nodes-hello" (one node, outputs {hello: 'world'}), checks the node type is registered,
 * imports Manual Trigger -> Hello, runs it with `n8n execute`, checks the output and a failing
 * workflow's error, checks the log has no load problems for the package, and stops n8n.
 * Env: N8N_E2E_KEEP=1 keeps the temp folders, N8N_E2E_ECHO=1 echoes n8n's output,
 * N8N_E2E_LINK_MODE=copy copies the package instead of symlinking it.
 */

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const e2e = require('./n8n');

const PKG = 'n8n-nodes-hello';
const NODE_TYPE = `${PKG}.hello`;

function writeHelloPackage() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pkg-'));
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: PKG,
				version: '0.0.1',
				description: 'throwaway package for the e2e smoke test',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				main: 'index.js',
				files: ['dist'],
				n8n: {
					n8nNodesApiVersion: 1,
					credentials: [],
					nodes: ['dist/nodes/Hello/Hello.node.js'],
				},
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(path.join(dir, 'index.js'), 'module.exports = {};\n');
	const nodeDir = path.join(dir, 'dist', 'nodes', 'Hello');
	fs.mkdirSync(nodeDir, { recursive: true });
	// The exported class name must equal the file name before the first dot ("Hello").
	fs.writeFileSync(
		path.join(nodeDir, 'Hello.node.js'),
		`'use strict';
class Hello {
	constructor() {
		this.description = {
			displayName: 'Hello',
			name: 'hello',
			group: ['transform'],
			version: 1,
			description: 'Outputs {hello: "world"} for every input item',
			defaults: { name: 'Hello' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		};
	}
	async execute() {
		const items = this.getInputData();
		return [items.map((_item, i) => ({ json: { hello: 'world' }, pairedItem: { item: i } }))];
	}
}
module.exports = { Hello };
`,
	);
	return dir;
}

const helloWorkflow = {
	id: 'e2eSmokeHello01',
	name: 'E2E smoke: hello',
	nodes: [
		{ id: 'n1', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'n2', name: 'Hello', type: NODE_TYPE, typeVersion: 1, position: [220, 0], parameters: {} },
	],
	connections: { Manual: { main: [[{ node: 'Hello', type: 'main', index: 0 }]] } },
};

const failingWorkflow = {
	id: 'e2eSmokeFail001',
	name: 'E2E smoke: failing',
	nodes: [
		{ id: 'f1', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{ id: 'f2', name: 'Hello', type: NODE_TYPE, typeVersion: 1, position: [220, 0], parameters: {} },
		{
			id: 'f3',
			name: 'Boom',
			type: 'n8n-nodes-base.stopAndError',
			typeVersion: 1,
			position: [440, 0],
			parameters: { errorMessage: '=boom {{ $json.hello }}' },
		},
	],
	connections: {
		Manual: { main: [[{ node: 'Hello', type: 'main', index: 0 }]] },
		Hello: { main: [[{ node: 'Boom', type: 'main', index: 0 }]] },
	},
};

const s = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
	const timings = {};
	let passed = 0;
	let failed = 0;
	const check = async (name, fn) => {
		try {
			await fn();
			passed++;
			console.log(`ok - ${name}`);
		} catch (err) {
			failed++;
			console.log(`not ok - ${name}\n${String(err && err.stack ? err.stack : err).replace(/^/gm, '    ')}`);
		}
	};

	let t = Date.now();
	const install = e2e.ensureN8n();
	timings.install = `${s(Date.now() - t)} (${install.cold ? 'cold' : 'warm'})`;
	console.log(`install: ${timings.install}; node ${install.nodeBin}; n8n ${install.n8nBin}`);

	const pkgDir = writeHelloPackage();
	let n8n;
	try {
		t = Date.now();
		n8n = await e2e.startN8n({ customPackageDir: pkgDir, linkMode: process.env.N8N_E2E_LINK_MODE || 'symlink' });
		timings.startup = s(Date.now() - t);
		console.log(`n8n ready at ${n8n.url} (user folder ${n8n.userFolder}) in ${timings.startup}`);

		const session = await e2e.setupOwner(n8n);

		await check('node type is registered (GET /types/nodes.json)', async () => {
			const types = await e2e.nodeTypes(session);
			assert.ok(types.nodeNames.has(NODE_TYPE), `${NODE_TYPE} missing from ${types.nodes.length} node types`);
			assert.ok(types.nodeNames.has('n8n-nodes-base.manualTrigger'));
			assert.ok(types.credentialNames.has('httpBasicAuth'));
			const hello = types.nodes.find((n) => n.name === NODE_TYPE);
			assert.equal(hello.communityNodePackageVersion, '0.0.1');
		});

		await check('POST /rest/node-types returns the description', async () => {
			const d = await e2e.nodeTypeDescription(session, NODE_TYPE, 1);
			assert.equal(d && d.displayName, 'Hello');
		});

		await check('import:workflow', async () => {
			t = Date.now();
			await e2e.importWorkflows(n8n, [helloWorkflow, failingWorkflow]);
			timings.import = s(Date.now() - t);
			const res = await e2e.rest(session, 'GET', `/rest/workflows/${helloWorkflow.id}`);
			assert.equal(res.status, 200);
			assert.equal(res.data.name, helloWorkflow.name);
		});

		await check('n8n execute: Manual Trigger -> Hello outputs {hello: "world"}', async () => {
			t = Date.now();
			const run = await e2e.executeWorkflowCli(n8n, helloWorkflow.id);
			timings.execute = `${s(Date.now() - t)}${run.crashedOnExit ? ' (segfault on exit, output intact)' : ''}`;
			assert.ok(run.ok, `execution failed: ${JSON.stringify(run.error)}\n${run.stdout.slice(-3000)}`);
			assert.equal(run.status, 'success');
			assert.deepEqual(e2e.nodeOutput(run.execution, 'Hello'), [{ hello: 'world' }]);
		});

		await check('n8n execute: a failing workflow reports its error', async () => {
			const run = await e2e.executeWorkflowCli(n8n, failingWorkflow.id);
			assert.equal(run.ok, false);
			assert.equal(run.status, 'error');
			assert.equal(run.error.message, 'boom world');
			assert.equal(run.error.node.name, 'Boom');
			assert.deepEqual(e2e.nodeOutput(run.execution, 'Hello'), [{ hello: 'world' }]);
		});

		await check('n8n execute: unknown workflow id', async () => {
			const run = await e2e.executeWorkflowCli(n8n, 'doesNotExist123');
			assert.equal(run.ok, false);
			assert.match(run.error.message, /does not exist/);
		});

		await check('no load warnings about the package in the log', async () => {
			const problems = e2e.packageLoadProblems(n8n, PKG);
			assert.deepEqual(problems, []);
			const cliLog = fs.readFileSync(n8n.logFile.replace(/\.log$/, '.cli.log'), 'utf8');
			assert.doesNotMatch(cliLog, new RegExp(`(Failed to load|Skipping) package "${PKG}"`));
		});
	} finally {
		if (n8n) {
			t = Date.now();
			const exit = await n8n.stop();
			timings.stop = s(Date.now() - t);
			await check('stop() ends n8n and its task runner', async () => {
				assert.ok(exit);
				let alive = true;
				try {
					process.kill(-n8n.pid, 0);
				} catch {
					alive = false;
				}
				assert.equal(alive, false, `process group ${n8n.pid} still alive`);
			});
		}
		if (process.env.N8N_E2E_KEEP !== '1') fs.rmSync(pkgDir, { recursive: true, force: true });
	}

	console.log(`timings: ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join('; ')}`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch((err) => {
	console.error(err);
	console.log('0 passed, 1 failed');
	process.exitCode = 1;
});
