/*
 * Node "Sage X3", resource Customer, operation Create, then Update and Delete of what was created,
 * on the folder schemas of ./folders.ts (SEED, X3 and MINI): fields and inputs come from the folder's schema.
 */
import { folder, useX3Suite } from '../setup';
import { customerCodesIn, FOLDERS } from './folders';

const suite = useX3Suite({ sandbox: { folders: ['MINI'] }, credential: { folders: ['SEED', 'X3', 'MINI'] }, resource: 'customer' });
const run = suite.run;

const mutationsSent = () =>
	suite.sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('"query":"mutation')).length;

const codes = () => customerCodesIn(suite.sandbox);

describe.each(FOLDERS)('Customer on folder $name', (target) => {
	const at = folder(target.name);

	test('Create (field by field), Update (JSON) and Delete change the customer, with values typed from the input type', async () => {
		const code = `N8N${target.name}`;
		const created = await run({
			operation: 'create',
			folder: at,
			code,
			companyName: 'Made by "n8n"',
			fieldValues: { field: [{ name: 'country', value: 'GB' }, ...(target.hasIsActive ? [{ name: 'isActive', value: 'false' }] : [])] },
		});
		expect(created.error).toBeUndefined();
		expect(Object.keys(created.items[0].json).sort()).toEqual([...target.defaultFields].sort());
		expect(created.items[0].json).toMatchObject({ code, companyName: 'Made by "n8n"', country: 'GB', ...(target.hasIsActive && { isActive: false }) });
		expect(suite.sandbox.x3.customers().find((customer: { code: string }) => customer.code === code)).toMatchObject({ country: 'GB' });

		const updated = await run({ operation: 'update', folder: at, code, fieldsMode: 'json', data: '{"companyName": "Renamed"}', fields: ['code', 'companyName'] });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toEqual({ code, companyName: 'Renamed' });

		const deleted = await run({ operation: 'delete', folder: at, code });
		expect(deleted.items[0].json).toEqual({ code, deleted: true });
		expect(codes()).not.toContain(code);
		const log = suite.sandbox.x3.mutationLog.filter((entry: { key: string }) => entry.key === code).map((entry: { action: string }) => entry.action);
		expect(log).toEqual(['create', 'update', 'delete']);
	});
});

describe('Customer: values checked against the folder’s input types', () => {
	test('on MINI, a field its input type lacks is refused before any mutation, naming the fields it has', async () => {
		const json = await run({ operation: 'create', folder: folder('MINI'), code: 'MINI1', companyName: 'Mini', fieldsMode: 'json', data: '{"shortName": "m"}' });
		expect(json.error?.message).toContain('Unknown field "shortName" in "Data (JSON)" for sage.x3BusinessPartners.customer');
		expect(String(json.error?.description)).toBe("Fields of the folder's NewCustomer: country");
		const listed = await run({ operation: 'update', folder: folder('MINI'), code: 'AE0001', fieldValues: { field: [{ name: 'category', value: 'KEY' }] } });
		expect(listed.error?.message).toContain('Unknown field "category" in "Update Fields"');
		expect(mutationsSent()).toBe(0);
		expect(codes()).not.toContain('MINI1');
	});

	test('workflows saved with the earlier Additional Fields / Update Fields still run, checked against the schema', async () => {
		const created = await run({
			operation: 'create',
			folder: folder('SEED'),
			code: 'N8NOLD',
			companyName: 'Earlier',
			additionalFields: { country: 'GB', otherFields: '{"shortName": "n8n"}' },
		});
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ code: 'N8NOLD', country: 'GB', currency: 'GBP', shortName: 'n8n' });
		const updated = await run({ operation: 'update', folder: folder('SEED'), code: 'N8NOLD', updateFields: { companyName: 'Renamed', isActive: false } });
		expect(updated.items[0].json).toMatchObject({ code: 'N8NOLD', companyName: 'Renamed', isActive: false });
		expect((await run({ operation: 'delete', folder: folder('SEED'), code: 'N8NOLD' })).items[0].json).toEqual({ code: 'N8NOLD', deleted: true });

		suite.sandbox.server.resetCounters();
		const onMini = await run({ operation: 'create', folder: folder('MINI'), code: 'N8NOLD', companyName: 'Earlier', additionalFields: { shortName: 'n8n' } });
		expect(onMini.error?.message).toContain('Unknown field "shortName" in "Additional Fields"');
		expect(mutationsSent()).toBe(0);
	});
});
