/*
 * The shared item loop: output in input order, and no limit on how many records one input item
 * may return (a Get Many of a large company answers with hundreds of thousands of records).
 */
import { NodeOperationError, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { processItems } from '../../nodes/shared/utils';

const node: INode = { id: 'n', name: 'Sage 200', type: 'sage200', typeVersion: 1, position: [0, 0], parameters: {} };
// processItems only asks its context for these two when an item fails.
const contextWith = (continueOnFail: boolean) => ({ getNode: () => node, continueOnFail: () => continueOnFail }) as unknown as IExecuteFunctions;

test('one input item may return 300,000 records', async () => {
	const records = Array.from({ length: 300_000 }, (_, id) => ({ id }));
	const output = await processItems(contextWith(false), 1, () => 'all', async () => records);
	expect(output).toHaveLength(300_000);
	expect(output[0]).toEqual({ json: { id: 0 }, pairedItem: { item: 0 } });
	expect(output[299_999].json).toBe(records[299_999]);
});

test('with Continue On Fail, an item whose parameters fail keeps its place among the others', async () => {
	const output = await processItems(
		contextWith(true),
		3,
		(itemIndex) => {
			if (itemIndex === 1) throw new NodeOperationError(node, '"Record ID" must be a whole number', { itemIndex });
			return itemIndex;
		},
		async (value) => [{ value, first: true }, { value, first: false }],
	);
	expect(output.map((item) => [item.pairedItem, item.json])).toEqual([
		[{ item: 0 }, { value: 0, first: true }],
		[{ item: 0 }, { value: 0, first: false }],
		[{ item: 1 }, { error: '"Record ID" must be a whole number' }],
		[{ item: 2 }, { value: 2, first: true }],
		[{ item: 2 }, { value: 2, first: false }],
	]);
});

test('without Continue On Fail, a failing item stops the run with its own error', async () => {
	await expect(
		processItems(contextWith(false), 2, (itemIndex) => {
			if (itemIndex === 1) throw new NodeOperationError(node, '"Record ID" must be a whole number', { itemIndex });
			return itemIndex;
		}, async () => [{}]),
	).rejects.toThrow('"Record ID" must be a whole number');
});
