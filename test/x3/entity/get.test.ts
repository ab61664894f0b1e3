/* Node "Sage X3", resource Entity, operation Get (reads by key, batched), on introspected schemas: the older `sage { ... }` one (SEED) and V12 (X3). */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 130, suppliers: 40, salesOrders: 12 }, resource: 'entity' });
const run = suite.run;

test('V12 Get reads many keys with aliased read(_id) calls, 100 per request', async () => {
	const items = Array.from({ length: 160 }, (_, index) => ({ key: `AE${String(index + 1).padStart(4, '0')}` }));
	items[10] = { key: 'NOPE' };
	const result = await run({ operation: 'get', folder: folder('X3'), entity: 'x3MasterData.customer', key: '={{ $json.key }}', fields: ['_id', 'companyName'] }, items, true);
	expect(result.items).toHaveLength(160);
	expect(result.items[0].json).toEqual({ _id: 'AE0001', companyName: 'An Enterprise 1' });
	expect(result.items[10].json.error).toContain('No customer with _id "NOPE"');
	expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
	expect(suite.sandbox.server.count('x3.graphql')).toBe(1 + 2);
});

test('older-schema Get uses an $in filter for entities without read', async () => {
	const result = await run({ operation: 'get', folder: folder('SEED'), entity: 'sage.x3BusinessPartners.supplier', key: '={{ $json.key }}', fields: ['companyName'] }, [{ key: 'SU0003' }, { key: 'SU0001' }]);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json)).toEqual([
		{ code: 'SU0003', companyName: 'A Supplier 3' },
		{ code: 'SU0001', companyName: 'A Supplier 1' },
	]);
	expect(suite.sandbox.server.count('x3.graphql')).toBe(2);
});

describe('Simplify', () => {
	const shaped = useX3Suite({ sandbox: { customers: 20, suppliers: 2, salesOrders: 6, salesOrderLines: 'connection', recordUrls: true }, resource: 'entity' });
	type Line = { lineNumber: number; quantity: number };
	const orders = () => shaped.sandbox.x3.salesOrders() as Array<{ id: string; lines: Line[] }>;

	test('V12 read by key: lines as a list of records, the $urls Sage added dropped; off: as Sage sent it', async () => {
		const fields = '_id lines { query { edges { node { lineNumber quantity } } } }';
		const keys = [{ key: orders()[2].id }, { key: orders()[0].id }];
		const expected = (order: { id: string; lines: Line[] }) => ({ _id: order.id, lines: order.lines.map(({ lineNumber, quantity }) => ({ lineNumber, quantity })) });
		const simple = await shaped.run({ operation: 'get', folder: folder('X3'), entity: 'x3Sales.salesOrder', key: '={{ $json.key }}', fields }, keys);
		expect(simple.error).toBeUndefined();
		expect(simple.items.map((item) => item.json)).toEqual([expected(orders()[2]), expected(orders()[0])]);

		const raw = await shaped.run({ operation: 'get', folder: folder('X3'), entity: 'x3Sales.salesOrder', key: '={{ $json.key }}', fields, simple: false }, keys);
		const { _id, lines } = expected(orders()[2]);
		expect(raw.items[0].json).toEqual({ _id, lines: { query: { edges: lines.map((node) => ({ node })) } }, $urls: { self: expect.stringMatching(/#SO000003$/) } });
	});

	test('items of one request fail alone: a truncated collection fails only its own item', async () => {
		const fields = '_id lines { query(first: 1) { edges { node { lineNumber } } pageInfo { hasNextPage } } }';
		const single = orders().find((order) => order.lines.length === 1)!;
		const longer = orders().find((order) => order.lines.length > 1)!;
		const result = await shaped.run({ operation: 'get', folder: folder('X3'), entity: 'x3Sales.salesOrder', key: '={{ $json.key }}', fields }, [{ key: single.id }, { key: longer.id }], true);
		expect(result.items[0].json).toEqual({ _id: single.id, lines: [{ lineNumber: 1000 }] });
		expect(result.items[1].json.error).toContain('Sage sent only part of the collection "lines"');
		expect(result.items[1].json.description).toContain('turn off "Simplify"');
		expect(shaped.sandbox.server.count('x3.graphql')).toBe(1 + 1);
	});
});
