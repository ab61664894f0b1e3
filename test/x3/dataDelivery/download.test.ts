/* Node "Sage X3" through n8n's engine against the sandbox: resource Data Delivery, operation Download. */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite();
const run = suite.run;

describe('Data Delivery', () => {
	test('Download returns the file as binary data', async () => {
		const [file] = suite.sandbox.x3.deliveryFiles('SEED');
		const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key, binaryPropertyName: 'csv' });
		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary?.csv;
		expect(binary?.fileName).toBe(file.key);
		expect(binary?.mimeType).toBe('text/csv');
		const content = Buffer.from(binary!.data, 'base64');
		expect(content.length).toBe(file.size);
		expect(require('node:crypto').createHash('md5').update(content).digest('hex')).toBe(file.checksum);
	});

	test('an unknown file key is reported for its item', async () => {
		const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: 'nope.csv' });
		expect(result.error?.message).toContain('No data delivery file "nope.csv"');
	});

	describe('Download when X3 redirects to the file\'s storage (a pre-signed URL)', () => {
		afterEach(() => suite.sandbox.x3.setDownloadRedirect(undefined));

		test('on the gateway\'s host: followed, and the storage gets no token', async () => {
			suite.sandbox.x3.setDownloadRedirect('presigned');
			const [file] = suite.sandbox.x3.deliveryFiles('SEED');
			const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key });
			expect(result.error).toBeUndefined();
			expect(Buffer.from(result.items[0].binary!.data.data, 'base64').length).toBe(file.size);
			const storage = suite.sandbox.server.log.filter((entry: { name: string }) => entry.name === 'x3.delivery.storage');
			expect(storage).toHaveLength(1);
			expect(storage[0].headers.authorization).toBeUndefined();
		});

		test('to another host: the item fails naming it, nothing is sent there', async () => {
			suite.sandbox.x3.setDownloadRedirect((storage: string) => storage.replace('127.0.0.1', '127.0.0.2'));
			const [file] = suite.sandbox.x3.deliveryFiles('SEED');
			const before = suite.sandbox.server.count('x3.delivery.storage');
			const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key });
			expect(result.error?.message).toMatch(/redirect \(HTTP 302\) to http:\/\/127\.0\.0\.2:\d+; it was not followed/);
			expect(suite.sandbox.server.count('x3.delivery.storage')).toBe(before);
		});

		test('Max File Size is checked before anything is sent: a whole number of MB from 1 to 4096', async () => {
			const [file] = suite.sandbox.x3.deliveryFiles('SEED');
			const refused = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key, downloadOptions: { maxFileSizeMb: 0 } });
			expect(refused.error?.message).toMatch(/"Max File Size \(MB\)" must be a whole number from 1 to 4096/);
		});
	});
});
