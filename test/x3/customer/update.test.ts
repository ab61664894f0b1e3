/*
 * Node "Sage X3", resource Customer, operation Update (the round trip Create → Update → Delete is in create.test.ts),
 * on the folder schemas of ./folders.ts (SEED, X3 and MINI): fields and inputs come from the folder's schema.
 */
import { folder, useX3Suite } from '../setup';
import { FOLDERS } from './folders';

const suite = useX3Suite({ sandbox: { folders: ['MINI'] }, credential: { folders: ['SEED', 'X3', 'MINI'] }, resource: 'customer' });
const run = suite.run;

const mutationsSent = () =>
	suite.sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('"query":"mutation')).length;

describe.each(FOLDERS)('Customer on folder $name', (target) => {
	const at = folder(target.name);

	test('Update with nothing to change is refused before any request', async () => {
		const result = await run({ operation: 'update', folder: at, code: 'AE0001' });
		expect(result.error?.message).toContain('The parameter "Update Fields" is empty');
		expect(suite.sandbox.server.count('x3')).toBe(0);
	});
});

describe('Customer: values checked against the folder’s input types', () => {
	test('a value that is not of the field’s type is refused before any mutation', async () => {
		const result = await run({ operation: 'update', folder: folder('SEED'), code: 'AE0001', fieldValues: { field: [{ name: 'isActive', value: 'yes' }] } });
		expect(result.error?.message).toContain('The field "isActive" in "Update Fields" must be true or false, not "yes"');
		const unnamed = await run({ operation: 'update', folder: folder('SEED'), code: 'AE0001', fieldValues: { field: [{ name: '', value: 'x' }] } });
		expect(unnamed.error?.message).toContain('Field 1 of "Update Fields" has no field name');
		expect(mutationsSent()).toBe(0);
	});
});
