/* Sage DMO → Entity → Get: any entity of an app, found by introspection. */
import { addCredential, badInputFailsBeforeAnyRequest, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('any entity by introspection: supplier by natural key; an entity the app does not have', async () => {
	const id = addCredential();
	const supplier = await run(id, { resource: 'entity', operation: 'get', app: 'sdmo', entity: 'xtremMasterData.supplier', recordId: '#SUP0003' });
	expect(supplier.error).toBeUndefined();
	expect(supplier.items[0].json).toMatchObject({ _id: '3', id: 'SUP0003' });

	const missing = await run(id, { resource: 'entity', operation: 'get', app: 'sdmo', entity: 'xtremMasterData.warehouse', recordId: '1' });
	expect(missing.error?.message).toBe('App "sdmo" has no entity "xtremMasterData.warehouse"');
});

badInputFailsBeforeAnyRequest([
	['entity path', { resource: 'entity', operation: 'get', entity: 'customer', recordId: '1' }, /"Entity" must be an entity path/],
]);

describe('Simplify', () => {
	const order = (recordId: string, fields: string, simple?: boolean) => ({
		resource: 'entity',
		operation: 'get',
		entity: 'xtremSales.salesOrder',
		recordId,
		options: { fields },
		...(simple === undefined ? {} : { simple }),
	});
	const items = [{ key: '#SO000002' }, { key: '4' }, { key: '#SO000003' }];

	test('each item\'s order with its lines as a list; off: the collection as Sage sent it', async () => {
		const id = addCredential();
		const fields = 'number lines { query { edges { node { _id quantity } } } }';
		const raw = await run(id, order('={{ $json.key }}', fields, false), items);
		expect(raw.error).toBeUndefined();
		type Raw = { number: string; lines: { query: { edges: Array<{ node: { _id: string; quantity: number } }> } } };
		const sent = raw.items.map((item) => item.json as Raw);
		expect(sent.map((record) => record.number)).toEqual(['SO000002', 'SO000004', 'SO000003']);
		expect(sent.map((record) => record.lines.query.edges.length)).toEqual([3, 2, 1]);

		const simple = await run(id, order('={{ $json.key }}', fields), items);
		expect(simple.items.map((item) => item.json)).toEqual(sent.map((record) => ({ number: record.number, lines: record.lines.query.edges.map((edge) => edge.node) })));
	});

	test('a truncated collection fails only the item whose record it is', async () => {
		const id = addCredential();
		const fields = 'number lines { query(first: 1) { edges { node { _id } } pageInfo { hasNextPage } } }';
		const result = await run(id, order('={{ $json.key }}', fields), items, true);
		expect(result.items[0].json.error).toContain('Sage sent only part of the collection "lines"');
		expect(result.items[1].json.error).toContain('Sage sent only part of the collection "lines"');
		expect(result.items[2].json).toEqual({ number: 'SO000003', lines: [{ _id: expect.any(String) }] });
	});
});
