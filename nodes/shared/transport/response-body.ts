/**
 * Reading a Sage response body within limits. n8n's HTTP client buffers a whole body, inflates gzip
 * without a ceiling and has no size option, so every request is sent as a stream and read here:
 * a hostile or broken server can fail the request, never fill n8n's memory.
 */

/** JSON and error bodies: Sage's largest pages (Sage 200 with $top in the thousands) stay far below. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Binary downloads (X3 data delivery files); a user can raise it on the operation. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024;

/** An error answer is only read for Sage's message. */
const MAX_ERROR_BODY_BYTES = 256 * 1024;

/**
 * Inflated bytes per byte on the wire past which a compressed answer is taken for a bomb: Sage's
 * JSON and CSV exports inflate 5-50 times, a crafted gzip a thousand times. n8n's client inflates
 * before the body reaches a node and drops `content-encoding`; `content-length` still gives the
 * size on the wire, so the check applies where the server declared it.
 */
export const MAX_INFLATION_RATIO = 200;
const INFLATION_CHECK_FROM_BYTES = 1024 * 1024;

/** A body must have arrived this long after its headers (a trickling server keeps a socket alive). */
const BODY_DEADLINE_MS = 10 * 60 * 1000;

export class ResponseTooLargeError extends Error {
	constructor(limitBytes: number) {
		super(`The response is larger than ${formatBytes(limitBytes)}`);
		this.name = 'ResponseTooLargeError';
	}
}

export class ResponseInflatesTooMuchError extends Error {
	constructor(compressedBytes: number, inflatedBytes: number) {
		super(
			`The compressed response inflated more than ${MAX_INFLATION_RATIO} times (${formatBytes(compressedBytes)} to over ${formatBytes(inflatedBytes)})`,
		);
		this.name = 'ResponseInflatesTooMuchError';
	}
}

export class ResponseTooSlowError extends Error {
	constructor() {
		super(`The response body did not arrive within ${BODY_DEADLINE_MS / 60_000} minutes`);
		this.name = 'ResponseTooSlowError';
	}
}

interface BodyStream extends AsyncIterable<unknown> {
	destroy(error?: Error): void;
}

const isStream = (value: unknown): value is BodyStream =>
	typeof value === 'object' &&
	value !== null &&
	typeof (value as BodyStream).destroy === 'function' &&
	typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';

export function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * The body as a Buffer, refusing more than `limitBytes`: first by the declared (compressed)
 * `content-length`, then by the bytes actually inflated, so a small gzip cannot expand unchecked.
 */
export async function readBody(body: unknown, headers: Record<string, string>, limitBytes: number): Promise<Buffer> {
	if (!isStream(body)) return bufferOf(body);
	const declared = Number(headers['content-length'] ?? Infinity);
	if (Number.isFinite(declared) && declared > limitBytes) {
		body.destroy();
		throw new ResponseTooLargeError(limitBytes);
	}
	const deadline = Date.now() + BODY_DEADLINE_MS;
	const chunks: Buffer[] = [];
	let received = 0;
	let complete = false;
	try {
		for await (const chunk of body) {
			const buffer = bufferOf(chunk);
			received += buffer.length;
			if (received > limitBytes) throw new ResponseTooLargeError(limitBytes);
			if (received > INFLATION_CHECK_FROM_BYTES && received > declared * MAX_INFLATION_RATIO) {
				throw new ResponseInflatesTooMuchError(declared, received);
			}
			if (Date.now() > deadline) throw new ResponseTooSlowError();
			chunks.push(buffer);
		}
		complete = true;
	} finally {
		// Whatever stopped the read, the socket is released instead of draining the rest.
		if (!complete) body.destroy();
	}
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
}

/** Decodes valid UTF-8 only, a byte order mark kept (as Buffer's toString keeps it). */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A JSON body as axios would have given it: parsed when it is JSON, the text otherwise, '' when empty. */
export function parseJsonBody(buffer: Buffer): unknown {
	return readJsonBody(buffer).body;
}

/**
 * parseJsonBody, and whether the body was JSON in valid UTF-8: then each character of what was
 * parsed came from its own bytes, and a part of the body can be passed on as the bytes it came in.
 */
export function readJsonBody(buffer: Buffer): { body: unknown; validJson: boolean } {
	if (buffer.length === 0) return { body: '', validJson: false };
	let text: string;
	let validUtf8 = true;
	try {
		text = strictUtf8.decode(buffer);
	} catch {
		// Invalid sequences become U+FFFD, as axios decodes them.
		text = buffer.toString('utf8');
		validUtf8 = false;
	}
	try {
		return { body: JSON.parse(text), validJson: validUtf8 };
	} catch {
		return { body: text, validJson: false };
	}
}

/**
 * Replaces the streamed body of an error answer by at most the first 256 KB of it, so Sage's message
 * can be shown; anything past that is dropped unread.
 */
export async function bufferErrorBody(error: unknown): Promise<void> {
	for (const candidate of [error, (error as { cause?: unknown } | undefined)?.cause]) {
		const response = (candidate as { response?: { data?: unknown; headers?: Record<string, string> } } | undefined)?.response;
		if (!response || !isStream(response.data)) continue;
		const stream = response.data;
		const chunks: Buffer[] = [];
		let received = 0;
		try {
			for await (const chunk of stream) {
				const buffer = bufferOf(chunk);
				chunks.push(buffer.subarray(0, MAX_ERROR_BODY_BYTES - received));
				received += buffer.length;
				if (received >= MAX_ERROR_BODY_BYTES) break;
			}
		} catch {
			// A body cut off mid-way still shows what arrived.
		} finally {
			stream.destroy();
		}
		response.data = Buffer.concat(chunks);
	}
}

/** Closes the streamed body of an answer that will not be read (a 401 about to be renewed). */
export function discardErrorBody(error: unknown): void {
	const data = (error as { response?: { data?: unknown } } | undefined)?.response?.data;
	if (isStream(data)) data.destroy();
}

function bufferOf(value: unknown): Buffer {
	if (Buffer.isBuffer(value)) return value;
	if (value instanceof ArrayBuffer) return Buffer.from(value);
	if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
	if (typeof value === 'string') return Buffer.from(value, 'utf8');
	if (value === undefined || value === null) return Buffer.alloc(0);
	return Buffer.from(JSON.stringify(value), 'utf8');
}
