/**
 * The published package: built files load with nothing but n8n-workflow and luxon, and every
 * node and credential listed in package.json exists in dist with the class name n8n expects.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('dist', () => {
	test('every dist file loads with a resolver that refuses other packages', () => {
		const output = execFileSync(process.execPath, [path.join(__dirname, 'load-dist.js'), path.join(root, 'dist')], {
			cwd: root,
			encoding: 'utf8',
		});
		const loaded = JSON.parse(output) as string[];
		expect(loaded).toContain(path.join('nodes', 'shared', 'graphql', 'vendor.js'));
		expect(loaded.length).toBeGreaterThan(10);
	});

	test('the resolver really refuses an undeclared package', () => {
		const probe = path.join(root, 'dist', '__probe__.js');
		require('node:fs').writeFileSync(probe, "require('graphql');\n");
		try {
			expect(() =>
				execFileSync(process.execPath, [path.join(__dirname, 'load-dist.js'), path.join(root, 'dist')], { stdio: 'pipe' }),
			).toThrow(/requires "graphql"/);
		} finally {
			require('node:fs').unlinkSync(probe);
		}
	});

	test('package.json has no runtime dependencies and lists every built node and credential', () => {
		expect(packageJson.dependencies ?? {}).toEqual({});
		expect(packageJson.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(packageJson.keywords).toContain('n8n-community-node-package');
		const entries: string[] = [...packageJson.n8n.nodes, ...packageJson.n8n.credentials];
		expect(entries.length).toBeGreaterThan(0);
		for (const entry of entries) {
			expect(existsSync(path.join(root, entry))).toBe(true);
			const className = path.basename(entry).split('.')[0];
			const exported = require(path.join(root, entry));
			expect(typeof exported[className]).toBe('function');
		}
	});
});
