/**
 * The three nodes as AI agent tools: n8n-core's node-as-tool path (createNodeAsTool, as the Tools
 * Agent calls it for a node marked usableAsTool) builds each node's tool from parameters the model
 * fills with $fromAI(); the schema the model sees must name those parameters with the descriptions
 * the node gives them, and every Get Many parameter must have a description an agent can act on.
 */
import type { INode, INodeProperties, INodeType } from 'n8n-workflow';

import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { SageX3 } from '../../nodes/SageX3/SageX3.node';

const { createNodeAsTool } = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool.js');

const CASES: Array<{ name: string; type: string; nodeType: INodeType; resource: string; operation: string; fixed: Record<string, unknown> }> = [
	{ name: 'Sage X3', type: 'sageX3', nodeType: new SageX3(), resource: 'customer', operation: 'getAll', fixed: { folder: { __rl: true, mode: 'name', value: 'SEED' } } },
	{ name: 'Sage DMO', type: 'sageDmo', nodeType: new SageDmo(), resource: 'customer', operation: 'getMany', fixed: { app: 'sdmo' } },
	{ name: 'Sage 200', type: 'sage200', nodeType: new Sage200(), resource: 'customer', operation: 'getAll', fixed: { site: { __rl: true, mode: 'id', value: '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01' }, company: { __rl: true, mode: 'id', value: '1' } } },
];

const shown = (property: INodeProperties, resource: string, operation: string) => {
	const show = property.displayOptions?.show ?? {};
	return (!show.resource || show.resource.includes(resource)) && (!show.operation || show.operation.includes(operation));
};

/** The node's own description of a parameter (a top-level one, or one inside the Conditions rows). */
function describe_(nodeType: INodeType, resource: string, operation: string, path: string): string {
	const [top, inner] = path.split('.');
	const property = nodeType.description.properties.find((candidate) => candidate.name === top && shown(candidate, resource, operation));
	if (!property) throw new Error(`no parameter ${top}`);
	if (!inner) return property.description ?? '';
	const values = (property.options as Array<{ values?: INodeProperties[] }>)[0].values ?? [];
	return values.find((value) => value.name === inner)?.description ?? '';
}

const fromAI = (key: string, description: string, type = 'string') => `={{ $fromAI('${key}', ${JSON.stringify(description)}, '${type}') }}`;

describe.each(CASES)('$name as an AI agent tool', ({ name, type, nodeType, resource, operation, fixed }) => {
	test('the node is usable as a tool', () => {
		expect(nodeType.description.usableAsTool).toBe(true);
	});

	test('Get Many with Conditions filled by the model: the tool schema names each parameter with the node’s description', () => {
		const wanted = {
			condition_field: describe_(nodeType, resource, operation, 'conditions.field'),
			condition_operator: describe_(nodeType, resource, operation, 'conditions.operator'),
			condition_value: describe_(nodeType, resource, operation, 'conditions.value'),
			combine: describe_(nodeType, resource, operation, 'combineConditions'),
			limit: describe_(nodeType, resource, operation, 'limit'),
		};
		for (const [key, text] of Object.entries(wanted)) expect([key, text.length > 20]).toEqual([key, true]);
		const node: INode = {
			id: 'tool',
			name: `${name} Tool`,
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				resource,
				operation,
				...fixed,
				returnAll: false,
				limit: fromAI('limit', wanted.limit, 'number'),
				conditions: { condition: [{ field: fromAI('condition_field', wanted.condition_field), operator: fromAI('condition_operator', wanted.condition_operator), value: fromAI('condition_value', wanted.condition_value) }] },
				combineConditions: fromAI('combine', wanted.combine),
			} as never,
		};
		const tool = createNodeAsTool({ node, nodeType, handleToolInvocation: async () => [] }).response;
		expect(tool.name).toBe(`${name.replace(/ /g, '_')}_Tool`);
		expect(tool.description.length).toBeGreaterThan(0);
		const shape = tool.schema.shape as Record<string, { description?: string; _def: { typeName: string } }>;
		expect(Object.keys(shape).sort()).toEqual(Object.keys(wanted).sort());
		for (const [key, text] of Object.entries(wanted)) expect([key, shape[key].description]).toEqual([key, text]);
		expect(shape.limit._def.typeName).toBe('ZodNumber');
	});

	test('every Get Many parameter has a description an agent can act on', () => {
		// What a model fills are the leaves: a collection's options, a fixed collection's values.
		const leaves = (property: INodeProperties, prefix = ''): Array<[string, INodeProperties]> => {
			const path = `${prefix}${property.name}`;
			if (property.type === 'collection') return (property.options as INodeProperties[]).flatMap((option) => leaves(option, `${path}.`));
			if (property.type === 'fixedCollection') return (property.options as Array<{ values: INodeProperties[] }>).flatMap((group) => group.values.flatMap((value) => leaves(value, `${path}.`)));
			return [[path, property]];
		};
		const missing = nodeType.description.properties
			.filter((property) => shown(property, resource, operation) && property.type !== 'notice' && !['resource', 'operation'].includes(property.name))
			.flatMap((property) => leaves(property))
			.filter(([, property]) => !property.description || property.description.length < 15)
			.map(([path]) => path);
		expect(missing).toEqual([]);
	});
});
