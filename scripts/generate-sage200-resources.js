#!/usr/bin/env node
'use strict';
/**
 * Writes test/sandbox/sage200-resources.js, the Sage 200 resource table the sandbox serves, from the
 * OpenAPI files in test/fixtures/sage200-openapi (Sage 200 "v1 Extra" OpenAPI, one file per module).
 *
 *   node scripts/generate-sage200-resources.js           write the table
 *   node scripts/generate-sage200-resources.js --check   exit 1 if the committed table differs
 *
 * What is chosen by hand is only RESOURCES below: which collections the sandbox serves and under which
 * parent collections it also serves them (Sage documents more parent paths than the node uses).
 * Everything else is read from the OpenAPI files; see describe() for the mapping.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const SPEC_DIR = path.join(ROOT, 'test/fixtures/sage200-openapi');
const OUTPUT = path.join(ROOT, 'test/sandbox/sage200-resources.js');

/** [collection, parent collections served as /{parent}/{parentId}/{collection}] */
const RESOURCES = [
	['customers', []],
	['suppliers', []],
	['products', ['product_groups']],
	['product_groups', []],
	['warehouses', []],
	['sop_orders', ['customers']],
	['sop_quotes', []],
	['pop_orders', ['suppliers']],
	['customer_contacts', ['customers']],
	['supplier_contacts', ['suppliers']],
	['customer_delivery_addresses', []],
	['nominal_codes', []],
	['departments', []],
	['cost_centres', []],
	['currencies', []],
	['tax_codes', []],
];

/** The members of a scalar property the sandbox uses, in this order (descriptions are left out). */
const FIELD_KEYS = ['type', 'format', 'readOnly', 'maxLength', 'default'];
const PROFESSIONAL_ONLY = 'x-sage-professional-only';

function loadSpecs() {
	const specs = {};
	for (const file of fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.json')).sort()) {
		specs[path.basename(file, '.json')] = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8'));
	}
	return specs;
}

/** The one module whose file has the collection path. */
function moduleOf(specs, resource) {
	const modules = Object.keys(specs).filter((m) => specs[m].paths[`/${resource}`]);
	if (modules.length !== 1) throw new Error(`/${resource} is in ${modules.length} OpenAPI files (${modules.join(', ')}); expected exactly one`);
	return modules[0];
}

/** Component name of the record GET /{resource}/{Id} returns. */
function schemaOf(spec, resource) {
	const ref = spec.paths[`/${resource}/{Id}`]?.get?.responses?.['200']?.content?.['application/json']?.schema?.$ref;
	if (typeof ref !== 'string') throw new Error(`GET /${resource}/{Id} has no 200 schema $ref`);
	return ref.replace('#/components/schemas/', '');
}

/** The 2xx status the spec documents for a POST. */
function createStatusOf(post) {
	const status = Object.keys(post.responses ?? {}).find((code) => /^2\d\d$/.test(code));
	if (!status) throw new Error('a POST without a 2xx response');
	return Number(status);
}

/**
 * Mapping per resource:
 *   ops: /res GET=list POST=create, /res/{Id} GET=get PUT=update DELETE=delete, /res_new POST=new
 *   createStatus: the 2xx of POST /res (absent when there is none)
 *   required: schema.required; professionalOnly: the x-sage-professional-only marker on /res
 *   professionalOnlyFields: properties with that marker (scalar fields first, then navigations)
 *   nested: per parent, the operations of /parent/{xId}/res (GET=list POST=create) and
 *     /parent/{xId}/res/{Id} (GET=get PUT=update DELETE=delete), in that order; fk from {xId}
 *   navigations: object/array/$ref properties (only returned with $expand); fields: the other properties
 */
function describe(specs, resource, parents) {
	const module = moduleOf(specs, resource);
	const spec = specs[module];
	const schemaName = schemaOf(spec, resource);
	const schema = spec.components.schemas[schemaName];
	const collection = spec.paths[`/${resource}`] ?? {};
	const item = spec.paths[`/${resource}/{Id}`] ?? {};
	const ops = [
		['list', collection.get],
		['get', item.get],
		['create', collection.post],
		['update', item.put],
		['delete', item.delete],
		['new', spec.paths[`/${resource}_new`]?.post],
	]
		.filter(([, operation]) => operation)
		.map(([op]) => op);

	const nested = parents.map((parent) => {
		const pattern = new RegExp(`^/${parent}/\\{(\\w+)\\}/${resource}(/\\{Id\\})?$`);
		const matches = Object.entries(spec.paths)
			.map(([p, methods]) => [p.match(pattern), methods])
			.filter(([match]) => match);
		if (matches.length === 0) throw new Error(`no /${parent}/{id}/${resource} path in ${module}.json`);
		const parameter = matches[0][0][1];
		const onCollection = matches.find(([match]) => !match[2])?.[1] ?? {};
		const onItem = matches.find(([match]) => match[2])?.[1] ?? {};
		const nestedOps = [
			['list', onCollection.get],
			['create', onCollection.post],
			['get', onItem.get],
			['update', onItem.put],
			['delete', onItem.delete],
		]
			.filter(([, operation]) => operation)
			.map(([op]) => op);
		const fk = parameter.replace(/Id$/, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/^_/, '') + '_id';
		return { parent, fk, ops: nestedOps };
	});

	const fields = {};
	const navigations = {};
	const professionalFields = [];
	const professionalNavigations = [];
	for (const [name, property] of Object.entries(schema.properties ?? {})) {
		const navigation = property.type === 'object' || property.type === 'array' ? property.type : property.$ref ? 'object' : undefined;
		if (navigation) {
			navigations[name] = navigation;
			if (property[PROFESSIONAL_ONLY]) professionalNavigations.push(name);
		} else {
			fields[name] = Object.fromEntries(FIELD_KEYS.filter((key) => property[key] !== undefined).map((key) => [key, property[key]]));
			if (property[PROFESSIONAL_ONLY]) professionalFields.push(name);
		}
	}

	return {
		module,
		schema: schemaName,
		ops,
		...(collection.post ? { createStatus: createStatusOf(collection.post) } : {}),
		required: schema.required ?? [],
		professionalOnly: Boolean(collection[PROFESSIONAL_ONLY] || schema[PROFESSIONAL_ONLY]),
		professionalOnlyFields: [...professionalFields, ...professionalNavigations],
		nested,
		navigations,
		fields,
	};
}

const HEADER = `'use strict';
/**
 * Sage 200 resource table, GENERATED by scripts/generate-sage200-resources.js from
 * test/fixtures/sage200-openapi/*.json (Sage 200 "v1 Extra" OpenAPI files). Do not edit by hand:
 * change the generator's RESOURCES list and run it (test/sandbox/sage200-resources.test.ts checks
 * that this file is the generator's output). Per resource:
 *   module, schema (component name), ops (list|get|create|update|delete|new, from the paths that exist:
 *   /res GET=list POST=create, /res/{Id} GET=get PUT=update DELETE=delete, /res_new POST=new),
 *   createStatus (the 2xx the spec documents for POST), required (schema.required),
 *   professionalOnly / professionalOnlyFields (x-sage-professional-only markers),
 *   nested (parent-scoped paths such as /customers/{customerId}/customer_contacts),
 *   navigations (object/array properties: only returned with $expand), fields (scalar properties).
 */
`;

/** The table read from the OpenAPI files (also the source of the node's field table, scripts/generate-sage200-fields.js). */
function readTable() {
	const specs = loadSpecs();
	return Object.fromEntries(RESOURCES.map(([resource, parents]) => [resource, describe(specs, resource, parents)]));
}

/** The text of test/sandbox/sage200-resources.js. */
function generate() {
	return `${HEADER}module.exports = ${JSON.stringify(readTable(), null, '\t')};\n`;
}

module.exports = { generate, readTable, OUTPUT };

if (require.main === module) {
	const text = generate();
	if (process.argv.includes('--check')) {
		const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
		if (current !== text) {
			console.error(`${path.relative(ROOT, OUTPUT)} is not the generator's output: run node scripts/generate-sage200-resources.js`);
			process.exit(1);
		}
		console.log(`${path.relative(ROOT, OUTPUT)} is up to date`);
	} else {
		fs.writeFileSync(OUTPUT, text);
		console.log(`wrote ${path.relative(ROOT, OUTPUT)} (${RESOURCES.length} resources)`);
	}
}
