import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { OutputItems, requirePositiveInteger, type ParameterReader } from '../utils';
import { PageStream } from './page-stream';
import { ListedRecord, type RecordBytes } from './record-bytes';

export type RecordFileFormat = 'ndjson' | 'csv';

const MB = 1024 * 1024;
/** Above this a file is better cut by a filter: n8n's database and S3 stores hold a file in memory. */
export const MAX_RECORD_FILE_MB = 4096;
export const DEFAULT_RECORD_FILE_MB = 1024;

const FORMATS: Record<RecordFileFormat, { extension: string; mimeType: string }> = {
	ndjson: { extension: 'ndjson', mimeType: 'application/x-ndjson' },
	csv: { extension: 'csv', mimeType: 'text/csv' },
};

/**
 * Get Many's Output (parameter `output`): one item per record, or One File, the records written
 * page by page into one binary item, with its Format (`fileFormat`) and File Options.
 */
export function recordOutputProperties(): INodeProperties[] {
	const fileOnly = { show: { output: ['file'] } };
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'Items', value: 'items', description: 'One output item per record' },
				{
					name: 'One File',
					value: 'file',
					description: 'One output item holding a file of every record, written page by page as they arrive (for big pulls: the records are never held as items)',
				},
			],
			default: 'items',
			description: 'Whether to output the records as items or as one file',
		},
		{
			displayName: 'Format',
			name: 'fileFormat',
			type: 'options',
			options: [
				{ name: 'CSV', value: 'csv', description: 'A header row, then one row per record (RFC 4180); nested values as JSON' },
				{ name: 'NDJSON', value: 'ndjson', description: 'One JSON record per line, as Items would output it' },
			],
			default: 'ndjson',
			description: 'The format of the file',
			displayOptions: fileOnly,
		},
		{
			displayName: 'File Options',
			name: 'fileOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: fileOnly,
			options: [
				{
					displayName: 'File Name',
					name: 'fileName',
					type: 'string',
					default: '',
					placeholder: 'customers.ndjson',
					description: 'Name of the file; by default the records\' kind and the format\'s extension, e.g. customers.ndjson',
				},
				{
					displayName: 'Max File Size (MB)',
					name: 'maxFileSizeMb',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: MAX_RECORD_FILE_MB },
					default: DEFAULT_RECORD_FILE_MB,
					description: 'A file that would grow larger fails its item (nothing is stored) instead of filling n8n\'s disk or memory',
				},
				{
					displayName: 'Put Output File in Field',
					name: 'binaryPropertyName',
					type: 'string',
					default: 'data',
					description: 'The name of the output binary field to put the file in',
				},
			],
		},
	];
}

export interface RecordFileSpec {
	format: RecordFileFormat;
	/** The user's File Name; undefined: the records' kind and the format's extension. */
	fileName?: string;
	binaryPropertyName: string;
	maxBytes: number;
	/** CSV columns that come first (fields the user selected); the first page's keys follow. */
	columns?: string[];
}

/** The item's Output, checked before anything is sent: undefined for Items, else the file to write. */
export function readRecordFile(node: INode, getParameter: ParameterReader, itemIndex: number): RecordFileSpec | undefined {
	const output = getParameter('output', itemIndex, 'items');
	if (output === 'items') return undefined;
	if (output !== 'file') throw new NodeOperationError(node, `"Output" must be "items" or "file", got ${JSON.stringify(output)}`, { itemIndex });
	const format = getParameter('fileFormat', itemIndex, 'ndjson');
	if (format !== 'ndjson' && format !== 'csv') throw new NodeOperationError(node, `"Format" must be "ndjson" or "csv", got ${JSON.stringify(format)}`, { itemIndex });
	const options = (getParameter('fileOptions', itemIndex, {}) ?? {}) as IDataObject;
	const rawName = options.fileName === undefined || options.fileName === null ? '' : options.fileName;
	if (typeof rawName !== 'string') throw new NodeOperationError(node, `"File Name" must be text, got ${JSON.stringify(rawName)}`, { itemIndex });
	const fileName = rawName.trim() || undefined;
	// n8n reads folders out of a path it is given; the file's name is all the file has here.
	if (fileName !== undefined && (/[/\\]/.test(fileName) || [...fileName].some((char) => char.charCodeAt(0) < 32) || fileName === '.' || fileName === '..' || fileName.length > 255)) {
		throw new NodeOperationError(node, `"File Name" must be a file name without folders or control characters, at most 255 characters (got ${JSON.stringify(fileName)})`, { itemIndex });
	}
	const field = options.binaryPropertyName ?? 'data';
	if (typeof field !== 'string' || field.trim() === '') {
		throw new NodeOperationError(node, `"Put Output File in Field" must be a field name such as data (got ${JSON.stringify(field)})`, { itemIndex });
	}
	const maxMb = requirePositiveInteger(node, options.maxFileSizeMb ?? DEFAULT_RECORD_FILE_MB, 'Max File Size (MB)', itemIndex, MAX_RECORD_FILE_MB);
	return { format, fileName, binaryPropertyName: field.trim(), maxBytes: maxMb * MB };
}

/** A CSV field per RFC 4180: quoted when it holds a quote, comma or line break, quotes doubled. */
export function csvField(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CRLF = '\r\n';
const LINE_FEED = 0x0a;
/** Records encoded and handed to n8n's store at a time (about 1.3 MB of NDJSON for Sage 200 customers). */
const ENCODE_SLICE = 500;
/**
 * What the store may have still to write while the next page is read (about a page of Sage 200
 * customers): waiting for each slice's disk write held up the next page's request by 100-270 ms.
 */
const MAX_QUEUED_BYTES = 16 * MB;

/** Turns pages of records into the file's text, the columns of a CSV fixed by its first page. */
class RecordEncoder {
	records = 0;

	private columns?: string[];

	private columnSet?: Set<string>;

	constructor(
		private readonly node: INode,
		private readonly spec: RecordFileSpec,
		private readonly itemIndex: number,
		private readonly recordBytes?: RecordBytes,
	) {}

	/** The bytes of `page`'s records from `start` to `end`; a CSV's header comes from the whole first page. */
	encode(page: IDataObject[], start: number, end: number): Buffer[] {
		return this.spec.format === 'ndjson' ? this.ndjson(page, start, end) : [Buffer.from(this.csv(page, start, end), 'utf8')];
	}

	/**
	 * One line per record: the bytes it came in where the pull kept them, else the record encoded.
	 * Records that came one after the other in a list body go out as one piece of that body, not
	 * copied: the `,` (or `]`) after each record is overwritten with its line break.
	 */
	private ndjson(page: IDataObject[], start: number, end: number): Buffer[] {
		const pieces: Buffer[] = [];
		let text = '';
		let run: { body: ArrayBufferLike; from: number; to: number } | undefined;
		const endRun = () => {
			if (run) pieces.push(Buffer.from(run.body, run.from, run.to - run.from));
			run = undefined;
		};
		for (let index = start; index < end; index++) {
			const record = page[index];
			const bytes = this.recordBytes?.get(record);
			if (!bytes) {
				// A record read without parsing has no other form: written once, it cannot come again.
				if (record instanceof ListedRecord) throw new NodeOperationError(this.node, `The record with id ${record.id} came twice for the file`, { itemIndex: this.itemIndex });
				endRun();
				text += `${JSON.stringify(record)}\n`;
				continue;
			}
			if (text) pieces.push(Buffer.from(text, 'utf8'));
			text = '';
			// The byte after a record of a list body is its `,` or the list's `]`.
			if (bytes.buffer !== run?.body || bytes.byteOffset !== run.to) endRun();
			const separator = bytes.byteOffset + bytes.length;
			new Uint8Array(bytes.buffer, separator, 1)[0] = LINE_FEED;
			run = run ?? { body: bytes.buffer, from: bytes.byteOffset, to: 0 };
			run.to = separator + 1;
			// Written once: the page's body is let go with its last record.
			this.recordBytes!.delete(record);
		}
		endRun();
		if (text) pieces.push(Buffer.from(text, 'utf8'));
		this.records += end - start;
		return pieces;
	}

	private csv(page: IDataObject[], start: number, end: number): string {
		let text = '';
		if (!this.columns && page.length) text = this.header(page);
		const columns = this.columns!;
		for (let index = start; index < end; index++) {
			const record = page[index];
			this.records++;
			for (const key of Object.keys(record)) {
				if (record[key] !== undefined && !this.columnSet!.has(key)) this.refuseNewField(key);
			}
			text += columns.map((column) => csvField(record[column])).join(',') + CRLF;
		}
		return text;
	}

	/** What the file ends with: a CSV of no records still has the selected columns' header. */
	finish(): Buffer {
		return Buffer.from(this.spec.format === 'csv' && !this.columns && this.spec.columns?.length ? this.header([]) : '', 'utf8');
	}

	private header(firstPage: IDataObject[]): string {
		const columns = [...(this.spec.columns ?? [])];
		const seen = new Set(columns);
		for (const record of firstPage) {
			for (const key of Object.keys(record)) {
				if (!seen.has(key) && record[key] !== undefined) {
					seen.add(key);
					columns.push(key);
				}
			}
		}
		this.columns = columns;
		this.columnSet = seen;
		return columns.map(csvField).join(',') + CRLF;
	}

	private refuseNewField(key: string): never {
		const shown = this.columns!.slice(0, 8).join(', ') + (this.columns!.length > 8 ? ', ...' : '');
		throw new NodeOperationError(this.node, `Record ${this.records.toLocaleString('en-US')} has the field "${key}", which is not among the CSV's columns (${shown}), taken from the first page`, {
			itemIndex: this.itemIndex,
			description: 'Select the fields to read, so that every record has the same ones, or choose the NDJSON format, which keeps each record as it is.',
		});
	}
}

/**
 * Reads records page by page, handing each page to `onPage` in order; may return what the file's
 * item says besides. Given `recordBytes` (an NDJSON file), a pull that has the bytes its records
 * came in may note them there (noteRecordBytes).
 */
export type PagedPull = (onPage: (records: IDataObject[]) => Promise<void>, recordBytes?: RecordBytes) => Promise<IDataObject | void>;

/** The file's name: the user's, or `baseName` (the records' kind, e.g. customers) with the format's extension. */
export const recordFileName = (spec: RecordFileSpec, baseName: string) => spec.fileName ?? `${baseName.replace(/[^\w.-]+/g, '_') || 'records'}.${FORMATS[spec.format].extension}`;

/**
 * Runs `pull` and writes what it reads into one file, streamed into n8n's binary-data store as it
 * comes: a page is encoded, handed over, and dropped once the store took it (at most
 * MAX_QUEUED_BYTES wait for the store). The output item holds the file (under Put Output File in
 * Field) and, as JSON, its name, format and record count. A failed page, a refused record or Max
 * File Size fails the item; n8n keeps no part of the file.
 */
export async function writeRecordFile(context: IExecuteFunctions, spec: RecordFileSpec, itemIndex: number, baseName: string, pull: PagedPull): Promise<OutputItems> {
	const node = context.getNode();
	const fileName = recordFileName(spec, baseName);
	const recordBytes: RecordBytes | undefined = spec.format === 'ndjson' ? new WeakMap() : undefined;
	const encoder = new RecordEncoder(node, spec, itemIndex, recordBytes);
	const stream = new PageStream(MAX_QUEUED_BYTES);
	let bytes = 0;
	const write = async (chunk: Buffer) => {
		if (!chunk.length) return;
		if (bytes + chunk.length > spec.maxBytes) {
			throw new NodeOperationError(node, `The file would grow beyond Max File Size (${spec.maxBytes / MB} MB) after ${encoder.records.toLocaleString('en-US')} records; nothing was stored`, {
				itemIndex,
				description: 'Narrow the request with a filter or Limit, select fewer fields, or raise Max File Size (MB).',
			});
		}
		bytes += chunk.length;
		await stream.write(chunk);
	};
	let pullFailed = false;
	let storeError: unknown;
	const stored = context.helpers.prepareBinaryData(stream.asBinarySource(), fileName, FORMATS[spec.format].mimeType).catch((error: unknown) => {
		// The store's own failure (not the one the pull's failure caused) stops the pull.
		if (!pullFailed) {
			storeError = error;
			stream.cancel(error instanceof Error ? error : new Error(String(error)));
		}
		throw error;
	});
	// Awaited below; handled now so that a store failing mid-pull is no unhandled rejection.
	stored.catch(() => undefined);
	let extra: IDataObject | void;
	try {
		extra = await pull(async (records) => {
			// A page (up to 5,000 Sage 200 records, ~13 MB) goes in slices: its text and bytes are
			// never held whole, next to the records and the pages still in flight.
			for (let start = 0; start < records.length; start += ENCODE_SLICE) {
				for (const piece of encoder.encode(records, start, Math.min(start + ENCODE_SLICE, records.length))) await write(piece);
			}
		}, recordBytes);
		await write(encoder.finish());
		stream.end();
	} catch (error) {
		pullFailed = storeError === undefined;
		stream.fail(error);
		// Let n8n drop what it began to store before the item fails.
		await stored.catch(() => undefined);
		throw storeError ? storeFailure(node, storeError, itemIndex) : error;
	}
	let binary;
	try {
		binary = await stored;
	} catch (error) {
		throw storeFailure(node, error, itemIndex);
	}
	const item: INodeExecutionData = {
		json: { fileName, format: spec.format, records: encoder.records, ...(extra ?? {}) },
		binary: { [spec.binaryPropertyName]: binary },
		pairedItem: { item: itemIndex },
	};
	return new OutputItems([item]);
}

const storeFailure = (node: INode, error: unknown, itemIndex: number) =>
	new NodeOperationError(node, `n8n could not store the file: ${error instanceof Error ? error.message : String(error)}`, { itemIndex });
