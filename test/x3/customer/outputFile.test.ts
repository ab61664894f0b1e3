/*
 * Node "Sage X3", resource Customer, operation Get Many with Output: One File, on the older (SEED)
 * and V12 (X3) folder schemas: the file holds what Items would output, its binary metadata, a page
 * that fails with and without Continue On Fail, and bad options refused before any request.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { csvValue, parseCsv, readBinary } from '../../harness/binary-data';
import { folder, useX3Suite } from '../setup';
import { FOLDERS } from './folders';

const suite = useX3Suite({ resource: 'customer' });
const run = suite.run;
const graphqlRequests = () => suite.sandbox.server.count('x3.graphql');
const fileText = async (item: INodeExecutionData) => (await readBinary(item.binary!.data)).toString('utf8');
const ndjsonRecords = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n').map((line) => JSON.parse(line)));

afterEach(() => suite.sandbox.server.clearFaults());

describe.each(FOLDERS.filter((target) => target.name !== 'MINI'))('Customer → Get Many → One File on folder $name', (target) => {
	const getMany = { operation: 'getAll', folder: folder(target.name), returnAll: true };

	test('NDJSON of every customer: its lines are the records Items outputs, in order, with the same requests', async () => {
		const items = await run(getMany);
		expect(items.error).toBeUndefined();
		const itemRequests = graphqlRequests();
		suite.sandbox.server.resetCounters();
		const file = await run({ ...getMany, output: 'file' });
		expect(file.error).toBeUndefined();
		expect(file.items).toHaveLength(1);
		const [item] = file.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({ fileName: 'customer.ndjson', format: 'ndjson', records: items.items.length });
		expect(items.items.length).toBeGreaterThan(2000);
		const text = await fileText(item);
		expect(ndjsonRecords(text)).toEqual(items.items.map((record) => record.json));
		expect(item.binary!.data).toMatchObject({ mimeType: 'application/x-ndjson', fileName: 'customer.ndjson', bytes: Buffer.byteLength(text) });
		expect(graphqlRequests()).toBe(itemRequests);
	});

	test('CSV of the selected Fields, parsed back to the records', async () => {
		const fields = ['code', 'companyName', 'country'];
		const items = await run({ ...getMany, returnAll: false, limit: 250, fields });
		const file = await run({ ...getMany, returnAll: false, limit: 250, fields, output: 'file', fileFormat: 'csv', fileOptions: { fileName: 'x3-customers.csv' } });
		expect(file.error).toBeUndefined();
		expect(file.items[0].binary!.data).toMatchObject({ mimeType: 'text/csv', fileName: 'x3-customers.csv' });
		const [header, ...rows] = parseCsv(await fileText(file.items[0]));
		expect(header).toEqual(Object.keys(items.items[0].json));
		expect([...header].sort()).toEqual([...fields].sort());
		expect(rows).toEqual(items.items.map(({ json }) => header.map((column) => csvValue(json[column]))));
	});
});

describe('Customer → Get Many → One File: failures', () => {
	const getMany = { operation: 'getAll', folder: folder('SEED'), returnAll: true, fields: ['code', 'companyName'], output: 'file' };

	test('a page that fails fails the item with Sage\'s words, and no more pages are asked for', async () => {
		// The introspection, then pages: the 5th GraphQL request is the 4th page.
		suite.sandbox.server.setFaults([{ route: 'x3.graphql', kind: 500, every: 5 }]);
		const result = await run(getMany);
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toMatch(/^Listing customer records failed/);
		expect(result.items).toEqual([]);
		expect(graphqlRequests()).toBe(5);
	});

	test('Continue On Fail: the failing item gets the error, the next item its file', async () => {
		suite.sandbox.server.setFaults([{ route: 'x3.graphql', kind: 500, every: 5 }]);
		const result = await run({ ...getMany, returnAll: false, limit: '={{ $json.limit }}' }, [{ limit: 1000 }, { limit: 300 }], true);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json.error).toMatch(/^Listing customer records failed/);
		expect(result.items[1].json.records).toBe(300);
		expect(ndjsonRecords(await fileText(result.items[1]))).toHaveLength(300);
	});

	test.each([
		[{ output: 'list' }, '"Output" must be "items" or "file"'],
		[{ fileFormat: 'json' }, '"Format" must be "ndjson" or "csv"'],
		[{ fileOptions: { fileName: 'exports/customers.ndjson' } }, '"File Name" must be a file name without folders'],
		[{ fileOptions: { maxFileSizeMb: 1.5 } }, '"Max File Size (MB)" must be a whole number from 1 to 4096'],
	])('bad options %j are refused before any request', async (parameters, message) => {
		const result = await run({ ...getMany, ...parameters }, [{}, {}]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(suite.sandbox.server.count('x3')).toBe(0);
	});
});
