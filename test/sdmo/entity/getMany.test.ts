/* Sage DMO → Entity → Get Many. */
import { addCredential, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('any entity by introspection: work orders of the shopfloor app', async () => {
	const id = addCredential();
	const orders = await run(id, { resource: 'entity', operation: 'getMany', app: 'shopfloor', entity: 'xtremShopfloor.workOrder', returnAll: true });
	expect(orders.error).toBeUndefined();
	expect(orders.items).toHaveLength(50);
});

describe('Simplify', () => {
	const orders = { resource: 'entity', operation: 'getMany', entity: 'xtremSales.salesOrder', returnAll: false, limit: 4 };
	type Line = { _id: string; item: { id: string }; quantity: number };

	test('on (the default): each order\'s lines collection is the list of its lines; off: Sage\'s query { edges { node } }', async () => {
		const id = addCredential();
		const fields = 'number lines { query { totalCount edges { node { _id item { id } quantity } cursor } pageInfo { hasNextPage } } }';
		const raw = await run(id, { ...orders, simple: false, options: { fields } });
		expect(raw.error).toBeUndefined();
		const connections = raw.items.map((item) => (item.json as { lines: { query: { totalCount: number; edges: Array<{ node: Line; cursor: string }>; pageInfo: object } } }).lines.query);
		for (const connection of connections) {
			expect(connection.edges.length).toBe(connection.totalCount);
			expect(connection.pageInfo).toEqual({ hasNextPage: false });
			expect(Object.keys(connection.edges[0].node)).toEqual(['_id', 'item', 'quantity']);
		}
		expect(new Set(connections.map((connection) => connection.totalCount)).size).toBeGreaterThan(1);

		const simple = await run(id, { ...orders, options: { fields } });
		expect(simple.error).toBeUndefined();
		expect(simple.items.map((item) => item.json)).toEqual(
			raw.items.map((item, index) => ({ number: item.json.number, lines: connections[index].edges.map((edge) => edge.node) })),
		);
		// References stay as Sage sent them.
		expect((simple.items[0].json.lines as Line[])[0].item).toEqual({ id: expect.stringMatching(/^ITM/) });
	});

	test('a collection Sage sent part of fails the item (the other items go on); with Continue On Fail the error names Simplify', async () => {
		const id = addCredential();
		const fields = 'number lines { query(first: 1) { edges { node { _id } } pageInfo { hasNextPage } } }';
		const result = await run(id, { ...orders, options: { fields } }, [{}], true);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toBe('Sage sent only part of the collection "lines" (its pageInfo says there is more): "Simplify" would drop the rest');
		const failed = await run(id, { ...orders, options: { fields } });
		expect(failed.error?.name).toBe('NodeOperationError');
	});

	test('Include Total Count: the records it holds are simplified too', async () => {
		const id = addCredential();
		const fields = 'number lines { query { edges { node { quantity } } } }';
		const result = await run(id, { ...orders, limit: 2, options: { fields, includeTotalCount: true } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const records = result.items[0].json.records as Array<{ number: string; lines: Array<{ quantity: number }> }>;
		expect(records).toHaveLength(2);
		expect(records.every((record) => Array.isArray(record.lines) && record.lines.every((line) => Object.keys(line).join() === 'quantity'))).toBe(true);
	});
});
