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
