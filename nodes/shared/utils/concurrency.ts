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
 * Batched reads by key in flight at once (X3, SDMO): 1,000 keys are 10 to 20 requests, and eight
 * at a time hides most of the latency without looking like a flood to the gateway.
 */
export const LOOKUP_CONCURRENCY = 8;
