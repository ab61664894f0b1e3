/* Node "Sage X3" through n8n's engine against the sandbox: resource Data Delivery, operation Delete. */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite();
const run = suite.run;

describe('Data Delivery', () => {
	test('Delete removes the file (by key or by URL)', async () => {
		const [first, second] = suite.sandbox.x3.deliveryFiles('SEED');
		const listed = await run({ resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') });
		const secondUrl = listed.items.find((item) => item.json.key === second.key)!.json.deleteUrl;
		const result = await run({ resource: 'dataDelivery', operation: 'delete', folder: folder('SEED'), file: '={{ $json.file }}' }, [{ file: first.key }, { file: secondUrl }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ key: first.key, deleted: true }, { key: second.key, deleted: true }]);
		const remaining = suite.sandbox.x3.deliveryFiles('SEED').map((file: { key: string }) => file.key);
		expect(remaining).not.toContain(first.key);
		expect(remaining).not.toContain(second.key);
	});
});
