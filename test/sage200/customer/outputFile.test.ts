/*
 * Sage 200 → Customer → Get Many with Output: One File (NDJSON, CSV), run through n8n's engine
 * against the sandbox: the file holds what Items would output, its binary metadata, a failing
 * page with and without Continue On Fail, Max File Size, and bad options refused before sending.
 * Binary data here is n8n's in-memory mode; outputFile.filesystem.test.ts runs the filesystem store.
 */
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import { csvValue, parseCsv, readBinary } from '../../harness/binary-data';
import { apiRequestsOf, decodedQuery, useSage200Suite } from '../setup';

const suite = useSage200Suite({ latencyMs: 5 });
const { run } = suite;
const apiRequests = () => apiRequestsOf(suite.server);

const getMany = { resource: 'customer', operation: 'getAll', returnAll: true };
const fileText = async (item: INodeExecutionData, field = 'data') => (await readBinary(item.binary![field])).toString('utf8');
const ndjsonRecords = (text: string) => {
	expect(text.endsWith('\n')).toBe(true);
	return text
		.slice(0, -1)
		.split('\n')
		.map((line) => JSON.parse(line));
};

afterEach(() => suite.server.clearFaults());

describe('Sage 200 → Customer → Get Many → Output: One File', () => {
	test('NDJSON of all 12,000 customers: one item whose lines are the records Items outputs, in order', async () => {
		const listOptions = { pageSize: 1000, concurrency: 3, select: 'id,reference,name,balance,on_hold,date_time_updated' };
		const items = await run({ ...getMany, listOptions });
		expect(items.error).toBeUndefined();
		expect(items.items).toHaveLength(12000);
		suite.server.resetCounters();

		const file = await run({ ...getMany, listOptions, output: 'file' });
		expect(file.error).toBeUndefined();
		expect(file.items).toHaveLength(1);
		const [item] = file.items;
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json).toEqual({ fileName: 'customers.ndjson', format: 'ndjson', records: 12000 });
		const text = await fileText(item);
		expect(ndjsonRecords(text)).toEqual(items.items.map((record) => record.json));
		const binary = item.binary!.data;
		expect(binary).toMatchObject({ mimeType: 'application/x-ndjson', fileName: 'customers.ndjson', fileExtension: 'ndjson', bytes: Buffer.byteLength(text) });
		expect(binary.fileSize).toMatch(/^\d+(\.\d+)? MB$/);
		// The same 12 pages as Items, with the same concurrency bound.
		expect(suite.server.count('s200.customers.list')).toBe(12);
		expect(suite.server.maxInFlight['s200.customers.list']).toBeLessThanOrEqual(3);
		expect(suite.server.maxInFlight['s200.customers.list']).toBeGreaterThan(1);
	});

	test('Concurrency not set: four pages in flight, into One File as for Items', async () => {
		const listOptions = { pageSize: 1000, select: 'id,reference' };
		const file = await run({ ...getMany, listOptions, output: 'file' });
		expect(file.error).toBeUndefined();
		expect(file.items[0].json).toMatchObject({ records: 12000 });
		expect(suite.server.maxInFlight['s200.customers.list']).toBe(4);
		suite.server.resetCounters();
		const items = await run({ ...getMany, listOptions });
		expect(items.items).toHaveLength(12000);
		expect(suite.server.maxInFlight['s200.customers.list']).toBe(4);
	});

	test('the next pages are asked for while the first page is still being written', async () => {
		// n8n's store is held at the file's first chunk until Sage has been asked for page 2 (or 5 s
		// have passed): a pull that waited for the first page to be written would time out here.
		const service = Container.get(BinaryDataService);
		const store = service.store.bind(service);
		let pagesAskedAtFirstChunk = 0;
		const held = jest.spyOn(service, 'store').mockImplementation(async (location, data, metadata) => {
			const chunks: Buffer[] = [];
			for await (const chunk of data as AsyncIterable<Buffer>) {
				if (!chunks.length) {
					for (let waited = 0; waited < 5000 && suite.server.count('s200.customers.list') < 2; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
					pagesAskedAtFirstChunk = suite.server.count('s200.customers.list');
				}
				chunks.push(chunk);
			}
			return await store(location, Buffer.concat(chunks), metadata);
		});
		try {
			const file = await run({ ...getMany, listOptions: { pageSize: 5000, concurrency: 1, select: 'id,reference' }, output: 'file' });
			expect(file.error).toBeUndefined();
			expect(file.items[0].json).toMatchObject({ records: 12000 });
			expect(pagesAskedAtFirstChunk).toBe(2);
			expect(suite.server.count('s200.customers.list')).toBe(3);
		} finally {
			held.mockRestore();
		}
	});

	test('NDJSON of whole records with a Limit, simplified as Items are, with a File Name and Put Output File in Field', async () => {
		const parameters = { ...getMany, returnAll: false, limit: 2500, listOptions: { pageSize: 1000 } };
		const items = await run(parameters);
		const file = await run({ ...parameters, output: 'file', fileOptions: { fileName: 'all customers.jsonl', binaryPropertyName: 'export' } });
		expect(file.error).toBeUndefined();
		const [item] = file.items;
		expect(Object.keys(item.binary!)).toEqual(['export']);
		expect(item.binary!.export).toMatchObject({ fileName: 'all customers.jsonl', mimeType: 'application/x-ndjson' });
		const records = ndjsonRecords(await fileText(item, 'export'));
		expect(records).toHaveLength(2500);
		expect(records).toEqual(items.items.map((record) => record.json));
		expect(Object.keys(records[0]).length).toBeGreaterThan(40);
	});

	test('CSV: the selected fields as columns, RFC 4180 quoting (quotes, commas, line breaks), nested values as JSON, parsed back to the records', async () => {
		const [first, second] = suite.s200.records(1, 'customers');
		suite.s200.change(1, 'customers', first.id, { name: 'He said "hi", then\r\nleft' });
		suite.s200.change(1, 'customers', second.id, { name: 'Line one\nline two, "quoted"' });
		const listOptions = { pageSize: 5000, select: 'id,reference,name,balance,on_hold', expand: 'currency' };
		const items = await run({ ...getMany, listOptions });
		expect(items.error).toBeUndefined();
		const file = await run({ ...getMany, listOptions, output: 'file', fileFormat: 'csv' });
		expect(file.error).toBeUndefined();
		const [item] = file.items;
		expect(item.json).toEqual({ fileName: 'customers.csv', format: 'csv', records: 12000 });
		expect(item.binary!.data).toMatchObject({ mimeType: 'text/csv', fileName: 'customers.csv', fileExtension: 'csv' });
		const rows = parseCsv(await fileText(item));
		const [header, ...body] = rows;
		// Select's fields first, in its order, then what the first page holds besides (the expanded currency).
		expect(header).toEqual(['id', 'reference', 'name', 'balance', 'on_hold', 'currency']);
		expect(body).toHaveLength(12000);
		expect(body[0][2]).toBe('He said "hi", then\r\nleft');
		expect(body[1][2]).toBe('Line one\nline two, "quoted"');
		const currencyOf = (row: string[]) => JSON.parse(row[5]);
		expect(currencyOf(body[0])).toEqual(items.items[0].json.currency);
		expect(typeof items.items[0].json.currency).toBe('object');
		expect(body).toEqual(items.items.map(({ json }) => header.map((column) => csvValue(json[column]))));
	});

	test('CSV without Select: the first page\'s keys are the columns', async () => {
		const parameters = { ...getMany, returnAll: false, limit: 300 };
		const items = await run(parameters);
		const file = await run({ ...parameters, output: 'file', fileFormat: 'csv' });
		expect(file.error).toBeUndefined();
		const [header, ...body] = parseCsv(await fileText(file.items[0]));
		expect(header).toEqual(Object.keys(items.items[0].json));
		expect(body).toEqual(items.items.map(({ json }) => header.map((column) => csvValue(json[column]))));
	});

	test('no records: an empty NDJSON file, and a CSV of the selected columns\' header only', async () => {
		const filters = { filter: "reference eq 'NO-SUCH-CUSTOMER'" };
		const ndjson = await run({ ...getMany, filters, output: 'file' });
		expect(ndjson.error).toBeUndefined();
		expect(ndjson.items[0].json.records).toBe(0);
		expect(await fileText(ndjson.items[0])).toBe('');
		const csv = await run({ ...getMany, filters, listOptions: { select: 'id,name' }, output: 'file', fileFormat: 'csv' });
		expect(await fileText(csv.items[0])).toBe('id,name\r\n');
	});

	test('one file per input item, each of its own company', async () => {
		const file = await run({ ...getMany, company: '={{ $json.company }}', listOptions: { select: 'id' }, output: 'file' }, { items: [{ company: 1 }, { company: 2 }] });
		expect(file.error).toBeUndefined();
		expect(file.items.map((item) => [item.pairedItem, item.json.records])).toEqual([
			[{ item: 0 }, 12000],
			[{ item: 1 }, 750],
		]);
		const ids = ndjsonRecords(await fileText(file.items[1])).map((record) => record.id);
		expect(ids).toEqual(suite.s200.records(2, 'customers').map((customer: { id: number }) => customer.id));
	});

	test('a page that fails fails the item with Sage\'s words; nothing is stored and no more pages are asked for', async () => {
		suite.server.setFaults([{ route: 's200.customers.list', kind: 500, every: 4 }]);
		const result = await run({ ...getMany, listOptions: { pageSize: 1000, concurrency: 1, select: 'id' }, output: 'file' });
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error?.message).toBe('Listing customer failed: Service Unavailable');
		expect(result.items).toEqual([]);
		// Pages 1 to 3, then the 4th fails: paging stops there.
		expect(apiRequests().map((entry: any) => decodedQuery(entry).get('$skip'))).toEqual(['0', '1000', '2000', '3000']);
	});

	test('Continue On Fail: the failing item gets the error, the next item its file', async () => {
		// Company 1's 4th page fails; company 2's single page is the 5th request.
		suite.server.setFaults([{ route: 's200.customers.list', kind: 500, every: 4 }]);
		const result = await run(
			{ ...getMany, company: '={{ $json.company }}', listOptions: { pageSize: 1000, concurrency: 1, select: 'id' }, output: 'file' },
			{ items: [{ company: 1 }, { company: 2 }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json.error).toContain('Listing customer failed');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[1].json.records).toBe(750);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(ndjsonRecords(await fileText(result.items[1]))).toHaveLength(750);
	});

	test('Max File Size stops the pull once the file would grow beyond it, before the rest is read', async () => {
		const result = await run({ ...getMany, listOptions: { pageSize: 1000, concurrency: 1 }, output: 'file', fileOptions: { maxFileSizeMb: 1 } }, { continueOnFail: true });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json.error).toMatch(/^The file would grow beyond Max File Size \(1 MB\) after [\d,]+ records; nothing was stored$/);
		// A page of whole customers is about 2.8 MB: the first one is already too much.
		expect(suite.server.count('s200.customers.list')).toBeLessThanOrEqual(2);
	});

	test.each([
		[{ output: 'rows' }, '"Output" must be "items" or "file"'],
		[{ output: 'file', fileFormat: 'xml' }, '"Format" must be "ndjson" or "csv"'],
		[{ output: 'file', fileOptions: { fileName: '../customers.csv' } }, '"File Name" must be a file name without folders'],
		[{ output: 'file', fileOptions: { fileName: 'a\u0007b' } }, '"File Name" must be a file name without folders or control characters'],
		[{ output: 'file', fileOptions: { binaryPropertyName: ' ' } }, '"Put Output File in Field" must be a field name'],
		[{ output: 'file', fileOptions: { maxFileSizeMb: 0 } }, '"Max File Size (MB)" must be a whole number from 1 to 4096'],
		[{ output: 'file', fileOptions: { maxFileSizeMb: 5000 } }, '"Max File Size (MB)" must be a whole number from 1 to 4096'],
	])('bad options %j are refused before anything is sent', async (parameters, message) => {
		const result = await run({ ...getMany, ...parameters }, { items: [{}, {}] });
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toContain(message);
		expect(apiRequests()).toEqual([]);
	});
});
