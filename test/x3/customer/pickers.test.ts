/*
 * Node "Sage X3", resource Customer, its field pickers (methods/loadOptions),
 * on the folder schemas of ./folders.ts (SEED, X3 and MINI): fields and inputs come from the folder's schema.
 */
import { folder, loadOptionsContext, useX3Suite } from '../setup';
import { FOLDERS } from './folders';

const suite = useX3Suite({ sandbox: { folders: ['MINI'] }, credential: { folders: ['SEED', 'X3', 'MINI'] } });

describe.each(FOLDERS)('Customer on folder $name', (target) => {
	const at = folder(target.name);

	test('the field pickers list the folder’s customer fields and input fields', async () => {
		const { getCustomerFields, getCustomerInputFields } = await import('../../../nodes/SageX3/methods/loadOptions');
		const fields = await getCustomerFields.call((await loadOptionsContext(suite.engine, suite.credentialId, { folder: at })) as never);
		expect(fields[0]).toMatchObject({ name: '(All Fields)', value: '*' });
		expect(fields.slice(1).map((option) => option.value)).toEqual([...target.defaultFields].sort());
		expect(fields.slice(1).every((option) => String(option.description).includes('returned when no field is chosen'))).toBe(true);
		const createInputs = await getCustomerInputFields.call((await loadOptionsContext(suite.engine, suite.credentialId, { folder: at, operation: 'create' })) as never);
		const updateInputs = await getCustomerInputFields.call((await loadOptionsContext(suite.engine, suite.credentialId, { folder: at, operation: 'update' })) as never);
		const settable = target.hasIsActive ? ['category', 'country', 'currency', 'isActive', 'shortName'] : ['country'];
		expect(createInputs.map((option) => option.value)).toEqual(settable);
		expect(updateInputs.map((option) => option.value)).toEqual(['companyName', ...settable].sort());
	});
});

describe('the Conditions field picker', () => {
	test.each([
		['SEED', { resource: 'customer' }, { code: 'text', isActive: 'boolean', createdAt: 'date' }],
		['X3', { resource: 'customer' }, { _id: 'text', country: 'text', updatedAt: 'date' }],
		['SEED', { resource: 'entity', entity: 'sage.x3Sales.salesOrder' }, { id: 'text', amount: 'number', creDatTim: 'date' }],
	])('folder %s, %j: the schema’s fields with their types and operators', async (name, parameters, expected) => {
		const { getFilterFields } = await import('../../../nodes/SageX3/methods/loadOptions');
		const options = await getFilterFields.call((await loadOptionsContext(suite.engine, suite.credentialId, { folder: folder(name), ...parameters })) as never);
		const byName = Object.fromEntries(options.map((option) => [option.value, String(option.description)]));
		for (const [field, type] of Object.entries(expected)) expect([field, byName[field]?.split(':')[0]]).toEqual([field, type]);
		if ('amount' in expected) expect(byName.amount).toBe('number: Equals, Not Equals, Is One Of, Less Than (<), Less Than or Equal (≤), Greater Than (>), Greater Than or Equal (≥), Between, Is Empty, Is Not Empty');
		if ('isActive' in expected) expect(byName.isActive).toBe('boolean: Is True, Is False, Is Empty, Is Not Empty');
	});
});

describe.each(FOLDERS)('the Customer Record picker on folder $name', (target) => {
	const at = folder(target.name);
	const search = async (filter?: string, token?: string, parameters: Record<string, unknown> = {}) => {
		const { searchCustomers } = await import('../../../nodes/SageX3/methods/listSearch');
		return await searchCustomers.call((await loadOptionsContext(suite.engine, suite.credentialId, { folder: at, resource: 'customer', operation: 'get', ...parameters })) as never, filter, token);
	};
	const customers = () => suite.sandbox.x3.customers() as Array<{ code: string; companyName: string }>;

	test('pages of 50 by cursor, the key as the value, shown with the company name', async () => {
		const first = await search();
		expect(first.results).toEqual(customers().slice(0, 50).map((c) => ({ name: `${c.code} – ${c.companyName}`, value: c.code })));
		const second = await search(undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(customers().slice(50, 100).map((c) => c.code));
	});

	test('a search matches code or company name literally', async () => {
		const found = await search('Enterprise 12');
		const expected = customers().filter((c) => c.code.includes('Enterprise 12') || c.companyName.includes('Enterprise 12'));
		expect(expected.length).toBeGreaterThan(5);
		expect(found.results.map((r) => r.value)).toEqual(expected.slice(0, 50).map((c) => c.code));
		expect((await search('An Enterprise .*')).results).toEqual([]);
	});

	test('Get, Update and Delete take the locator (list, code, mapped) and plain codes of older workflows', async () => {
		const [first] = customers();
		for (const code of [{ __rl: true, mode: 'list', value: first.code }, { __rl: true, mode: 'code', value: '={{ $json.code }}' }, first.code]) {
			const result = await suite.run({ resource: 'customer', operation: 'get', folder: at, code, fields: ['code', 'companyName'] }, [{ code: first.code }]);
			expect([code, result.error, result.items[0]?.json.code]).toEqual([code, undefined, first.code]);
		}
	});
});
