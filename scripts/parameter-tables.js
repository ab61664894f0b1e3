#!/usr/bin/env node
'use strict';
/**
 * The parameter names a workflow JSON uses for each operation of the three Sage nodes, as markdown
 * tables read from the nodes' own descriptions (nodes/<Node>/<Node>.node.ts, bundled in memory with
 * esbuild: no build, nothing written to dist).
 *
 *   node scripts/parameter-tables.js            print the three tables
 *   node scripts/parameter-tables.js --write    put them into docs/ between their markers
 *   node scripts/parameter-tables.js --check    exit 1 if docs/ differs from the descriptions
 *   --root DIR                                  read the nodes of another checkout
 *
 * In docs/<guide>.md a table sits between `<!-- parameters:<Node> start -->` and
 * `<!-- parameters:<Node> end -->`; test/docs/parameter-tables.test.ts runs --check.
 */
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const esbuild = require('esbuild');

const REPO = path.join(__dirname, '..');
const NODES = [
	{ node: 'SageX3', doc: 'docs/sage-x3.md' },
	{ node: 'SageX3Trigger', doc: 'docs/sage-x3.md' },
	{ node: 'SageDmo', doc: 'docs/sage-dmo.md' },
	{ node: 'SageDmoTrigger', doc: 'docs/sage-dmo.md' },
	{ node: 'Sage200', doc: 'docs/sage-200.md' },
	{ node: 'Sage200Trigger', doc: 'docs/sage-200.md' },
];

/** The node's description, from its TypeScript source (n8n-workflow resolved from the checkout). */
function descriptionOf(root, node) {
	const built = esbuild.buildSync({
		entryPoints: [path.join(root, 'nodes', node, `${node}.node.ts`)],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		write: false,
		external: ['n8n-workflow'],
		logLevel: 'error',
	});
	const filename = path.join(root, 'nodes', node, `${node}.parameter-tables.js`);
	const loaded = new Module(filename);
	loaded.filename = filename;
	loaded.paths = Module._nodeModulePaths(path.dirname(filename));
	loaded._compile(built.outputFiles[0].text, filename);
	const NodeClass = Object.values(loaded.exports).find((value) => typeof value === 'function');
	return new NodeClass().description;
}

const shownFor = (property, key, value) => {
	const wanted = property.displayOptions?.show?.[key];
	return wanted === undefined || wanted.includes(value);
};

/** Conditions beyond resource and operation ("when returnAll is false"). */
function conditionOf(property) {
	const show = property.displayOptions?.show ?? {};
	const parts = Object.entries(show)
		.filter(([key]) => key !== 'resource' && key !== 'operation' && !key.startsWith('@'))
		.map(([key, values]) => `\`${key}\` ${values.map((v) => JSON.stringify(v)).join(' or ')}`);
	return parts.length ? `when ${parts.join(', ')}` : '';
}

const TYPE_NOTES = {
	resourceLocator: 'locator',
	boolean: 'boolean',
	number: 'number',
	json: 'JSON',
	options: 'option',
	multiOptions: 'list',
};

/** `name` (type, condition) or `name` {`a`, `b`} for a collection. */
function describeParameter(property) {
	const type = property.type === 'resourceLocator' ? `locator: ${property.modes.map((mode) => `\`${mode.name}\``).join(' or ')}` : TYPE_NOTES[property.type];
	const notes = [type, conditionOf(property)].filter(Boolean);
	let text = `\`${property.name}\``;
	if (property.type === 'collection') {
		text += ` {${property.options.map((option) => `\`${option.name}\``).join(', ')}}`;
	} else if (property.type === 'fixedCollection') {
		const groups = property.options.map((group) => `\`${group.name}\`: [{${(group.values ?? []).map((value) => `\`${value.name}\``).join(', ')}}]`);
		text += ` {${groups.join(', ')}}`;
	}
	return notes.length ? `${text} (${notes.join(', ')})` : text;
}

const SKIPPED_TYPES = new Set(['notice', 'hidden']);

/** A trigger has no operations: one row per resource, its event (`event`) among the parameters. */
function triggerTableOf(description, resourceProperty) {
	const rows = ['| Resource | `resource` | Parameters |', '|---|---|---|'];
	for (const resource of resourceProperty.options) {
		const parameters = description.properties
			.filter((p) => p !== resourceProperty && !SKIPPED_TYPES.has(p.type) && shownFor(p, 'resource', resource.value))
			.map(describeParameter);
		rows.push(`| ${resource.name} | \`${resource.value}\` | ${parameters.join(', ') || '—'} |`);
	}
	return [...rows, '', LEGEND].join('\n');
}

function tableOf(description) {
	const properties = description.properties;
	const resourceProperty = properties.find((p) => p.name === 'resource');
	if (description.polling || description.group.includes('trigger')) return triggerTableOf(description, resourceProperty);
	const rows = ['| Resource → Operation | `resource` | `operation` | Parameters |', '|---|---|---|---|'];
	for (const resource of resourceProperty.options) {
		const operationProperty = properties.find((p) => p.name === 'operation' && shownFor(p, 'resource', resource.value));
		for (const operation of operationProperty?.options ?? []) {
			const parameters = properties
				.filter((p) => p !== resourceProperty && p.name !== 'operation' && !SKIPPED_TYPES.has(p.type))
				.filter((p) => shownFor(p, 'resource', resource.value) && shownFor(p, 'operation', operation.value))
				.map(describeParameter);
			rows.push(`| ${resource.name} → ${operation.name} | \`${resource.value}\` | \`${operation.value}\` | ${parameters.join(', ') || '—'} |`);
		}
	}
	return [...rows, '', LEGEND].join('\n');
}

const LEGEND = [
	'Values in workflow JSON (`nodes[].parameters`): a locator is `{"__rl": true, "mode": "<mode>", "value": "..."}`;',
	'a list is an array of strings; JSON is the JSON text as a string; `name` {`a`, `b`} is an object with',
	'those optional keys; `name` {`group`: [{`x`, `y`}]} is an object whose `group` is an array of such objects.',
	'Parameters without a note are strings (or n8n expressions starting with `=`).',
].join('\n');

const markers = (node) => [`<!-- parameters:${node} start -->`, `<!-- parameters:${node} end -->`];

/** The doc's text with the table between its markers replaced; undefined when the markers are missing. */
function withTable(text, node, table) {
	const [start, end] = markers(node);
	const from = text.indexOf(start);
	const to = text.indexOf(end);
	if (from < 0 || to < from) return undefined;
	return `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
}

function tables(root = REPO) {
	return NODES.map((entry) => ({ ...entry, table: tableOf(descriptionOf(root, entry.node)) }));
}

module.exports = { tables, withTable, markers };

if (require.main === module) {
	const args = process.argv.slice(2);
	const rootAt = args.indexOf('--root');
	const root = rootAt >= 0 ? path.resolve(args[rootAt + 1]) : REPO;
	const results = tables(root);
	if (args.includes('--write') || args.includes('--check')) {
		let stale = 0;
		for (const { node, doc, table } of results) {
			const file = path.join(REPO, doc);
			const text = fs.readFileSync(file, 'utf8');
			const updated = withTable(text, node, table);
			if (updated === undefined) throw new Error(`${doc} has no ${markers(node).join(' ... ')} markers`);
			if (updated === text) continue;
			stale++;
			if (args.includes('--write')) {
				fs.writeFileSync(file, updated);
				console.log(`updated ${doc}`);
			} else {
				console.error(`${doc}: the ${node} parameter table differs from the node's description`);
			}
		}
		if (stale && args.includes('--check')) {
			console.error('run: node scripts/parameter-tables.js --write');
			process.exit(1);
		}
	} else {
		for (const { node, table } of results) console.log(`## ${node}\n\n${table}\n`);
	}
}
