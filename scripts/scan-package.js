'use strict';
/**
 * `npm run scan`: n8n's community-package scanner (@n8n/scan-community-package, pinned in
 * devDependencies) run offline on this checkout, as n8n runs it on a published version.
 *
 * The scanner itself downloads a version from the registry, checks its provenance, fetches the
 * attested GitHub commit and lints two legs with its own rule set: the sources
 * (`package.json`, `{nodes,credentials}/**`) and the packed tarball (`**\/*.js`, `package.json`).
 * Here the same exported analysis runs on the same two legs without the network: the sources are
 * this checkout, the tarball is what `npm pack` makes of it now (so dist/ must be built first).
 * Provenance itself can only exist for a version published from CI (see the README, Publishing).
 *
 * Usage: node scripts/scan-package.js [packageRoot]   (default: this repository)
 * Exits 1 on any finding in either leg, 2 when it cannot run.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(process.argv[2] || path.join(__dirname, '..'));

function fail(message) {
	console.error(`scan: ${message}`);
	process.exit(2);
}

async function main() {
	const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	for (const entry of [...manifest.n8n.nodes, ...manifest.n8n.credentials]) {
		if (!fs.existsSync(path.join(root, entry))) fail(`${entry} is missing: run \`npm run build\` first`);
	}

	// The scanner's package has no `exports` map: its analysis lives in scanner/scanner.mjs, the
	// module its CLI imports.
	const scannerEntry = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', { paths: [root] });
	const { version: scannerVersion } = JSON.parse(
		fs.readFileSync(path.join(path.dirname(scannerEntry), '..', 'package.json'), 'utf8'),
	);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
	try {
		// The scanner makes a temporary folder when it is imported: make it inside ours, removed below.
		const tmpdir = process.env.TMPDIR;
		process.env.TMPDIR = work;
		const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerEntry).href);
		if (tmpdir === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = tmpdir;
		if (typeof analyzePackage !== 'function' || !Array.isArray(SOURCE_FILE_PATTERNS)) {
			fail(`@n8n/scan-community-package ${scannerVersion} no longer exports analyzePackage/SOURCE_FILE_PATTERNS`);
		}

		const packed = JSON.parse(
			execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'inherit'],
			}),
		)[0];
		const packageDir = path.join(work, 'package');
		fs.mkdirSync(packageDir);
		execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', packageDir, '--strip-components=1']);

		console.log(`scan: ${packed.name}@${packed.version} with @n8n/scan-community-package ${scannerVersion}`);
		// The same two calls, with the same file patterns, as the scanner's analyzePackageByName.
		const legs = [
			{ name: `sources (${SOURCE_FILE_PATTERNS.join(', ')})`, dir: root, patterns: SOURCE_FILE_PATTERNS },
			{ name: `packed tarball, ${packed.entryCount} files (**/*.js, package.json)`, dir: packageDir, patterns: ['**/*.js', 'package.json'] },
		];
		let passed = true;
		for (const leg of legs) {
			const result = await analyzePackage(leg.dir, leg.patterns);
			passed &&= result.passed;
			console.log(`${result.passed ? 'PASS' : 'FAIL'} ${leg.name}${result.message ? `: ${result.message}` : ''}`);
			if (result.details) console.log(result.details);
		}
		console.log(passed ? 'scan: passed' : 'scan: FAILED');
		return passed ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => fail(error.stack || String(error)),
);
