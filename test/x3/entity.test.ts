/* Entity operations on introspected schemas: the older `sage { ... }` one (SEED) and V12 (X3). */
import { addPairedCredential, folder, loadOptionsContext, newEngine, runX3, startX3Sandbox, type Sandbox } from './setup';
import type { Engine } from '../harness/engine';

let sandbox: Sandbox;
let engine: Engine;
let credentialId: string;

beforeAll(async () => {
	sandbox = await startX3Sandbox({ customers: 130, suppliers: 40, salesOrders: 12 });
	engine = newEngine();
	credentialId = addPairedCredential(engine, sandbox).id;
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.server.resetCounters();
});

const run = async (parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>, continueOnFail = false) =>
	await runX3(engine, credentialId, { parameters: { resource: 'entity', ...parameters } as never, items: items as never, continueOnFail });

const introspections = () =>
	sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('__schema')).length;

test('the entity and field pickers come from introspection', async () => {
	const entities = await (await import('../../nodes/SageX3/methods/loadOptions')).getEntities.call(
		(await loadOptionsContext(engine, credentialId, { folder: folder('X3') })) as never,
	);
	const keys = entities.map((option) => option.value);
	expect(keys).toEqual(expect.arrayContaining(['x3MasterData.businessPartner', 'x3MasterData.customer', 'x3Sales.salesOrder']));
	const seedEntities = await (await import('../../nodes/SageX3/methods/loadOptions')).getEntities.call(
		(await loadOptionsContext(engine, credentialId, { folder: folder('SEED') })) as never,
	);
	expect(seedEntities.map((option) => option.value)).toEqual(
		expect.arrayContaining(['sage.x3BusinessPartners.customer', 'sage.x3BusinessPartners.supplier', 'sage.x3Sales.salesOrder']),
	);
	const fields = await (await import('../../nodes/SageX3/methods/loadOptions')).getEntityFields.call(
		(await loadOptionsContext(engine, credentialId, { folder: folder('X3'), entity: 'x3MasterData.businessPartner' })) as never,
	);
	expect(fields.map((option) => option.value)).toEqual(expect.arrayContaining(['_id', 'code', 'companyName', 'isCustomer', 'isSupplier']));
});

test('V12 Get Many pages through x3MasterData.businessPartner.query with one introspection', async () => {
	const result = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.businessPartner', returnAll: true, fields: ['_id', 'isSupplier'] }, [{}, {}]);
	expect(result.error).toBeUndefined();
	const expected = new Set([...sandbox.x3.customers().map((c: { code: string }) => c.code), ...sandbox.x3.suppliers().map((s: { code: string }) => s.code)]);
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

test('V12 Get reads many keys with aliased read(_id) calls, 100 per request', async () => {
	const items = Array.from({ length: 160 }, (_, index) => ({ key: `AE${String(index + 1).padStart(4, '0')}` }));
	items[10] = { key: 'NOPE' };
	const result = await run({ operation: 'get', folder: folder('X3'), entity: 'x3MasterData.customer', key: '={{ $json.key }}', fields: ['_id', 'companyName'] }, items, true);
	expect(result.items).toHaveLength(160);
	expect(result.items[0].json).toEqual({ _id: 'AE0001', companyName: 'An Enterprise 1' });
	expect(result.items[10].json.error).toContain('No customer with _id "NOPE"');
	expect(result.items.map((item) => item.pairedItem)).toEqual(items.map((_, index) => ({ item: index })));
	expect(sandbox.server.count('x3.graphql')).toBe(1 + 2);
});

test('older-schema Get uses an $in filter for entities without read', async () => {
	const result = await run({ operation: 'get', folder: folder('SEED'), entity: 'sage.x3BusinessPartners.supplier', key: '={{ $json.key }}', fields: ['companyName'] }, [{ key: 'SU0003' }, { key: 'SU0001' }]);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json)).toEqual([
		{ code: 'SU0003', companyName: 'A Supplier 3' },
		{ code: 'SU0001', companyName: 'A Supplier 1' },
	]);
	expect(sandbox.server.count('x3.graphql')).toBe(2);
});

test('V12 Create, Update and Delete on x3MasterData.customer', async () => {
	const created = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.customer', data: '{"code": "V12N8N", "companyName": "V12 from n8n", "country": "DE"}', fields: [] });
	expect(created.error).toBeUndefined();
	expect(created.items[0].json).toMatchObject({ _id: 'V12N8N', code: 'V12N8N', currency: 'EUR' });

	const updated = await run({ operation: 'update', folder: folder('X3'), entity: 'x3MasterData.customer', key: 'V12N8N', data: { shortName: 'v12' }, fields: ['_id', 'shortName'] });
	expect(updated.error).toBeUndefined();
	expect(updated.items[0].json).toEqual({ _id: 'V12N8N', shortName: 'v12' });

	const deleted = await run({ operation: 'delete', folder: folder('X3'), entity: 'x3MasterData.customer', key: 'V12N8N' });
	expect(deleted.items[0].json).toEqual({ _id: 'V12N8N', deleted: true });
	expect(sandbox.x3.customers().some((customer: { code: string }) => customer.code === 'V12N8N')).toBe(false);
});

test('older-schema Create and Delete through the Entity resource', async () => {
	const created = await run({ operation: 'create', folder: folder('SEED'), entity: 'sage.x3BusinessPartners.customer', data: '{"code": "OLDN8N", "companyName": "Old"}', fields: ['code', 'companyName'] });
	expect(created.items[0].json).toEqual({ code: 'OLDN8N', companyName: 'Old' });
	const deleted = await run({ operation: 'delete', folder: folder('SEED'), entity: 'sage.x3BusinessPartners.customer', key: 'OLDN8N' });
	expect(deleted.items[0].json).toEqual({ code: 'OLDN8N', deleted: true });
});

test('bad entity input is refused with the parameter named', async () => {
	const unknownEntity = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.nope', returnAll: true });
	expect(unknownEntity.error?.message).toContain('The folder has no entity "x3MasterData.nope" (parameter "Entity")');
	const unknownField = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: true, fields: ['nope'] });
	expect(unknownField.error?.message).toContain('Unknown field(s) nope in the parameter "Fields"');
	const noMutation = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.supplier', data: '{"code": "X"}' });
	expect(noMutation.error?.message).toContain('has no create mutation');
	sandbox.server.resetCounters();
	const badData = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.customer', data: '{nope' });
	expect(badData.error?.message).toContain('"Data" is not valid JSON');
	const badLimit = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: false, limit: 0 });
	expect(badLimit.error?.message).toContain('"Limit" must be a whole number');
	expect(sandbox.server.count('x3')).toBe(0);
});
