import type { IDataObject } from 'n8n-workflow';

/**
 * The bytes each record came in, for records parsed from a list body and not changed since: One
 * File writes them into its NDJSON as they came instead of encoding every record again (encoding a
 * 5,000-record Sage 200 page costs about what parsing it does). A record that was copied (Simplify
 * removing OData annotations) is another object and has no entry, so it is encoded as Items shows it.
 */
export type RecordBytes = WeakMap<IDataObject, Uint8Array>;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Notes in `into` the bytes of each of `records`, parsed from `body`: a JSON array (valid JSON in
 * valid UTF-8, as the transport's readJsonBody says) whose elements are exactly these records. A
 * body of any other shape notes nothing; a record with a line break between its tokens (an indented
 * body) is left out, an NDJSON line being one record.
 */
export function noteRecordBytes(records: IDataObject[], body: Uint8Array, into: RecordBytes): void {
	const spans: number[] = [];
	let depth = 0;
	let start = -1;
	let lineBreak = false;
	for (let index = 0; index < body.length; index++) {
		const byte = body[index];
		if (byte === QUOTE) {
			// To the string's closing quote: one not escaped by an odd run of backslashes.
			let end = index;
			for (;;) {
				end = body.indexOf(QUOTE, end + 1);
				if (end < 0) return;
				let backslashes = 0;
				while (body[end - 1 - backslashes] === BACKSLASH) backslashes++;
				if (backslashes % 2 === 0) break;
			}
			index = end;
		} else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
			if (depth === 0 && byte !== OPEN_BRACKET) return;
			if (depth === 1) {
				if (byte !== OPEN_BRACE) return;
				start = index;
				lineBreak = false;
			}
			depth++;
		} else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
			depth--;
			if (depth === 1) {
				spans.push(lineBreak ? -1 : start, index + 1);
				if (spans.length / 2 > records.length) return;
			}
		} else if ((byte === LF || byte === CR) && depth > 1) {
			lineBreak = true;
		} else if (depth === 0 && byte > 0x20) {
			// Not an array (whitespace aside): a single value.
			return;
		}
	}
	// A scalar element, or a body that is not one array of these records: nothing is noted.
	if (spans.length / 2 !== records.length || depth !== 0) return;
	for (let index = 0; index < records.length; index++) {
		const from = spans[2 * index];
		if (from >= 0) into.set(records[index], body.subarray(from, spans[2 * index + 1]));
	}
}
