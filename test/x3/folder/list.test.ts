/* Node "Sage X3" through n8n's engine against the sandbox: resource Folder, operation List, and the folder picker every operation uses. */
import { folder, loadOptionsContext, useX3Suite } from '../setup';

const suite = useX3Suite();
const run = suite.run;

describe('Folder → List and the folder picker', () => {
	test('lists each folder with its URLs', async () => {
		const result = await run({ resource: 'folder', operation: 'list' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ name: 'SEED', dataService: expect.stringContaining('/service/X3CLOUDV2_SEED/graphQL'), dataDelivery: expect.stringContaining('/datadelivery/SEED') }),
			expect.objectContaining({ name: 'X3', dataService: expect.stringContaining('/service/X3CLOUDV2_X3/api') }),
		]);
	});

	test('listSearch offers the folders and filters by name', async () => {
		const { searchFolders } = await import('../../../nodes/SageX3/methods/listSearch');
		const context = await loadOptionsContext(suite.engine, suite.credentialId, {});
		const all = await searchFolders.call(context as never);
		expect(all.results.map((result) => result.value)).toEqual(['SEED', 'X3']);
		const filtered = await searchFolders.call(context as never, 'se');
		expect(filtered.results.map((result) => result.value)).toEqual(['SEED']);
	});

	test('an unknown folder is a NodeOperationError listing the folders, before any GraphQL request', async () => {
		const result = await run({ resource: 'customer', operation: 'get', folder: folder('NOPE'), code: 'AE0001' });
		expect(result.error?.message).toContain('Unknown folder "NOPE" in the parameter "Folder"');
		expect(String(result.error?.description)).toContain('SEED, X3');
		expect(suite.sandbox.server.count('x3.graphql')).toBe(0);
	});

	test('the folder picker accepts the list mode and an expression', async () => {
		const listed = await run({ resource: 'customer', operation: 'get', folder: { __rl: true, mode: 'list', value: 'SEED' }, code: 'AE0001' });
		expect(listed.items[0].json.code).toBe('AE0001');
		const fromExpression = await run(
			{ resource: 'customer', operation: 'get', folder: { __rl: true, mode: 'name', value: '={{ $json.folder }}' }, code: '={{ $json.code }}' },
			[{ folder: 'SEED', code: 'AE0002' }],
		);
		expect(fromExpression.items[0].json.code).toBe('AE0002');
	});
});
