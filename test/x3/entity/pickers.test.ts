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
