/**
 * What `npm publish` would ship (the file list of `npm pack --dry-run`), and the graphql bundle as
 * n8n's scanner reads it: the scanner's own analysis on dist's vendor.js, as in `npm run scan`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vendorFile = path.join('nodes', 'shared', 'graphql', 'vendor.js');

function packedFiles(): string[] {
	const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return (JSON.parse(output)[0].files as Array<{ path: string }>).map((file) => file.path);
}

describe('the published package', () => {
	const files = packedFiles();

	test('ships LICENSE, README.md, package.json and every node and credential n8n loads', () => {
		expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
		for (const entry of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) expect(files).toContain(entry);
		expect(files).toContain(path.posix.join('dist', vendorFile.split(path.sep).join('/')));
		expect(readFileSync(path.join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
		expect(packageJson.license).toBe('MIT');
	});

	test('ships nothing but dist/ and the top-level files: no tests, sources or tooling', () => {
		const topLevel = new Set(['LICENSE', 'README.md', 'package.json', 'index.js']);
		expect(files.filter((file) => !file.startsWith('dist/') && !topLevel.has(file))).toEqual([]);
		expect(files.filter((file) => /(^|\/)test\//.test(file))).toEqual([]);
		expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
	});
});

describe('the bundled graphql', () => {
	test('passes the scanner: no process, globalThis or other restricted global', () => {
		// The scanner is an ES module; run its exported analysis in a child process as scan-package.js does.
		const script = `
			const { analyzePackage } = await import(${JSON.stringify(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs'))});
			const result = await analyzePackage(process.argv[1], [process.argv[2]]);
			process.stdout.write(JSON.stringify({ passed: result.passed, message: result.message, details: result.details }));
		`;
		// The scanner makes a temporary folder when it is imported: make it in one removed here.
		const tmpdir = mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-test-'));
		let output: string;
		try {
			output = execFileSync(process.execPath, ['--input-type=module', '-e', script, path.join(root, 'dist'), vendorFile.split(path.sep).join('/')], {
				cwd: root,
				encoding: 'utf8',
				env: { ...process.env, TMPDIR: tmpdir },
			});
		} finally {
			rmSync(tmpdir, { recursive: true, force: true });
		}
		const result = JSON.parse(output);
		expect(result.details ?? '').toBe('');
		expect(result).toEqual({ passed: true });
	});

	test('still parses, visits and prints GraphQL documents', () => {
		const graphql = require(path.join(root, 'dist', vendorFile));
		const document = graphql.parse('query Q($first: Int) { xtremMasterData { customer { query(first: $first) { edges { node { _id } } } } } }');
		expect(document.definitions[0].operation).toBe(graphql.OperationTypeNode.QUERY);
		const fields: string[] = [];
		graphql.visit(document, { Field: (node: { name: { value: string } }) => void fields.push(node.name.value) });
		expect(fields).toEqual(['xtremMasterData', 'customer', 'query', 'edges', 'node', '_id']);
		expect(graphql.print(document)).toContain('query Q($first: Int)');
		expect(() => graphql.parse('{ unclosed')).toThrow(graphql.GraphQLError);
	});
});
