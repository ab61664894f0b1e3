/*
 * scanRecordList (nodes/shared/output/record-bytes.ts): One File's NDJSON reads a compact Sage 200
 * list body without parsing it. What it accepts must be what JSON.parse (of strictly decoded UTF-8)
 * reads as the same records, ids and bytes, with nothing for Simplify to act on; anything else is
 * left to the parse (undefined). Checked on written bodies and on thousands of broken ones.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { simplifySage200Record } from '../../nodes/Sage200/helpers/simplify';
import { scanRecordList, type RecordBytes } from '../../nodes/shared/output/record-bytes';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function scan(body: Buffer) {
	const into: RecordBytes = new WeakMap();
	const records = scanRecordList(body, into);
	return records && records.map((record) => ({ id: record.id, bytes: into.get(record) }));
}

/** What JSON.parse makes of the body, when the scan may take it; undefined when it must not. */
function parsedRecords(body: Buffer): IDataObject[] | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(strictUtf8.decode(body));
	} catch {
		return undefined;
	}
	if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
	for (const record of parsed) if (typeof record !== 'object' || record === null || Array.isArray(record)) return undefined;
	return parsed as IDataObject[];
}

const node: INode = { id: 'n', name: 'Sage 200', type: 'sage200', typeVersion: 1, position: [0, 0], parameters: {} };
/** Whether Sage 200's Simplify itself would change one of the records (it keeps an unchanged record as it is). */
const simplifyWouldAct = (records: IDataObject[]) => records.some((record) => simplifySage200Record(node, record, 0) !== record);

/** Soundness: an accepted body is read exactly as JSON.parse reads it. */
function expectSound(body: Buffer) {
	const scanned = scan(body);
	if (scanned === undefined) return false;
	const parsed = parsedRecords(body);
	expect(parsed).toBeDefined();
	expect(scanned).toHaveLength(parsed!.length);
	parsed!.forEach((record, index) => {
		expect(scanned[index].id).toEqual(record.id);
		expect(['string', 'number']).toContain(typeof record.id);
		const bytes = scanned[index].bytes!;
		// One NDJSON line: no line break, the record's own JSON.
		expect(bytes.includes(0x0a) || bytes.includes(0x0d)).toBe(false);
		expect(JSON.parse(strictUtf8.decode(bytes))).toEqual(record);
	});
	expect(simplifyWouldAct(parsed!)).toBe(false);
	return true;
}

/** A small deterministic generator (no Math.random: a failure can be replayed). */
function random(seed: number) {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 2 ** 32;
	};
}

const PIECES = ['a', 'Z', ' ', '"', '\\', '/', '},{', '[', ']', '{', '}', ':', ',', 'é', 'Zürich', '😀', '\u2028', '\u0000', '\t', '\n', '@', 'odata.', '__metadata', 'id', '1e5', '-0', 'null'];

function value(next: () => number, depth: number): unknown {
	const pick = next();
	if (depth > 3 || pick < 0.35) return Array.from({ length: Math.floor(next() * 4) }, () => PIECES[Math.floor(next() * PIECES.length)]).join('');
	if (pick < 0.5) return Math.floor(next() * 2e6) / (next() < 0.3 ? 100 : 1) - 1e6;
	if (pick < 0.55) return [true, false, null][Math.floor(next() * 3)];
	if (pick < 0.75) return Array.from({ length: Math.floor(next() * 3) }, () => value(next, depth + 1));
	const object: IDataObject = {};
	for (let key = Math.floor(next() * 4); key > 0; key--) object[next() < 0.05 ? 'contacts@odata.count' : `k${Math.floor(next() * 9)}`] = value(next, depth + 1) as IDataObject;
	return object;
}

function records(next: () => number): IDataObject[] {
	return Array.from({ length: 1 + Math.floor(next() * 5) }, (_, index) => {
		const record: IDataObject = next() < 0.5 ? { id: next() < 0.2 ? `C${index}` : index + 1 } : {};
		for (let key = Math.floor(next() * 5); key > 0; key--) record[`f${Math.floor(next() * 7)}`] = value(next, 1) as IDataObject;
		if (!('id' in record) || next() < 0.8) record.id = next() < 0.2 ? `C${index}\\"é` : index * 1000 + 1;
		return record;
	});
}

describe('scanRecordList', () => {
	test('a compact list body: each record with its id and the bytes it came in', () => {
		const list = [
			{ id: 27828, name: 'Brace } and [bracket, "quoted" },{', nested: { currency: { code: 'GBP', rates: [1.5, -0.25e-3] } }, lines: [{ n: 1 }, { n: 2 }], on_hold: false, memo: null },
			{ id: 'ABC\\"\u00e9', text: 'Café Zürich 😀 \u2028 email@example.com', empty: {}, none: [] },
			{ name: 'id comes last', id: 3 },
			{ id: 1, id2: 'not the id', nested: { id: 'not the record id' } },
		];
		const body = Buffer.from(JSON.stringify(list));
		expect(scan(body)).toEqual(list.map((record) => ({ id: record.id, bytes: Buffer.from(JSON.stringify(record)) })));
		expect(expectSound(body)).toBe(true);
		expect(expectSound(Buffer.from('[{"name":"Caf\\u00e9 \\u0026 Co","id":7}]'))).toBe(true);
		// The same key twice: JSON.parse keeps the last one.
		expect(scan(Buffer.from('[{"id":1,"id":2}]'))?.map((record) => record.id)).toEqual([2]);
	});

	test.each([
		['whitespace between records', '[{"id":1}, {"id":2}]'],
		['whitespace in a record', '[{"id": 1}]'],
		['an indented body', JSON.stringify([{ id: 1 }], null, 2)],
		['an envelope', '{"value":[{"id":1}]}'],
		['an empty list', '[]'],
		['a list of numbers', '[1,2]'],
		['a record among other values', '[{"id":1},2]'],
		['a record without id', '[{"id":1},{"name":"x"}]'],
		['an id that is an object', '[{"id":{"value":1}}]'],
		['an id that is null', '[{"id":null}]'],
		['an id given twice, the last an object', '[{"id":1,"id":{"a":1}}]'],
		['an OData annotation', '[{"id":1,"@odata.etag":"W/1"}]'],
		['a property annotation, nested', '[{"id":1,"lines":[{"contacts@odata.count":2}]}]'],
		['an odata. key', '[{"id":1,"odata.metadata":"x"}]'],
		['a verbose __deferred link', '[{"id":1,"orders":{"__deferred":{"uri":"x"}}}]'],
		['an escaped key', '[{"id":1,"n\\u0061me":"x"}]'],
		['invalid UTF-8', Buffer.from([0x5b, 0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x31, 0x2c, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d, 0x5d])],
		['a byte order mark', `\ufeff[{"id":1}]`],
		['a raw control character in a string', '[{"id":1,"n":"a\tb"}]'],
		['a trailing comma', '[{"id":1,}]'],
		['text after the list', '[{"id":1}]x'],
		['an unterminated string', '[{"id":1,"n":"abc}]'],
		['a leading zero', '[{"id":01}]'],
		['a bare minus', '[{"id":-}]'],
		['a truncated literal', '[{"id":1,"b":tru}]'],
		['nesting past 64 levels', `[{"id":1,"n":${'['.repeat(70)}${']'.repeat(70)}}]`],
	])('%s: left to JSON.parse', (_, text) => {
		expect(scan(typeof text === 'string' ? Buffer.from(text) : text)).toBeUndefined();
	});

	test('every compact body of records with ids and no annotation is read; every accepted body, written or broken, reads as JSON.parse reads it', () => {
		let accepted = 0;
		let broken = 0;
		for (let seed = 1; seed <= 3000; seed++) {
			const next = random(seed);
			const list = records(next);
			const text = JSON.stringify(list);
			const body = Buffer.from(text);
			if (!simplifyWouldAct(list) && list.every((record) => typeof record.id === 'string' || typeof record.id === 'number')) {
				expect(scan(body)).toBeDefined();
			}
			if (expectSound(body)) accepted++;
			// Broken copies: a byte changed, cut or doubled.
			for (let change = 0; change < 4; change++) {
				const at = Math.floor(next() * body.length);
				const bytes = Buffer.from(body);
				const mutated =
					change === 0 ? (bytes.writeUInt8(Math.floor(next() * 256), at), bytes) : change === 1 ? bytes.subarray(0, at) : change === 2 ? Buffer.concat([bytes.subarray(0, at + 1), bytes.subarray(at)]) : Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
				if (expectSound(mutated) && !mutated.equals(body)) broken++;
			}
		}
		// The generator gives both kinds: most written bodies are read, and some changed ones still are JSON.
		expect(accepted).toBeGreaterThan(1500);
		expect(broken).toBeGreaterThan(100);
	});
});
