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

/**
 * A record One File read without parsing (scanRecordList): its `id` only, for paging's checks
 * (records handed over twice, repeated pages); its bytes are in the pull's RecordBytes.
 */
export class ListedRecord {
	[key: string]: string | number;

	constructor(readonly id: string | number) {}
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** Nesting past this is left to JSON.parse (Sage 200 records nest a few levels). */
const MAX_SCAN_DEPTH = 64;

/** Where a string starting at `start` (its opening quote) ends (after its closing quote), or -1 when it is not valid JSON in valid UTF-8. */
function skipString(body: Buffer, start: number): number {
	const length = body.length;
	let at = start + 1;
	for (;;) {
		if (at >= length) return -1;
		const byte = body[at];
		if (byte === QUOTE) return at + 1;
		if (byte === BACKSLASH) {
			const escaped = body[at + 1];
			if (escaped === 0x75) {
				// \uXXXX: four hex digits.
				for (let digit = at + 2; digit < at + 6; digit++) {
					const hex = body[digit] | 0x20;
					if (!((hex >= 0x30 && hex <= 0x39) || (hex >= 0x61 && hex <= 0x66))) return -1;
				}
				at += 6;
			} else if (escaped === QUOTE || escaped === BACKSLASH || escaped === 0x2f || escaped === 0x62 || escaped === 0x66 || escaped === 0x6e || escaped === 0x72 || escaped === 0x74) {
				at += 2;
			} else return -1;
		} else if (byte < 0x20) return -1;
		else if (byte < 0x80) at++;
		else {
			const next = utf8Sequence(body, at);
			if (next < 0) return -1;
			at = next;
		}
	}
}

const isContinuation = (byte: number) => byte >= 0x80 && byte <= 0xbf;

/** After the UTF-8 sequence at `at` (its lead byte is 0x80 or more), or -1 when it is not valid UTF-8 (what a strict decoder refuses). */
function utf8Sequence(body: Buffer, at: number): number {
	const lead = body[at];
	const second = body[at + 1];
	if (lead >= 0xc2 && lead <= 0xdf) return isContinuation(second) ? at + 2 : -1;
	if (lead >= 0xe0 && lead <= 0xef) {
		const low = lead === 0xe0 ? 0xa0 : 0x80;
		const high = lead === 0xed ? 0x9f : 0xbf;
		return second >= low && second <= high && isContinuation(body[at + 2]) ? at + 3 : -1;
	}
	if (lead >= 0xf0 && lead <= 0xf4) {
		const low = lead === 0xf0 ? 0x90 : 0x80;
		const high = lead === 0xf4 ? 0x8f : 0xbf;
		return second >= low && second <= high && isContinuation(body[at + 2]) && isContinuation(body[at + 3]) ? at + 4 : -1;
	}
	return -1;
}

const isDigit = (byte: number) => byte >= 0x30 && byte <= 0x39;
const startsNumber = (byte: number) => byte === 0x2d || isDigit(byte);

/** After the number at `start`, or -1 when JSON does not write numbers so. */
function skipNumber(body: Buffer, start: number): number {
	let at = start;
	if (body[at] === 0x2d) at++;
	if (body[at] === 0x30) at++;
	else if (body[at] >= 0x31 && body[at] <= 0x39) while (isDigit(body[at])) at++;
	else return -1;
	if (body[at] === 0x2e) {
		at++;
		if (!isDigit(body[at])) return -1;
		while (isDigit(body[at])) at++;
	}
	if (body[at] === 0x65 || body[at] === 0x45) {
		at++;
		if (body[at] === 0x2b || body[at] === 0x2d) at++;
		if (!isDigit(body[at])) return -1;
		while (isDigit(body[at])) at++;
	}
	return at;
}

/** After the literal (true, false, null) at `start`, or -1. */
function skipLiteral(body: Buffer, start: number): number {
	const first = body[start];
	if (first === 0x74) return body[start + 1] === 0x72 && body[start + 2] === 0x75 && body[start + 3] === 0x65 ? start + 4 : -1;
	if (first === 0x66) return body[start + 1] === 0x61 && body[start + 2] === 0x6c && body[start + 3] === 0x73 && body[start + 4] === 0x65 ? start + 5 : -1;
	if (first === 0x6e) return body[start + 1] === 0x75 && body[start + 2] === 0x6c && body[start + 3] === 0x6c ? start + 4 : -1;
	return -1;
}

const ODATA_PREFIX = Buffer.from('odata.');
const METADATA = Buffer.from('__metadata');
const DEFERRED = Buffer.from('__deferred');

/** Whether `body` holds `word` at `start`. */
function holds(body: Buffer, start: number, word: Buffer): boolean {
	for (let index = 0; index < word.length; index++) if (body[start + index] !== word[index]) return false;
	return true;
}

/**
 * Whether a key (its bytes between the quotes) is one Simplify would act on, or one this scan does
 * not read (escaped): such a page is parsed instead. Mirrors simplify.ts's isAnnotation and __deferred.
 */
function isKeyLeftToParse(body: Buffer, start: number, end: number): boolean {
	for (let at = start; at < end; at++) if (body[at] === 0x40 || body[at] === BACKSLASH) return true;
	const length = end - start;
	if (length >= 6 && body[start] === 0x6f && holds(body, start, ODATA_PREFIX)) return true;
	return length === 10 && body[start] === 0x5f && (holds(body, start, METADATA) || holds(body, start, DEFERRED));
}

/** After a key at `start` and its colon (where its value starts), or -1 when it is no key or one left to parse. */
function skipKey(body: Buffer, start: number): number {
	if (body[start] !== QUOTE) return -1;
	const end = skipString(body, start);
	return end < 0 || body[end] !== COLON || isKeyLeftToParse(body, start + 1, end - 1) ? -1 : end + 1;
}

/** Whether the key before `valueStart` (its colon at valueStart - 1) is `"id"` (an escaped key never gets here). */
const isIdKey = (body: Buffer, valueStart: number) => valueStart >= 5 && body[valueStart - 5] === QUOTE && body[valueStart - 4] === 0x69 && body[valueStart - 3] === 0x64 && body[valueStart - 2] === QUOTE;

/**
 * For One File's NDJSON, the records of a Sage 200 list body without parsing them: when the body
 * is a compact array of objects (`[{…},{…}]`, no whitespace between tokens), valid JSON in valid
 * UTF-8, every record with a string or number `id` and no key Simplify would act on, each record's
 * bytes are noted in `into` under a ListedRecord (its id), and those are returned. Anything else
 * returns undefined, and the body is parsed as before. It reads each byte once and builds no
 * record: a page waiting its turn holds its body, not its parsed records (in n8n's Node 24 the scan
 * takes about as long as decoding and parsing would).
 */
export function scanRecordList(body: Buffer, into: RecordBytes): ListedRecord[] | undefined {
	const length = body.length;
	if (length < 4 || body[0] !== OPEN_ARRAY || body[1] !== OPEN_OBJECT) return undefined;
	const records: ListedRecord[] = [];
	// Open containers below the top array (1 for an object, 0 for a list), `depth` of them.
	const objects = new Uint8Array(MAX_SCAN_DEPTH);
	let depth = 0;
	let at = 1;
	let recordStart = 1;
	let id: string | number | undefined;
	let idStart = -1;
	for (;;) {
		// A value.
		const byte = body[at];
		let end: number;
		// An id that is an object or a list is left to JSON.parse (and to paging's checks).
		if (idStart === at && (byte === OPEN_OBJECT || byte === OPEN_ARRAY)) return undefined;
		if (byte === OPEN_OBJECT) {
			if (depth === MAX_SCAN_DEPTH) return undefined;
			if (depth === 0) {
				recordStart = at;
				id = undefined;
			}
			objects[depth++] = 1;
			if (body[at + 1] === CLOSE_OBJECT) {
				depth--;
				end = at + 2;
			} else {
				// A key, then its value.
				at = skipKey(body, at + 1);
				if (at < 0) return undefined;
				idStart = depth === 1 && isIdKey(body, at) ? at : -1;
				continue;
			}
		} else if (depth === 0) {
			// The top array holds records only.
			return undefined;
		} else if (byte === OPEN_ARRAY) {
			if (depth === MAX_SCAN_DEPTH) return undefined;
			objects[depth++] = 0;
			if (body[at + 1] === CLOSE_ARRAY) {
				depth--;
				end = at + 2;
			} else {
				at++;
				continue;
			}
		} else if (byte === QUOTE) end = skipString(body, at);
		else if (startsNumber(byte)) end = skipNumber(body, at);
		else end = skipLiteral(body, at);
		if (end < 0) return undefined;
		if (idStart === at) {
			// The record's id (the last one, should it come twice, as JSON.parse keeps).
			if (byte === QUOTE) {
				const text = body.toString('utf8', at + 1, end - 1);
				id = text.includes('\\') ? (JSON.parse(body.toString('utf8', at, end)) as string) : text;
			} else if (startsNumber(byte)) id = Number(body.toString('latin1', at, end));
			else return undefined;
		}
		at = end;
		// After a value: the next one, or the ends of the containers it closes.
		for (;;) {
			const next = body[at];
			if (depth === 0) {
				// Between records (or after the last one).
				if (id === undefined) return undefined;
				const record = new ListedRecord(id);
				into.set(record, body.subarray(recordStart, at));
				records.push(record);
				if (next === COMMA && body[at + 1] === OPEN_OBJECT) {
					at++;
					break;
				}
				if (next === CLOSE_ARRAY && at === length - 1) return records;
				return undefined;
			}
			const inObject = objects[depth - 1] === 1;
			if (next === COMMA) {
				at++;
				if (inObject) {
					at = skipKey(body, at);
					if (at < 0) return undefined;
					idStart = depth === 1 && isIdKey(body, at) ? at : -1;
				}
				break;
			}
			if (next !== (inObject ? CLOSE_OBJECT : CLOSE_ARRAY)) return undefined;
			depth--;
			at++;
		}
	}
}
