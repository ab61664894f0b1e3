'use strict';
/**
 * Loads every JavaScript file of dist/ in a plain Node process whose module resolver refuses any
 * package except the ones n8n provides at run time. Prints the loaded files as JSON.
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const ALLOWED_PACKAGES = new Set(['n8n-workflow', 'luxon']);
const ALLOWED_BUILTINS = new Set(['crypto']);
const distDir = path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'dist'));

const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, parent, ...rest) {
	// Only the package's own files are checked; what n8n-workflow loads is n8n's business.
	if (!parent?.filename?.startsWith(distDir + path.sep)) return originalResolve.call(this, request, parent, ...rest);
	const isRelative = request.startsWith('.') || path.isAbsolute(request);
	const bare = request.replace(/^node:/, '');
	if (!isRelative && !ALLOWED_PACKAGES.has(request) && !ALLOWED_BUILTINS.has(bare)) {
		throw new Error(`${path.relative(distDir, parent?.filename ?? '?')} requires "${request}", which n8n does not provide at run time`);
	}
	if (isRelative) {
		const target = path.resolve(path.dirname(parent.filename), request);
		if (!target.startsWith(distDir)) throw new Error(`${parent.filename} reaches outside dist: ${request}`);
	}
	return originalResolve.call(this, request, parent, ...rest);
};

function walk(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		return entry.isDirectory() ? walk(full) : entry.name.endsWith('.js') ? [full] : [];
	});
}

const loaded = [];
for (const file of walk(distDir)) {
	require(file);
	loaded.push(path.relative(distDir, file));
}
process.stdout.write(JSON.stringify(loaded));
