/**
 * Build steps after `tsc`: copy icons and codex files next to the compiled nodes, and bundle the
 * `graphql` package into dist so the published package has no runtime dependency.
 */
const path = require('node:path');
const { src, dest, series } = require('gulp');
const esbuild = require('esbuild');

function copyAssets() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

async function bundleGraphql() {
	// vendor.ts is the only module importing `graphql`; replacing its compiled output with a bundle
	// makes every other file reach graphql through a relative path.
	await esbuild.build({
		entryPoints: [path.join('nodes', 'shared', 'graphql', 'vendor.ts')],
		outfile: path.join('dist', 'nodes', 'shared', 'graphql', 'vendor.js'),
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node18',
		// graphql's ES modules let esbuild drop what vendor.ts does not re-export.
		mainFields: ['module', 'main'],
		// graphql picks its `instanceOf` from `globalThis.process && process.env.NODE_ENV`; n8n's
		// scanner refuses both globals in shipped code. Fix graphql's production branch at build time
		// (plain instanceof: its other branch only detects a second copy of graphql, and this bundle
		// is the only one the package loads).
		define: { 'globalThis.process': 'true', 'process.env.NODE_ENV': '"production"' },
		legalComments: 'inline',
		logLevel: 'warning',
	});
}

exports.build = series(copyAssets, bundleGraphql);
exports.default = exports.build;
