/*
 * noteRecordBytes (nodes/shared/output/record-bytes.ts): which bytes of a list body each parsed
 * record came in, for One File's NDJSON; any body it cannot map one to one notes nothing.
 */
import type { IDataObject } from 'n8n-workflow';

import { noteRecordBytes, type RecordBytes } from '../../nodes/shared/output/record-bytes';

function noted(text: string): Array<string | undefined> {
	const body = Buffer.from(text, 'utf8');
	const parsed = JSON.parse(text) as unknown;
	const records = (Array.isArray(parsed) ? parsed : [parsed]) as IDataObject[];
	const into: RecordBytes = new WeakMap();
	noteRecordBytes(records, body, into);
	return records.map((record) => {
		const bytes = into.get(record);
		return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
	});
}

describe('noteRecordBytes', () => {
	test('each record of an array, nested objects, arrays and awkward strings included', () => {
		const records = [
			{ id: 1, name: 'Brace } and [bracket', nested: { lines: [{ a: 1 }, [2, { b: '"}' }]] } },
			{ id: 2, name: 'quote \\" backslash \\\\', path: 'C:\\\\' },
			{ id: 3, text: 'Café Zürich 😀 \u2028' },
			{},
		];
		const text = JSON.stringify(records);
		expect(noted(text)).toEqual(records.map((record) => JSON.stringify(record)));
	});

	test('whitespace between tokens is kept; line breaks between records are fine, inside one leave that record out', () => {
		const text = '[ {"id": 1, "a": [1, 2]} ,\r\n\t{"id":2,\n"b":3},{"id":3} ]';
		expect(noted(text)).toEqual(['{"id": 1, "a": [1, 2]}', undefined, '{"id":3}']);
		expect(noted(JSON.stringify([{ id: 1, a: { b: 1 } }], null, 2))).toEqual([undefined]);
	});

	test('a body that is not an array of exactly these records notes nothing', () => {
		expect(noted('{"value":[{"id":1},{"id":2}]}')).toEqual([undefined]);
		expect(noted('[{"id":1},2,{"id":3}]')).toEqual([undefined, undefined, undefined]);
		expect(noted('[{"id":1},[{"id":2}]]')).toEqual([undefined, undefined]);
		expect(noted('[]')).toEqual([]);
		const body = Buffer.from('[{"id":1},{"id":2}]');
		const fewer = [{ id: 1 }];
		const into: RecordBytes = new WeakMap();
		noteRecordBytes(fewer, body, into);
		expect(into.get(fewer[0])).toBeUndefined();
	});
});
