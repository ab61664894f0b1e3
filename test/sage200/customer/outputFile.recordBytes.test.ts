/*
 * Sage 200 → Customer → Get Many with Output: One File (NDJSON): from a compact list body, a
 * record Simplify leaves as Sage sent it goes into the file as the bytes it came in (not encoded
 * again, and where nothing needs it, not even parsed); other bodies (spaced, indented, not valid UTF-8) and records Simplify copies are encoded
 * as Items shows them. Every file parses to the records Items outputs.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { readBinary } from '../../harness/binary-data';
import { useSage200Suite } from '../setup';

const getMany = { resource: 'customer', operation: 'getAll', returnAll: false, limit: 1200, listOptions: { pageSize: 500, select: 'id,reference,name,balance,on_hold,date_time_updated' } };
const fileLines = async (item: INodeExecutionData) => {
	const text = (await readBinary(item.binary!.data)).toString('utf8');
	expect(text.endsWith('\n')).toBe(true);
	return text.slice(0, -1).split('\n');
};

describe('Sage 200 → Customer → Get Many → Output: One File, the bytes each record came in', () => {
	const suite = useSage200Suite({ latencyMs: 2 });
	afterEach(() => suite.s200.setListJson('compact'));

	// 'Café Zürich GmbH' and 'Smith & Jones Ltd' are among the first customers.
	test.each([
		['compact', (line: string) => line === JSON.stringify(JSON.parse(line))],
		// No non-ASCII character, no & or ' (encoded again, 'Café' and '&' would be written as they are).
		['escaped', (line: string) => !/[^\x20-\x7e]|[<>&']/.test(line)],
	])('a %s body: each line is the record as Sage wrote it, parsing to what Items outputs', async (style, writtenAsSent) => {
		suite.s200.setListJson(style);
		const items = await run(suite, getMany);
		const file = await run(suite, { ...getMany, output: 'file' });
		expect(file.items[0].json).toMatchObject({ records: 1200 });
		const lines = await fileLines(file.items[0]);
		expect(lines.map((line) => JSON.parse(line))).toEqual(items.items.map((item) => item.json));
		expect(lines.every(writtenAsSent)).toBe(true);
		const line = (name: RegExp) => lines[items.items.findIndex((item) => name.test(String(item.json.name)))];
		if (style === 'escaped') expect([line(/^Smith & Jones/), line(/^Caf/)]).toEqual([expect.stringContaining('Smith \\u0026 Jones Ltd'), expect.stringContaining('Caf\\u00e9 Z\\u00fcrich GmbH')]);
		if (style === 'compact') expect(line(/^Caf/)).toContain('Café Zürich GmbH');
	});

	test('a compact body is written without being parsed: no page reaches JSON.parse, and the file is the pages as they came', async () => {
		const items = await run(suite, getMany);
		const parse = jest.spyOn(JSON, 'parse');
		try {
			const file = await run(suite, { ...getMany, output: 'file' });
			// A page of 500 such records is some 70 KB; n8n's own parses are of small things.
			expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 20_000)).toEqual([]);
			const lines = await fileLines(file.items[0]);
			expect(lines).toEqual(items.items.map((item) => JSON.stringify(item.json)));
		} finally {
			parse.mockRestore();
		}
		// Items parse every page.
		const parseForItems = jest.spyOn(JSON, 'parse');
		try {
			await run(suite, getMany);
			expect(parseForItems.mock.calls.filter(([text]) => typeof text === 'string' && text.length > 20_000).length).toBe(3);
		} finally {
			parseForItems.mockRestore();
		}
	});

	test.each(['spaced', 'indented'])('a %s body: each record encoded again, on one line', async (style) => {
		suite.s200.setListJson(style);
		const items = await run(suite, getMany);
		const lines = await fileLines((await run(suite, { ...getMany, output: 'file' })).items[0]);
		expect(lines).toEqual(items.items.map((item) => JSON.stringify(item.json)));
	});

	test('a body that is not valid UTF-8: the records as Items shows them (U+FFFD for the bytes), a valid UTF-8 file', async () => {
		suite.s200.setListJson('latin1');
		const items = await run(suite, getMany);
		expect(items.items.map((item) => item.json.name)).toContain('Caf\ufffd Z\ufffdrich GmbH');
		const file = (await run(suite, { ...getMany, output: 'file' })).items[0];
		const bytes = await readBinary(file.binary!.data);
		expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe(items.items.map((item) => `${JSON.stringify(item.json)}\n`).join(''));
	});
});

describe('Sage 200 → Customer → Get Many → Output: One File, records Simplify copies', () => {
	const suite = useSage200Suite({ latencyMs: 2, sage200: { odataAnnotations: true } });
	// Whole records: the gateway annotates records read without $select.
	const whole = { ...getMany, listOptions: { pageSize: 500 } };

	test('with @odata.etag on every record: Simplify\'s copies are written, without the annotations; Simplify off writes them as sent', async () => {
		const simplified = await run(suite, { ...whole, output: 'file' });
		const lines = await fileLines(simplified.items[0]);
		expect(lines).toHaveLength(1200);
		expect(lines.some((line) => line.includes('@odata'))).toBe(false);
		expect(lines.map((line) => JSON.parse(line))).toEqual((await run(suite, whole)).items.map((item) => item.json));

		const asSent = await fileLines((await run(suite, { ...whole, simple: false, output: 'file' })).items[0]);
		expect(asSent.every((line) => line.startsWith('{"@odata.etag":') || line.includes(',"@odata.etag":'))).toBe(true);
		expect(asSent.map((line) => JSON.parse(line))).toEqual((await run(suite, { ...whole, simple: false })).items.map((item) => item.json));
	});
});

async function run(suite: ReturnType<typeof useSage200Suite>, parameters: INodeParameters) {
	const result = await suite.run(parameters);
	expect(result.error).toBeUndefined();
	return result;
}
