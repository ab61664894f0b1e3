/* Node "Sage X3", resource Entity, operation Get Many (and the refusals of bad input, Create's among them), on introspected schemas: the older `sage { ... }` one (SEED) and V12 (X3). */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 130, suppliers: 40, salesOrders: 12 }, resource: 'entity' });
const run = suite.run;

const introspections = () =>
	suite.sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('__schema')).length;

test('V12 Get Many pages through x3MasterData.businessPartner.query with one introspection', async () => {
	const result = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.businessPartner', returnAll: true, fields: ['_id', 'isSupplier'] }, [{}, {}]);
	expect(result.error).toBeUndefined();
	const expected = new Set([...suite.sandbox.x3.customers().map((c: { code: string }) => c.code), ...suite.sandbox.x3.suppliers().map((s: { code: string }) => s.code)]);
	expect(result.items).toHaveLength(expected.size * 2);
	const first = result.items.filter((item) => (item.pairedItem as { item: number }).item === 0).map((item) => item.json._id);
	expect(new Set(first)).toEqual(expected);
	expect(Object.keys(result.items[0].json).sort()).toEqual(['_id', 'isSupplier']);
	expect(introspections()).toBe(1);
});

test('V12 Get Many with a filter in the _ dialect and a limit', async () => {
	const result = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: false, limit: 3, filter: "{country: {_eq: 'GB'}}", orderBy: '{code: -1}', fields: [] });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.code)).toEqual(['AE0127', 'AE0121', 'AE0115']);
	expect(result.items[0].json).toMatchObject({ _id: 'AE0127', companyName: 'An Enterprise 127', country: 'GB' });
});

test('bad entity input is refused with the parameter named', async () => {
	const unknownEntity = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.nope', returnAll: true });
	expect(unknownEntity.error?.message).toContain('The folder has no entity "x3MasterData.nope" (parameter "Entity")');
	const unknownField = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: true, fields: ['nope'] });
	expect(unknownField.error?.message).toContain('Unknown field(s) nope in the parameter "Fields"');
	const noMutation = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.supplier', data: '{"code": "X"}' });
	expect(noMutation.error?.message).toContain('has no create mutation');
	suite.sandbox.server.resetCounters();
	const badData = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.customer', data: '{nope' });
	expect(badData.error?.message).toContain('"Data" is not valid JSON');
	const badLimit = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: false, limit: 0 });
	expect(badLimit.error?.message).toContain('"Limit" must be a whole number');
	expect(suite.sandbox.server.count('x3')).toBe(0);
});
