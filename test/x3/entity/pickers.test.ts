/* Node "Sage X3", resource Entity, its entity and field pickers (methods/loadOptions), on introspected schemas: the older `sage { ... }` one (SEED) and V12 (X3). */
import { folder, loadOptionsContext, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 130, suppliers: 40, salesOrders: 12 } });

test('the entity and field pickers come from introspection', async () => {
	const entities = await (await import('../../../nodes/SageX3/methods/loadOptions')).getEntities.call(
		(await loadOptionsContext(suite.engine, suite.credentialId, { folder: folder('X3') })) as never,
	);
	const keys = entities.map((option) => option.value);
	expect(keys).toEqual(expect.arrayContaining(['x3MasterData.businessPartner', 'x3MasterData.customer', 'x3Sales.salesOrder']));
	const seedEntities = await (await import('../../../nodes/SageX3/methods/loadOptions')).getEntities.call(
		(await loadOptionsContext(suite.engine, suite.credentialId, { folder: folder('SEED') })) as never,
	);
	expect(seedEntities.map((option) => option.value)).toEqual(
		expect.arrayContaining(['sage.x3BusinessPartners.customer', 'sage.x3BusinessPartners.supplier', 'sage.x3Sales.salesOrder']),
	);
	const fields = await (await import('../../../nodes/SageX3/methods/loadOptions')).getEntityFields.call(
		(await loadOptionsContext(suite.engine, suite.credentialId, { folder: folder('X3'), entity: 'x3MasterData.businessPartner' })) as never,
	);
	expect(fields.map((option) => option.value)).toEqual(expect.arrayContaining(['_id', 'code', 'companyName', 'isCustomer', 'isSupplier']));
});

describe.each([
	{ name: 'SEED', entity: 'sage.x3Sales.salesOrder', key: 'id', searched: ['id'] },
	{ name: 'X3', entity: 'x3MasterData.supplier', key: '_id', searched: ['code', 'companyName'] },
])('the Entity Record picker on folder $name ($entity)', ({ name, entity, key, searched }) => {
	test('the entity’s records by its key field, searched by Contains', async () => {
		const { searchRecords } = await import('../../../nodes/SageX3/methods/listSearch');
		const context = async () => (await loadOptionsContext(suite.engine, suite.credentialId, { folder: folder(name), resource: 'entity', operation: 'get', entity })) as never;
		const rows = (entity.endsWith('salesOrder') ? suite.sandbox.x3.salesOrders() : suite.sandbox.x3.suppliers()) as Array<Record<string, string>>;
		const keyOf = (row: Record<string, string>) => (key === '_id' ? row.code : row[key]);
		const all = await searchRecords.call(await context());
		expect(all.results.map((r) => r.value)).toEqual(rows.slice(0, 50).map(keyOf));
		const needle = keyOf(rows[1]).slice(0, -1);
		const found = await searchRecords.call(await context(), needle);
		expect(found.results.map((r) => r.value)).toEqual(rows.filter((row) => searched.some((field) => row[field].includes(needle))).slice(0, 50).map(keyOf));
		expect(found.results.length).toBeGreaterThan(1);
	});
});
