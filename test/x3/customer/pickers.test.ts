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
		expect(fields.map((option) => option.value).sort()).toEqual([...target.defaultFields].sort());
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
