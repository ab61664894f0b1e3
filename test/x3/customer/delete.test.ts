/*
 * Node "Sage X3", resource Customer, operation Delete (the round trip Create → Update → Delete is in create.test.ts),
 * on the folder schemas of ./folders.ts (SEED, X3 and MINI): fields and inputs come from the folder's schema.
 */
import { folder, useX3Suite } from '../setup';
import { FOLDERS } from './folders';

const suite = useX3Suite({ sandbox: { folders: ['MINI'] }, credential: { folders: ['SEED', 'X3', 'MINI'] }, resource: 'customer' });
const run = suite.run;

describe.each(FOLDERS)('Customer on folder $name', (target) => {
	const at = folder(target.name);

	test('Continue On Fail turns a business error into an error item for that item only', async () => {
		const result = await run({ operation: 'delete', folder: at, code: '={{ $json.code }}' }, [{ code: 'NOPE1' }, { code: '' }], true);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toContain('Customer NOPE1 does not exist');
		expect(result.items[1].json.error).toContain('"Customer Code" must not be empty');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});
