/* The Sage 200 descriptor table checked against the OpenAPI files it was written from, and against the sandbox. */
import fs from 'node:fs';
import path from 'node:path';

import { offeredOperations, SAGE200_RESOURCES, upsertKeyOf, type Sage200Operation } from '../../nodes/Sage200/actions/resources';
import { versionDescription } from '../../nodes/Sage200/actions/versionDescription';
import { Sage200 } from '../../nodes/Sage200/Sage200.node';

const SPEC_DIR = path.join(__dirname, '../fixtures/sage200-openapi');
const sandboxTable = require('../sandbox/sage200-resources.js');

type Spec = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown> }> } };
const specs: Record<string, Spec> = {};
const spec = (module: string): Spec => (specs[module] ??= JSON.parse(fs.readFileSync(path.join(SPEC_DIR, `${module}.json`), 'utf8')));

/** The path and method each operation uses, as the node builds them. */
function endpoints(resource: (typeof SAGE200_RESOURCES)[number], operation: Sage200Operation): Array<[string, string]> {
	const p = `/${resource.path}`;
	switch (operation) {
		case 'getAll':
			return [[p, 'get'], ...(resource.parent ? ([[`/${resource.parent.path}/{parent}${p}`, 'get']] as Array<[string, string]>) : [])];
		case 'get':
			return [[`${p}/{Id}`, 'get']];
		case 'update':
			return [[`${p}/{Id}`, 'put']];
		case 'delete':
			return [[`${p}/{Id}`, 'delete']];
		case 'create':
			return [[resource.parent?.requiredFor.includes('create') ? `/${resource.parent.path}/{parent}${p}` : p, 'post']];
	}
}

/** OpenAPI paths name their parameters differently ({customerId}, {Id}); compare shapes. */
const shape = (value: string) => value.replace(/\{[^}]+\}/g, '{}');

describe('Sage 200 resource table', () => {
	test.each(SAGE200_RESOURCES.map((r) => [r.displayName, r] as const))('%s: every path and method exists in the OpenAPI file', (_name, resource) => {
		const { paths } = spec(resource.module);
		const available = new Map(Object.entries(paths).map(([p, methods]) => [shape(p), methods]));
		for (const operation of resource.operations) {
			for (const [p, method] of endpoints(resource, operation)) {
				expect([resource.value, operation, p, method, available.get(shape(p))?.[method] !== undefined]).toEqual([resource.value, operation, p, method, true]);
			}
		}
	});

	test.each(SAGE200_RESOURCES.map((r) => [r.displayName, r] as const))('%s: write operations are offered exactly where the OpenAPI has them', (_name, resource) => {
		const { paths } = spec(resource.module);
		const available = new Map(Object.entries(paths).map(([p, methods]) => [shape(p), methods]));
		const item = available.get(shape(`/${resource.path}/{Id}`)) ?? {};
		const collection = available.get(shape(`/${resource.path}`)) ?? {};
		const nestedCollection = resource.parent ? available.get(shape(`/${resource.parent.path}/{x}/${resource.path}`)) ?? {} : {};
		expect(resource.operations.includes('update')).toBe('put' in item);
		expect(resource.operations.includes('delete')).toBe('delete' in item);
		expect(resource.operations.includes('create')).toBe('post' in collection || 'post' in nestedCollection);
	});

	test.each(SAGE200_RESOURCES.map((r) => [r.displayName, r] as const))('%s: key fields on create are the schema\'s required fields', (_name, resource) => {
		const schemaName = sandboxTable[resource.path].schema as string;
		const schema = spec(resource.module).components.schemas[schemaName];
		const properties = Object.keys(schema.properties ?? {});
		for (const field of resource.createFields) expect(properties).toContain(field.name);
		if (resource.operations.includes('create')) {
			expect(resource.createFields.map((f) => f.name).sort()).toEqual([...(schema.required ?? [])].sort());
		}
	});

	test.each(SAGE200_RESOURCES.map((r) => [r.displayName, r] as const))('%s: the change stamps are the date-time fields the schema has', (_name, resource) => {
		const schemaName = sandboxTable[resource.path].schema as string;
		const properties = (spec(resource.module).components.schemas[schemaName].properties ?? {}) as Record<string, { type?: string; format?: string }>;
		const isStamp = (field: string) => properties[field]?.type === 'string' && properties[field]?.format === 'date-time';
		expect([resource.tracksUpdates, resource.tracksCreation]).toEqual([isStamp('date_time_updated'), isStamp('date_time_created')]);
	});

	test('the table covers what the sandbox serves, with the same operations', () => {
		const map: Record<string, Sage200Operation> = { list: 'getAll', get: 'get', create: 'create', update: 'update', delete: 'delete' };
		expect(SAGE200_RESOURCES.map((r) => r.path).sort()).toEqual(Object.keys(sandboxTable).sort());
		for (const resource of SAGE200_RESOURCES) {
			const def = sandboxTable[resource.path];
			const ops = new Set<Sage200Operation>([...def.ops, ...def.nested.flatMap((n: { ops: string[] }) => n.ops)].filter((op: string) => op in map).map((op: string) => map[op]));
			expect([resource.path, [...ops].sort()]).toEqual([resource.path, [...resource.operations].sort()]);
		}
	});

	test('Create or Update is offered where a unique create field exists and the API has create, update and list', () => {
		const offering = SAGE200_RESOURCES.filter((resource) => offeredOperations(resource).includes('upsert')).map((resource) => [resource.value, upsertKeyOf(resource)?.name]);
		expect(offering).toEqual([
			['costCentre', 'code'],
			['customer', 'reference'],
			['department', 'code'],
			['product', 'code'],
			['salesOrder', 'document_no'],
			['salesQuote', 'document_no'],
			['supplier', 'reference'],
			['warehouse', 'name'],
		]);
		// Each key is a text property of the record in Sage's OpenAPI file.
		for (const resource of SAGE200_RESOURCES.filter((entry) => upsertKeyOf(entry))) {
			const schema = spec(resource.module).components.schemas[sandboxTable[resource.path].schema as string];
			const properties = (schema.properties ?? {}) as Record<string, { type?: string }>;
			expect([resource.value, properties[upsertKeyOf(resource)!.name]?.type]).toEqual([resource.value, 'string']);
		}
	});

	test('the node description is generated from the table', () => {
		const resourceProperty = versionDescription.properties.find((p) => p.name === 'resource')!;
		// The table's resources in alphabetical order, then Custom API Call last as n8n's nodes list it.
		const tableOptions = resourceProperty.options!.slice(0, -1);
		expect(resourceProperty.options!.at(-1)).toMatchObject({ name: 'Custom API Call', value: 'customApiCall' });
		expect(tableOptions.map((o) => (o as { value: string }).value).sort()).toEqual(SAGE200_RESOURCES.map((r) => r.value).sort());
		const names = tableOptions.map((o) => o.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		for (const resource of SAGE200_RESOURCES) {
			const selector = versionDescription.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource.value)!;
			expect(selector.noDataExpression).toBe(true);
			expect(selector.options!.map((o) => (o as { value: string }).value).sort()).toEqual(offeredOperations(resource).sort());
			for (const option of selector.options!) expect(typeof (option as { action?: string }).action).toBe('string');
		}
		expect(new Sage200().description).toMatchObject({ usableAsTool: true, subtitle: expect.any(String) });
	});
});
