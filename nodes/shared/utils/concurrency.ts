/**
 * Run `count` tasks with at most `concurrency` in flight; results in task order. Once a task
 * fails no new task starts, and the first failure is thrown after the running ones settle.
 * Tasks that must not fail the others catch their own errors.
 */
export async function runBounded<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
	const results = new Array<T>(count);
	let next = 0;
	let failed = false;
	const worker = async () => {
		while (!failed && next < count) {
			const index = next++;
			results[index] = await task(index).catch(async (error: unknown) => {
				failed = true;
				return await Promise.reject(error);
			});
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return results;
}

/**
 * Run `count` tasks with at most `concurrency` in flight and hand each result to `consume` in task
 * order, awaited: a task starts only when fewer than `concurrency` results are running or waiting
 * for their turn, so what is held stays bounded however slow `consume` is. After a failure (of a
 * task or of `consume`) no new task starts, and it is thrown once the running ones settle.
 */
export async function runInOrder<T>(
	count: number,
	concurrency: number,
	task: (index: number) => Promise<T>,
	consume: (result: T, index: number) => Promise<void>,
): Promise<void> {
	const window: Array<Promise<T>> = [];
	let next = 0;
	let failed = false;
	const start = () => {
		const running = task(next++);
		// Thrown when its turn comes; seen at once, so that a later task failing first stops the starts too.
		running.catch(() => (failed = true));
		window.push(running);
	};
	try {
		while (next < count && window.length < Math.max(1, concurrency)) start();
		for (let index = 0; window.length; index++) {
			const result = await window.shift()!;
			if (next < count && !failed) start();
			await consume(result, index);
		}
	} catch (error) {
		await Promise.allSettled(window);
		return await Promise.reject(error);
	}
}

/**
 * Batched reads by key in flight at once (X3, SDMO). A batch is 100 keys, so 1,000 input items
 * (10 requests) go out together: one round trip instead of two. More wait their turn, so a big
 * input never looks like a flood to the gateway (n8n's HTTP Request node would send every item
 * at once); a 429 is retried after its Retry-After.
 */
export const LOOKUP_CONCURRENCY = 10;
