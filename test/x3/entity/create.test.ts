/* Node "Sage X3", resource Entity, operation Create, then Update and Delete of what was created, on introspected schemas: the older `sage { ... }` one (SEED) and V12 (X3). */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 130, suppliers: 40, salesOrders: 12 }, resource: 'entity' });
const run = suite.run;

test('V12 Create, Update and Delete on x3MasterData.customer', async () => {
	const created = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.customer', data: '{"code": "V12N8N", "companyName": "V12 from n8n", "country": "DE"}', fields: [] });
	expect(created.error).toBeUndefined();
	expect(created.items[0].json).toMatchObject({ _id: 'V12N8N', code: 'V12N8N', currency: 'EUR' });

	const updated = await run({ operation: 'update', folder: folder('X3'), entity: 'x3MasterData.customer', key: 'V12N8N', data: { shortName: 'v12' }, fields: ['_id', 'shortName'] });
	expect(updated.error).toBeUndefined();
	expect(updated.items[0].json).toEqual({ _id: 'V12N8N', shortName: 'v12' });

	const deleted = await run({ operation: 'delete', folder: folder('X3'), entity: 'x3MasterData.customer', key: 'V12N8N' });
	expect(deleted.items[0].json).toEqual({ _id: 'V12N8N', deleted: true });
	expect(suite.sandbox.x3.customers().some((customer: { code: string }) => customer.code === 'V12N8N')).toBe(false);
});

test('older-schema Create and Delete through the Entity resource', async () => {
	const created = await run({ operation: 'create', folder: folder('SEED'), entity: 'sage.x3BusinessPartners.customer', data: '{"code": "OLDN8N", "companyName": "Old"}', fields: ['code', 'companyName'] });
	expect(created.items[0].json).toEqual({ code: 'OLDN8N', companyName: 'Old' });
	const deleted = await run({ operation: 'delete', folder: folder('SEED'), entity: 'sage.x3BusinessPartners.customer', key: 'OLDN8N' });
	expect(deleted.items[0].json).toEqual({ code: 'OLDN8N', deleted: true });
});
