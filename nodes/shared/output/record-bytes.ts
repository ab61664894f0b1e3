import type { IDataObject } from 'n8n-workflow';

/**
 * The bytes each record came in, for records parsed from a list body and not changed since: One
 * File writes them into its NDJSON as they came instead of encoding every record again (encoding a
 * 5,000-record Sage 200 page costs about what parsing it does). A record that was copied (Simplify
 * removing OData annotations) is another object and has no entry, so it is encoded as Items shows it.
 */
export type RecordBytes = WeakMap<IDataObject, Uint8Array>;

const BETWEEN_RECORDS = Buffer.from('},{');
const LF = 0x0a;
const CR = 0x0d;

const isRecord = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Notes in `into` the bytes of each of `records`, parsed from `body` (valid JSON in valid UTF-8, as
 * the transport's readJsonBody says), where the body is the compact array Sage 200 writes:
 * `[{…},{…},…]`. Between two records of such a body come exactly the bytes `},{`, so when `},{`
 * occurs exactly once fewer than there are records, every occurrence is a boundary, and no string
 * needs scanning. Any other body (whitespace between records, line breaks, nested lists of
 * objects or a string holding `},{`) notes nothing, and its records are encoded as before.
 */
export function noteRecordBytes(records: IDataObject[], body: Buffer, into: RecordBytes): void {
	const count = records.length;
	const last = body.length - 1;
	if (count === 0 || body[0] !== 0x5b || body[1] !== 0x7b || body[last - 1] !== 0x7d || body[last] !== 0x5d) return;
	// Valid JSON holds a raw line break only between tokens: an NDJSON line must not.
	if (body.indexOf(LF) >= 0 || body.indexOf(CR) >= 0) return;
	const ends: number[] = [];
	for (let at = body.indexOf(BETWEEN_RECORDS, 1); at >= 0; at = body.indexOf(BETWEEN_RECORDS, at + 2)) {
		if (ends.length === count - 1) return;
		ends.push(at + 1);
	}
	if (ends.length !== count - 1) return;
	for (const record of records) if (!isRecord(record)) return;
	ends.push(last);
	let start = 1;
	for (let index = 0; index < count; index++) {
		into.set(records[index], body.subarray(start, ends[index]));
		start = ends[index] + 1;
	}
}
