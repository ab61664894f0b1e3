/*
 * readMappedParameter reads `{{ $json.path }}` straight from the item instead of n8n's expression
 * evaluator: run through n8n's engine, it must give exactly what getNodeParameter gives, for the
 * paths it shortcuts and for everything it hands back to n8n.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { readMappedParameter, readCachedParameter } from '../../nodes/shared/utils';
import { Engine } from '../harness/engine';

class ParameterProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Parameter Probe',
		name: 'parameterProbe',
		group: ['transform'],
		version: 1,
		description: 'Reads one parameter both ways',
		defaults: { name: 'Parameter Probe' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Value', name: 'value', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// Counts the reads that go through n8n's evaluator (not the raw, unevaluated ones).
		let evaluated = 0;
		let nodeCopies = 0;
		const counting = {
			getNode: () => {
				nodeCopies++;
				return this.getNode();
			},
			getInputData: () => this.getInputData(),
			getNodeParameter: (name: string, itemIndex: number, fallback: unknown, options?: { rawExpressions?: boolean }) => {
				if (!options?.rawExpressions) evaluated++;
				return this.getNodeParameter(name, itemIndex, fallback, options);
			},
		} as unknown as IExecuteFunctions;
		return [
			this.getInputData().map((_, itemIndex) => {
				const before = evaluated;
				const fast = readMappedParameter(counting, 'value', itemIndex, '');
				const evaluatedByN8n = evaluated > before;
				const beforeRead = evaluated;
				const read = readCachedParameter(counting, 'value', itemIndex, '');
				return {
					json: { fast, read, n8n: this.getNodeParameter('value', itemIndex, ''), evaluatedByN8n, readEvaluated: evaluated > beforeRead, nodeCopies } as IDataObject,
				};
			}),
		];
	}
}

const engine = new Engine({ nodes: { parameterProbe: new ParameterProbe() }, credentials: [] });
const items: IDataObject[] = [
	{ code: 'AE001', n: 7, ok: true, nested: { code: 'N1', 'odd key': 'spaced' }, lines: [{ sku: 'S1' }], empty: '' },
	{ code: 'ZZ "quoted" \u00e9', n: 0, ok: false, nested: {}, lines: [] },
	{},
];

async function probe(value: string) {
	const result = await engine.run({ type: 'parameterProbe', parameters: { value }, items });
	expect(result.error).toBeUndefined();
	return result.items.map((item) => item.json);
}

test.each([
	'={{ $json.code }}',
	'={{$json.code}}',
	'={{ $json["code"] }}',
	"={{ $json['nested']['odd key'] }}",
	'={{ $json.nested.code }}',
	'={{ $json.lines[0].sku }}',
	'={{ $json.n }}',
	'={{ $json.ok }}',
	'={{ $json.empty }}',
	'={{ $json.missing }}',
	'={{ $json.nested }}',
	'={{ $json.code.toLowerCase() }}',
	'={{ $json.code }}-suffix',
	'plain AE001',
])('%s gives what n8n gives', async (value) => {
	const rows = await probe(value);
	expect(rows).toHaveLength(items.length);
	for (const row of rows) {
		expect(row.fast).toEqual(row.n8n);
		expect(row.read).toEqual(row.n8n);
	}
});

test('readCachedParameter asks n8n once per run for a value without expressions, every item for an expression', async () => {
	const constant = await probe('plain AE001');
	// readMappedParameter asked n8n for the first item and readCachedParameter kept that answer for the run.
	expect(constant.map((row) => [row.read, row.evaluatedByN8n, row.readEvaluated])).toEqual([
		['plain AE001', true, false],
		['plain AE001', false, false],
		['plain AE001', false, false],
	]);
	// n8n's getNode() deep-copies the node: the run copies it once, not once an item.
	expect(constant.map((row) => row.nodeCopies)).toEqual([1, 1, 1]);
	const expression = await probe('={{ $json.code }}-suffix');
	expect(expression.map((row) => row.readEvaluated)).toEqual([true, true, true]);
	expect(expression.map((row) => row.read)).toEqual(['AE001-suffix', 'ZZ "quoted" \u00e9-suffix', '-suffix']);
});

test('a plain path ending at a value skips the evaluator; anything else goes through it', async () => {
	expect((await probe('={{ $json.nested.code }}')).map((row) => [row.fast, row.evaluatedByN8n])).toEqual([
		['N1', false],
		[undefined, true],
		[undefined, true],
	]);
	expect((await probe('={{ $json.code.toLowerCase() }}'))[0]).toMatchObject({ fast: 'ae001', evaluatedByN8n: true });
});

test('a key the item does not own is left to n8n, which refuses it as it always does', async () => {
	const result = await engine.run({ type: 'parameterProbe', parameters: { value: '={{ $json.constructor }}' }, items });
	expect(result.error?.message).toMatch(/constructor/);
});
