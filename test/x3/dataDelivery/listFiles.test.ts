/* Node "Sage X3" through n8n's engine against the sandbox: resource Data Delivery, operation List Files. */
import { addPairedCredential, folder, runX3, useX3Suite } from '../setup';

const suite = useX3Suite();
const run = suite.run;

describe('Data Delivery', () => {
	test('List Files returns every file over all pages', async () => {
		const result = await run({ resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') });
		expect(result.error).toBeUndefined();
		const expected = suite.sandbox.x3.deliveryFiles('SEED');
		expect(result.items.map((item) => item.json.key)).toEqual(expected.map((file: { key: string }) => file.key).sort());
		expect(suite.sandbox.server.count('x3.delivery.list')).toBe(Math.ceil(expected.length / 50));
	});

	test('a folder paired without api.dataDelivery says which scope is missing', async () => {
		const graphOnly = addPairedCredential(suite.engine, suite.sandbox, { scope: ['businessDomain.ALL', 'api.graphQL'] });
		const result = await runX3(suite.engine, graphOnly.id, { parameters: { resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') } });
		expect(result.error?.message).toContain('Folder "SEED" has no dataDelivery URL');
		expect(String(result.error?.description)).toContain('api.dataDelivery');
	});
});
