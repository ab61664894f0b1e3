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
