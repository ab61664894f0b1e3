/* The Sage 200 field table the Conditions pickers use, checked against Sage's OpenAPI files it is generated from. */
import fs from 'node:fs';
import path from 'node:path';

import { SAGE200_RESOURCES } from '../../nodes/Sage200/actions/resources';
import { sage200FieldsOf } from '../../nodes/Sage200/helpers/fields';

const { generate, OUTPUT } = require('../../scripts/generate-sage200-fields.js');
const sandboxTable = require('../sandbox/sage200-resources.js');

const SPEC_DIR = path.join(__dirname, '../fixtures/sage200-openapi');
type Property = { type?: string; format?: string; $ref?: string; 'x-sage-professional-only'?: boolean };
const schemaOf = (module: string, name: string): Record<string, Property> =>
	JSON.parse(fs.readFileSync(path.join(SPEC_DIR, `${module}.json`), 'utf8')).components.schemas[name].properties;

test('nodes/Sage200/actions/fields.ts is exactly what scripts/generate-sage200-fields.js writes', () => {
	// On a difference: run `node scripts/generate-sage200-fields.js`.
	expect(fs.readFileSync(OUTPUT, 'utf8')).toBe(generate());
});

test.each(SAGE200_RESOURCES.map((r) => [r.displayName, r] as const))('%s: every scalar property of the schema, with its type', (_name, resource) => {
	const properties = schemaOf(resource.module, sandboxTable[resource.path].schema);
	const expected: Record<string, string> = {};
	const professional: string[] = [];
	for (const [name, property] of Object.entries(properties)) {
		const type =
			property.type === 'string' ? (property.format === 'date-time' ? 'date' : 'text') : property.type === 'integer' || property.type === 'number' ? 'number' : property.type === 'boolean' ? 'boolean' : undefined;
		if (!type) continue;
		expected[name] = type;
		if (property['x-sage-professional-only']) professional.push(name);
	}
	const { fields, professionalOnly } = sage200FieldsOf(resource);
	expect(Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.type]))).toEqual(expected);
	expect([...professionalOnly].sort()).toEqual(professional.sort());
	expect(fields.id?.type).toBe('number');
});
