import type { IExecuteFunctions } from 'n8n-workflow';

/** Listener of one of the events n8n's binary-data stores read a stream by. */
type Listener = (...args: unknown[]) => void;

/** What n8n's prepareBinaryData takes besides a Buffer (a Readable). */
export type BinarySource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/**
 * A file's bytes handed to n8n's binary-data store chunk by chunk. A write resolves once the chunks
 * the store has not taken yet are at most `maxQueuedBytes` (0: once the store took this one), so
 * the producer can go on (read the next page) while the store writes, and never holds more than
 * that besides the chunk being stored. n8n reads a stream two ways, and both are served: its
 * filesystem store (n8n's default) passes it to fs.writeFile, which iterates it (async iterator);
 * the stores that buffer (database, S3, Azure, memory) listen to `data`/`end`/`error`/`close` and
 * may `destroy()` it. Node's `stream` module is not available to community nodes, hence this class.
 */
export class PageStream {
	private readonly queue: Buffer[] = [];

	private queuedBytes = 0;

	/** The producer, waiting for the queue to shrink to maxQueuedBytes. */
	private room?: { resolve: () => void; reject: (error: Error) => void };

	private waiting?: { resolve: (result: IteratorResult<Buffer>) => void; reject: (error: unknown) => void };

	private ended = false;

	private failure?: { error: unknown };

	private cancelled?: Error;

	private flowing = false;

	private readonly listeners = new Map<string, Listener[]>();

	constructor(private readonly maxQueuedBytes = 0) {}

	/** Why the store stopped reading, once it did (an error of its own, or a `destroy()`). */
	get cancelReason(): Error | undefined {
		return this.cancelled;
	}

	/** Producer: resolves once the chunks not yet taken are at most maxQueuedBytes; rejects when the store stopped reading. */
	async write(chunk: Buffer): Promise<void> {
		if (this.cancelled) throw this.cancelled;
		if (this.ended || this.failure) throw new Error('The file was already closed');
		if (this.waiting) {
			const waiting = this.waiting;
			this.waiting = undefined;
			waiting.resolve({ value: chunk, done: false });
			return;
		}
		this.queue.push(chunk);
		this.queuedBytes += chunk.length;
		if (this.queuedBytes <= this.maxQueuedBytes) return;
		await new Promise<void>((resolve, reject) => (this.room = { resolve, reject }));
	}

	/** Producer: the file is complete (the store still takes what is queued). */
	end(): void {
		this.ended = true;
		if (this.waiting) {
			const waiting = this.waiting;
			this.waiting = undefined;
			waiting.resolve({ value: undefined, done: true });
		}
	}

	/** Producer: the file cannot be completed; the store sees `error` and keeps nothing. */
	fail(error: unknown): void {
		if (this.failure || this.ended) return;
		this.failure = { error };
		this.dropQueue();
		if (this.waiting) {
			const waiting = this.waiting;
			this.waiting = undefined;
			waiting.reject(error);
		}
	}

	/** Consumer: the next chunk, waiting for the producer when it has none yet. */
	async next(): Promise<IteratorResult<Buffer>> {
		if (this.failure) throw this.failure.error;
		const chunk = this.queue.shift();
		if (chunk) {
			this.queuedBytes -= chunk.length;
			if (this.room && this.queuedBytes <= this.maxQueuedBytes) {
				const room = this.room;
				this.room = undefined;
				room.resolve();
			}
			return { value: chunk, done: false };
		}
		if (this.ended || this.cancelled) return { value: undefined, done: true };
		return await new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
	}

	/** Consumer: stop reading; the producer's next (or pending) write fails with `reason`. */
	cancel(reason: Error): void {
		if (this.cancelled) return;
		this.cancelled = reason;
		const room = this.room;
		this.room = undefined;
		this.dropQueue();
		room?.reject(reason);
		const waiting = this.waiting;
		this.waiting = undefined;
		waiting?.resolve({ value: undefined, done: true });
	}

	[Symbol.asyncIterator](): AsyncIterator<Buffer> {
		return {
			next: async () => await this.next(),
			// fs.writeFile returns the iterator when its own write failed.
			return: async () => {
				this.cancel(new Error("n8n's binary-data store stopped reading the file"));
				return { value: undefined, done: true };
			},
		};
	}

	on(event: string, listener: Listener): this {
		this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
		if (event === 'data' && !this.flowing) {
			this.flowing = true;
			void this.pump();
		}
		return this;
	}

	once(event: string, listener: Listener): this {
		const wrapped: Listener = (...args) => {
			this.off(event, wrapped);
			listener(...args);
		};
		(wrapped as { listener?: Listener }).listener = listener;
		return this.on(event, wrapped);
	}

	off(event: string, listener: Listener): this {
		const list = this.listeners.get(event) ?? [];
		const index = list.findIndex((entry) => entry === listener || (entry as { listener?: Listener }).listener === listener);
		if (index >= 0) this.listeners.set(event, [...list.slice(0, index), ...list.slice(index + 1)]);
		return this;
	}

	removeListener(event: string, listener: Listener): this {
		return this.off(event, listener);
	}

	destroy(error?: Error): this {
		this.cancel(error ?? new Error("n8n's binary-data store stopped reading the file"));
		return this;
	}

	/** As the source n8n's prepareBinaryData takes: it reads it as described above. */
	asBinarySource(): BinarySource {
		return this as unknown as BinarySource;
	}

	private dropQueue(): void {
		this.queue.length = 0;
		this.queuedBytes = 0;
	}

	private emit(event: string, ...args: unknown[]): void {
		for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
	}

	/** Event mode: every chunk as a `data` event, then `end` (or `error`), then `close`. */
	private async pump(): Promise<void> {
		try {
			for (;;) {
				const result = await this.next();
				if (result.done) break;
				this.emit('data', result.value);
			}
			if (!this.cancelled) this.emit('end');
		} catch (error) {
			this.emit('error', error);
		}
		this.emit('close');
	}
}
