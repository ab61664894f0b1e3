/*
 * noteRecordBytes (nodes/shared/output/record-bytes.ts): which bytes of a compact list body each
 * parsed record came in, for One File's NDJSON; a body it cannot split for certain notes nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { noteRecordBytes, type RecordBytes } from '../../nodes/shared/output/record-bytes';

function noted(text: string): Array<string | undefined> {
	const parsed = JSON.parse(text) as unknown;
	const records = (Array.isArray(parsed) ? parsed : [parsed]) as IDataObject[];
	const into: RecordBytes = new WeakMap();
	noteRecordBytes(records, Buffer.from(text, 'utf8'), into);
	return records.map((record) => {
		const bytes = into.get(record);
		return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
	});
}

describe('noteRecordBytes', () => {
	test('each record of a compact array: nested objects, awkward strings, escapes as they were written', () => {
		const records = [
			{ id: 1, name: 'Brace } and [bracket, "quoted"', nested: { currency: { code: 'GBP' } }, tags: [1, 'a'] },
			{ id: 2, name: 'backslash \\ and quote "', path: 'C:\\\\' },
			{ id: 3, text: 'Café Zürich 😀 \u2028' },
			{},
			{ id: 5, contacts: [{ name: 'only one' }] },
		];
		expect(noted(JSON.stringify(records))).toEqual(records.map((record) => JSON.stringify(record)));
		expect(noted('[{"name":"Caf\\u00e9 \\u0026 Co"}]')).toEqual(['{"name":"Caf\\u00e9 \\u0026 Co"}']);
		expect(noted('[{"id": 1, "a": [1, 2]},{"id": 2}]')).toEqual(['{"id": 1, "a": [1, 2]}', '{"id": 2}']);
	});

	test('a body it cannot split for certain notes nothing: its records are encoded again', () => {
		const none = (text: string) => expect(noted(text).every((bytes) => bytes === undefined)).toBe(true);
		none('[{"id":1}, {"id":2}]'); // whitespace between records
		none(JSON.stringify([{ id: 1 }, { id: 2 }], null, 2)); // indented: line breaks
		none('[{"id":1},\r\n{"id":2}]');
		none('[{"id":1,"lines":[{"n":1},{"n":2}]},{"id":2}]'); // a nested list of objects
		none('[{"id":1,"name":"a},{b"},{"id":2}]'); // a string holding the separator
		none('{"value":[{"id":1},{"id":2}]}'); // an envelope
		none('[{"id":1},2,{"id":3}]');
		none('[{"id":1},[{"id":2}]]');
		expect(noted('[]')).toEqual([]);
		const fewer = [{ id: 1 }];
		const into: RecordBytes = new WeakMap();
		noteRecordBytes(fewer, Buffer.from('[{"id":1},{"id":2}]'), into);
		expect(into.get(fewer[0])).toBeUndefined();
	});
});
