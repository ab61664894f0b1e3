/*
 * The parts of Output: One File below the engine tests (test/<node>/.../outputFile.test.ts): the
 * page stream's hand-over in both ways n8n reads a stream, the in-order bounded paging, CSV fields,
 * and a CSV record with a field the first page did not have.
 */
import { NodeOperationError, type IBinaryData, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { PageStream } from '../../nodes/shared/output/page-stream';
import { scanRecordList } from '../../nodes/shared/output/record-bytes';
import { csvField, writeRecordFile } from '../../nodes/shared/output/record-file';
import { runInOrder } from '../../nodes/shared/utils';

const node: INode = { id: 'n', name: 'Sage 200', type: 'sage200', typeVersion: 1, position: [0, 0], parameters: {} };
/** A node's context whose binary-data store hands each chunk it reads to `take`. */
const storingContext = (take: (part: Buffer) => void) =>
	({
		getNode: () => node,
		helpers: {
			prepareBinaryData: async (source: AsyncIterable<Buffer>) => {
				for await (const part of source) take(part);
				return { data: '' } as IBinaryData;
			},
		},
	}) as unknown as IExecuteFunctions;
const chunk = (text: string) => Buffer.from(text);
const settled = async <T>(promise: Promise<T>) => {
	let state = 'pending';
	promise.then(
		() => (state = 'resolved'),
		() => (state = 'rejected'),
	);
	for (let i = 0; i < 5; i++) await Promise.resolve();
	return state;
};

describe('PageStream', () => {
	test('a write resolves only once the store has taken the chunk (async iteration, as fs.writeFile reads it)', async () => {
		const stream = new PageStream();
		const first = stream.write(chunk('a'));
		expect(await settled(first)).toBe('pending');
		const iterator = stream[Symbol.asyncIterator]();
		expect((await iterator.next()).value.toString()).toBe('a');
		expect(await settled(first)).toBe('resolved');
		const next = iterator.next();
		await stream.write(chunk('b'));
		expect((await next).value.toString()).toBe('b');
		stream.end();
		expect(await iterator.next()).toEqual({ value: undefined, done: true });
	});

	test('with room for queued bytes: writes resolve while the chunks not yet taken fit, the next waits for the store; a stop drops them', async () => {
		const stream = new PageStream(4);
		await stream.write(chunk('ab'));
		await stream.write(chunk('cd'));
		const third = stream.write(chunk('e'));
		expect(await settled(third)).toBe('pending');
		const iterator = stream[Symbol.asyncIterator]();
		expect((await iterator.next()).value.toString()).toBe('ab');
		expect(await settled(third)).toBe('resolved');
		expect((await iterator.next()).value.toString()).toBe('cd');
		stream.end();
		expect((await iterator.next()).value.toString()).toBe('e');
		expect(await iterator.next()).toEqual({ value: undefined, done: true });

		const stopped = new PageStream(1);
		await stopped.write(chunk('a'));
		const waiting = stopped.write(chunk('b'));
		stopped.destroy(new Error('disk full'));
		await expect(waiting).rejects.toThrow('disk full');
		expect(await stopped.next()).toEqual({ value: undefined, done: true });
	});

	test("the producer's failure is what the store reads next; the store's stop fails the producer's pending write", async () => {
		const failing = new PageStream();
		failing.fail(new Error('page 4 failed'));
		await expect(failing.next()).rejects.toThrow('page 4 failed');

		const stopped = new PageStream();
		const pending = stopped.write(chunk('a'));
		await stopped[Symbol.asyncIterator]().return!();
		await expect(pending).rejects.toThrow("n8n's binary-data store stopped reading the file");
		await expect(stopped.write(chunk('b'))).rejects.toThrow('stopped reading');
	});

	test('event mode (the buffering stores): data events in order, then end and close; destroy() fails the producer', async () => {
		const stream = new PageStream();
		const events: string[] = [];
		stream.on('data', (data) => events.push(`data:${String(data)}`));
		stream.once('end', () => events.push('end'));
		stream.once('close', () => events.push('close'));
		await stream.write(chunk('a'));
		await stream.write(chunk('b'));
		stream.end();
		for (let i = 0; i < 10; i++) await Promise.resolve();
		expect(events).toEqual(['data:a', 'data:b', 'end', 'close']);

		const destroyed = new PageStream();
		const errors: unknown[] = [];
		destroyed.on('error', (error) => errors.push(error));
		const pending = destroyed.write(chunk('a'));
		destroyed.destroy(new Error('Response body timed out'));
		await expect(pending).rejects.toThrow('Response body timed out');
		expect(errors).toEqual([]);
	});

	test('event mode: a producer failure is an error event, not an end', async () => {
		const stream = new PageStream();
		const events: string[] = [];
		const onEnd = () => events.push('end');
		stream.on('data', () => events.push('data'));
		stream.once('end', onEnd);
		stream.once('error', (error) => events.push(`error:${(error as Error).message}`));
		await stream.write(chunk('a'));
		stream.fail(new Error('page 2 failed'));
		for (let i = 0; i < 10; i++) await Promise.resolve();
		expect(events).toEqual(['data', 'error:page 2 failed']);
	});
});

describe('runInOrder', () => {
	test('results are consumed in task order, at most `concurrency` tasks fetched or waiting at once', async () => {
		let running = 0;
		let maxRunning = 0;
		const consumed: number[] = [];
		const delays = [30, 5, 20, 1, 15, 2, 9, 4];
		await runInOrder(
			delays.length,
			3,
			async (index) => {
				running++;
				maxRunning = Math.max(maxRunning, running);
				await new Promise((resolve) => setTimeout(resolve, delays[index]));
				running--;
				return index;
			},
			async (result) => {
				consumed.push(result);
				await new Promise((resolve) => setTimeout(resolve, 3));
			},
		);
		expect(consumed).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
		expect(maxRunning).toBe(3);
	});

	test('a failure starts no new task and is thrown once the running ones settle', async () => {
		const started: number[] = [];
		const finished: number[] = [];
		const run = runInOrder(
			10,
			2,
			async (index) => {
				started.push(index);
				await new Promise((resolve) => setTimeout(resolve, index === 1 ? 20 : 5));
				finished.push(index);
				if (index === 2) throw new Error('page 3 failed');
				return index;
			},
			async () => undefined,
		);
		await expect(run).rejects.toThrow('page 3 failed');
		// Task 2 failed while task 1 was still running: when 1 is done, nothing more starts.
		expect(started).toEqual([0, 1, 2]);
		expect(finished.sort()).toEqual([0, 1, 2]);
	});
});

test.each([
	['plain', 'plain'],
	['a,b', '"a,b"'],
	['say "hi"', '"say ""hi"""'],
	['two\r\nlines', '"two\r\nlines"'],
	['lf\nonly', '"lf\nonly"'],
	[null, ''],
	[undefined, ''],
	[0, '0'],
	[false, 'false'],
	[{ id: 'GBP', name: 'Pound, sterling' }, '"{""id"":""GBP"",""name"":""Pound, sterling""}"'],
	[[1, 2], '"[1,2]"'],
])('CSV field of %j is %j (RFC 4180)', (value, expected) => {
	expect(csvField(value)).toBe(expected);
});

test('CSV: a record with a field the columns lack fails the item, naming the field; nothing is stored', async () => {
	let stored: Buffer | undefined;
	const context = {
		getNode: () => node,
		helpers: {
			prepareBinaryData: async (source: AsyncIterable<Buffer>) => {
				const chunks: Buffer[] = [];
				for await (const part of source) chunks.push(part);
				stored = Buffer.concat(chunks);
				return { data: '', mimeType: 'text/csv' } as IBinaryData;
			},
		},
	} as unknown as IExecuteFunctions;
	const write = writeRecordFile(context, { format: 'csv', binaryPropertyName: 'data', maxBytes: 1 << 20 }, 0, 'customers', async (onPage) => {
		await onPage([{ id: 1, name: 'A' }]);
		await onPage([{ id: 2, name: 'B', nickname: 'bee' }]);
	});
	await expect(write).rejects.toThrow(NodeOperationError);
	await expect(write).rejects.toThrow('Record 2 has the field "nickname", which is not among the CSV\'s columns (id, name), taken from the first page');
	expect(stored).toBeUndefined();
});

test('a page goes to the store in slices of 500 records; a CSV takes its columns from the whole first page', async () => {
	const chunks: string[] = [];
	const context = storingContext((part) => chunks.push(part.toString('utf8')));
	// Only record 800 of the first page has `nickname`: beyond the first slice, still a column.
	const page = Array.from({ length: 1200 }, (_, i) => (i === 799 ? { id: i + 1, name: `N${i + 1}`, nickname: 'late' } : { id: i + 1, name: `N${i + 1}` }));
	const result = await writeRecordFile(context, { format: 'csv', binaryPropertyName: 'data', maxBytes: 1 << 20 }, 0, 'customers', async (onPage) => {
		await onPage(page);
		await onPage([{ id: 1201, name: 'N1201', nickname: 'second page' }]);
	});
	expect(result.items[0].json).toMatchObject({ records: 1201 });
	// Header and records 1-500, 501-1000, 1001-1200, then the second page.
	expect(chunks).toHaveLength(4);
	const lines = chunks.join('').split('\r\n');
	expect(lines[0]).toBe('id,name,nickname');
	expect(lines[1]).toBe('1,N1,');
	expect(lines[800]).toBe('800,N800,late');
	expect(lines[1201]).toBe('1201,N1201,second page');
	expect(chunks[0].split('\r\n')).toHaveLength(502);
});

test('NDJSON from a scanned list body: records that came one after the other go out as one piece of the body, not copied; a record left out or copied splits the piece', async () => {
	const pieces: Buffer[] = [];
	const context = storingContext((part) => pieces.push(part));
	const text = JSON.stringify([{ id: 1, a: 'x' }, { id: 2, a: '},{' }, { id: 3 }, { id: 4, b: [1] }, { id: 5 }]);
	// Its own memory (not Buffer's shared pool), as a page body has.
	const body = Buffer.alloc(Buffer.byteLength(text));
	body.write(text);
	const result = await writeRecordFile(context, { format: 'ndjson', binaryPropertyName: 'data', maxBytes: 1 << 20 }, 0, 'customers', async (onPage, recordBytes) => {
		const records = scanRecordList(body, recordBytes!)!;
		expect(records.map((record) => record.id)).toEqual([1, 2, 3, 4, 5]);
		// Record 3 left out (handed over before), record 4 as Simplify would copy it.
		await onPage([records[0], records[1], { id: 4, b: [1], copied: true }, records[4]]);
	});
	expect(result.items[0].json).toMatchObject({ records: 4 });
	expect(pieces.map((piece) => piece.toString('utf8'))).toEqual(['{"id":1,"a":"x"}\n{"id":2,"a":"},{"}\n', '{"id":4,"b":[1],"copied":true}\n', '{"id":5}\n']);
	// The first and last pieces are the body's own bytes.
	expect(pieces.map((piece) => piece.buffer === body.buffer)).toEqual([true, false, true]);
	// A record read without parsing cannot be encoded: it is written once.
	const again = writeRecordFile(context, { format: 'ndjson', binaryPropertyName: 'data', maxBytes: 1 << 20 }, 0, 'customers', async (onPage, recordBytes) => {
		const records = scanRecordList(Buffer.from('[{"id":7}]'), recordBytes!)!;
		await onPage(records);
		await onPage(records);
	});
	await expect(again).rejects.toThrow('The record with id 7 came twice for the file');
});
