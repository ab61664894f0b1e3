/**
 * The three nodes as AI agent tools: n8n-core's node-as-tool path (createNodeAsTool, as the Tools
 * Agent calls it for a node marked usableAsTool) builds each node's tool from parameters the model
 * fills with $fromAI(); the schema the model sees must name those parameters with the descriptions
 * the node gives them, and every Get Many parameter must have a description an agent can act on.
 */
import { NodeHelpers, Workflow, type INode, type INodeProperties, type INodeType } from 'n8n-workflow';

import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { SageX3 } from '../../nodes/SageX3/SageX3.node';
import { TestNodeTypes } from '../harness/node-types';

const { createNodeAsTool } = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool.js');

type RawParameters = (fill: (key: string) => string) => Record<string, unknown>;

/** Each node's Get Many, and where its raw Filter (Advanced) and Order By sit. */
const CASES: Array<{ name: string; type: string; nodeType: INodeType; resource: string; operation: string; fixed: Record<string, unknown>; raw: RawParameters; rawPaths: string[] }> = [
	{
		name: 'Sage X3',
		type: 'sageX3',
		nodeType: new SageX3(),
		resource: 'customer',
		operation: 'getAll',
		fixed: { folder: { __rl: true, mode: 'name', value: 'SEED' } },
		raw: (fill) => ({ filter: fill('filter'), orderBy: fill('order_by') }),
		rawPaths: ['filter', 'orderBy'],
	},
	{
		name: 'Sage DMO',
		type: 'sageDmo',
		nodeType: new SageDmo(),
		resource: 'customer',
		operation: 'getMany',
		fixed: { app: 'sdmo' },
		raw: (fill) => ({ filter: fill('filter'), options: { orderBy: fill('order_by') } }),
		rawPaths: ['filter', 'options.orderBy'],
	},
	{
		name: 'Sage 200',
		type: 'sage200',
		nodeType: new Sage200(),
		resource: 'customer',
		operation: 'getAll',
		fixed: { site: { __rl: true, mode: 'id', value: '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01' }, company: { __rl: true, mode: 'id', value: '1' } },
		raw: (fill) => ({ filters: { filter: fill('filter') }, listOptions: { orderBy: fill('order_by') } }),
		rawPaths: ['filters.filter', 'listOptions.orderBy'],
	},
];

/**
 * The node type n8n registers for the Tools Agent: a copy named "<name>Tool" (n8n's
 * convertNodeToAiTool). n8n's `@tool` display condition is true for it.
 */
function toolVariant(nodeType: INodeType): INodeType {
	const description = { ...nodeType.description, name: `${nodeType.description.name}Tool`, displayName: `${nodeType.description.displayName} Tool` };
	delete description.usableAsTool;
	return Object.assign(Object.create(Object.getPrototypeOf(nodeType) as object) as INodeType, nodeType, { description });
}

/** The node as n8n holds it in a workflow of that type: parameters resolved against the type's properties (hidden ones dropped). */
function asLoadedBy(nodeType: INodeType, type: string, node: INode): INode {
	const workflow = new Workflow({ id: 'w', nodes: [{ ...node, type }], connections: {}, active: false, nodeTypes: new TestNodeTypes({ [type]: nodeType }) });
	return workflow.getNode(node.name)!;
}

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

describe.each(CASES)('$name as an AI agent tool', ({ name, type, nodeType, resource, operation, fixed, raw, rawPaths }) => {
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

	test('the tool variant hides the raw Filter (Advanced) and Order By and shows Conditions and Sort; the node itself shows both', () => {
		const tool = toolVariant(nodeType);
		const parameters = { resource, operation, ...fixed, ...raw(() => 'x'), conditions: { condition: [{ field: 'name', operator: 'contains', value: 'x' }] }, sort: { rule: [{ field: 'name', direction: 'desc' }] } };
		const node: INode = { id: 'n', name, type, typeVersion: 1, position: [0, 0], parameters: parameters as never };
		const visible = (candidate: INodeType) =>
			NodeHelpers.getNodeParameters(candidate.description.properties, parameters as never, false, false, node, candidate.description) as Record<string, unknown>;
		const at = (values: Record<string, unknown>, path: string) => path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], values);
		const forTool = visible(tool);
		const forNode = visible(nodeType);
		for (const path of rawPaths) {
			expect([path, at(forTool, path)]).toEqual([path, undefined]);
			expect([path, at(forNode, path)]).toEqual([path, 'x']);
		}
		for (const path of ['conditions', 'sort']) expect([path, at(forTool, path)]).toEqual([path, parameters[path as 'conditions' | 'sort']]);
	});

	test('a tool whose every filter parameter is left to the model: its schema has the conditions and no raw filter or order', () => {
		const fill = (key: string) => fromAI(key, `the ${key}`);
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
				...raw(fill),
				conditions: { condition: [{ field: fill('condition_field'), operator: fill('condition_operator'), value: fill('condition_value') }] },
				sort: { rule: [{ field: fill('sort_field'), direction: fill('sort_direction') }] },
			} as never,
		};
		const keysFor = (candidate: INodeType, candidateType: string) =>
			Object.keys(createNodeAsTool({ node: asLoadedBy(candidate, candidateType, node), nodeType: candidate, handleToolInvocation: async () => [] }).response.schema.shape).sort();
		expect(keysFor(toolVariant(nodeType), `${type}Tool`)).toEqual(['condition_field', 'condition_operator', 'condition_value', 'sort_direction', 'sort_field']);
		// The same parameters on the node itself (not a tool): the raw ones are there.
		expect(keysFor(nodeType, type)).toEqual(['condition_field', 'condition_operator', 'condition_value', 'filter', 'order_by', 'sort_direction', 'sort_field']);
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
