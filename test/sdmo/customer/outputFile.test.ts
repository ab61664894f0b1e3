/*
 * Sage DMO → Customer → Get Many with Output: One File: the file holds what Items would output,
 * its binary metadata, Include Total Count on the file's item, a page that fails with and without
 * Continue On Fail, and bad options refused before any request.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { csvValue, parseCsv, readBinary } from '../../harness/binary-data';
import { addCredential, badInputFailsBeforeAnyRequest, count, run, sandbox, useSdmoSandbox } from '../setup';

useSdmoSandbox();

const getMany = { resource: 'customer', operation: 'getMany', returnAll: true };
const fileText = async (item: INodeExecutionData) => (await readBinary(item.binary!.data)).toString('utf8');
const ndjsonRecords = (text: string) => text.replace(/\n$/, '').split('\n').map((line) => JSON.parse(line));

test('NDJSON of all 3,000 customers: its lines are the records Items outputs, in order, from the same 3 pages', async () => {
	const id = addCredential();
	const items = await run(id, getMany);
	expect(items.error).toBeUndefined();
	expect(items.items).toHaveLength(3000);
	const itemRequests = count('sdmo.graphql');
	sandbox.server.resetCounters();
	const file = await run(id, { ...getMany, output: 'file' });
	expect(file.error).toBeUndefined();
	expect(file.items).toHaveLength(1);
	const [item] = file.items;
	expect(item.json).toEqual({ fileName: 'customer.ndjson', format: 'ndjson', records: 3000 });
	expect(item.pairedItem).toEqual({ item: 0 });
	const text = await fileText(item);
	expect(ndjsonRecords(text)).toEqual(items.items.map((record) => record.json));
	expect(item.binary!.data).toMatchObject({ mimeType: 'application/x-ndjson', fileName: 'customer.ndjson', bytes: Buffer.byteLength(text) });
	// The app's schema, then 3 pages of 1000, as for Items.
	expect(itemRequests).toBe(4);
	expect(count('sdmo.graphql')).toBe(itemRequests);
});

test('CSV with the default fields: references as JSON, parsed back to the records; Include Total Count on the file\'s item', async () => {
	const id = addCredential();
	const parameters = { ...getMany, returnAll: false, limit: 1500, filter: "{country: {id: 'DE'}}" };
	const items = await run(id, parameters);
	const file = await run(id, { ...parameters, output: 'file', fileFormat: 'csv', options: { includeTotalCount: true } });
	expect(file.error).toBeUndefined();
	expect(file.items[0].json).toEqual({ fileName: 'customer.csv', format: 'csv', records: 600, totalCount: 600 });
	const [header, ...rows] = parseCsv(await fileText(file.items[0]));
	expect(header).toEqual(Object.keys(items.items[0].json));
	expect(rows).toEqual(items.items.map(({ json }) => header.map((column) => csvValue(json[column]))));
	const currency = header.indexOf('currency');
	expect(JSON.parse(rows[0][currency])).toEqual(items.items[0].json.currency);
});

test('a page that fails: the item gets Sage\'s error (Continue On Fail), the next item its file', async () => {
	const id = addCredential();
	// The first item's 2nd page is the 3rd GraphQL request (after the introspection).
	sandbox.server.setFaults([{ route: 'sdmo.graphql', kind: 500, times: 1, requestBody: /"after":"/ }]);
	const result = await run(id, { ...getMany, returnAll: false, limit: '={{ $json.limit }}', output: 'file' }, [{ limit: 2500 }, { limit: 10 }], true);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(result.items[0].binary).toBeUndefined();
	expect(result.items[0].json.error).toMatch(/^Listing customer records failed/);
	expect(result.items[1].json.records).toBe(10);
	expect(ndjsonRecords(await fileText(result.items[1]))).toHaveLength(10);
});

badInputFailsBeforeAnyRequest([
	['Output', { ...getMany, output: 'files' }, /"Output" must be "items" or "file"/],
	['Format', { ...getMany, output: 'file', fileFormat: 'tsv' }, /"Format" must be "ndjson" or "csv"/],
	['File Name', { ...getMany, output: 'file', fileOptions: { fileName: '..\\customers.csv' } }, /"File Name" must be a file name without folders/],
	['Put Output File in Field', { ...getMany, output: 'file', fileOptions: { binaryPropertyName: '' } }, /"Put Output File in Field" must be a field name/],
]);
