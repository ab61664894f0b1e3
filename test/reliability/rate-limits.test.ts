/**
 * Sage's rate limit under load: 30 % of requests answered 429 with `Retry-After: 1`, 20 runs each
 * with its own fault seed. Throttling is retried by a time budget (60 s a request by default) for
 * every product, so a Return All completes however often Sage says "later"; a 5xx keeps its small
 * attempt count.
 */
import { addSage200Credential, addX3Credential, allNodesEngine, captureLogs, runSage200, runX3, x3Folder, type Json } from './support';

const { startSandbox } = require('../sandbox');

const RUNS = 20;
const THROTTLED = { kind: 429, ratio: 0.3, retryAfter: 1 };

interface Tally {
	scenario: string;
	completed: number;
	throttled: number;
}

const tallies: Tally[] = [];

/** `RUNS` runs, `parallel` at a time, each against a sandbox of its own seed. */
async function seededRuns(parallel: number, run: (seed: number) => Promise<{ completed: boolean; throttled: number }>) {
	const results: Array<{ completed: boolean; throttled: number }> = [];
	for (let first = 1; first <= RUNS; first += parallel) {
		const seeds = Array.from({ length: Math.min(parallel, RUNS - first + 1) }, (_, index) => first + index);
		results.push(...(await Promise.all(seeds.map(run))));
	}
	return { completed: results.filter((result) => result.completed).length, throttled: results.reduce((sum, result) => sum + result.throttled, 0) };
}

beforeAll(() => captureLogs());

afterAll(() => {
	const lines = tallies.map((tally) => `| ${tally.scenario} | ${tally.completed} of ${RUNS} | ${tally.throttled} |`);
	process.stdout.write(['', '| 30 % 429, Retry-After: 1 | runs completed | 429s answered |', '|---|---|---|', ...lines, ''].join('\n'));
});

test(`Sage 200: Return All of 12,000 customers in pages of 500 completes in ${RUNS} of ${RUNS} seeded runs`, async () => {
	const tally = await seededRuns(4, async (seed) => {
		const sandbox: Json = await startSandbox({ seed });
		try {
			const engine = allNodesEngine();
			sandbox.server.setFaults([{ route: 's200.customers.list', ...THROTTLED }]);
			const result = await runSage200(engine, sandbox, addSage200Credential(engine, sandbox), {
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				// 24 pages of 500: with 3 attempts for a 429, about half of such runs failed.
				listOptions: { pageSize: 500 },
			});
			const completed = result.error === undefined && result.items.length === 12_000;
			return { completed, throttled: sandbox.server.faultsFired() };
		} finally {
			await sandbox.close();
		}
	});
	tallies.push({ scenario: 'Sage 200, Return All of 12,000 customers (24 pages)', ...tally });
	expect(tally.throttled).toBeGreaterThan(RUNS);
	expect(tally.completed).toBe(RUNS);
}, 300_000);

test(`X3: Return All of 2,500 customers completes in ${RUNS} of ${RUNS} seeded runs`, async () => {
	const tally = await seededRuns(RUNS, async (seed) => {
		const sandbox: Json = await startSandbox({ seed, x3: { customers: 2500 }, sage200: { customers: 10 } });
		try {
			const engine = allNodesEngine();
			const credential = addX3Credential(engine, sandbox);
			sandbox.server.setFaults([{ route: 'x3.graphql', ...THROTTLED }]);
			const result = await runX3(engine, credential, { resource: 'customer', operation: 'getAll', folder: x3Folder('SEED'), returnAll: true });
			const completed = result.error === undefined && result.items.length === 2500;
			return { completed, throttled: sandbox.server.faultsFired() };
		} finally {
			await sandbox.close();
		}
	});
	tallies.push({ scenario: 'X3, Return All of 2,500 customers (25 pages)', ...tally });
	expect(tally.throttled).toBeGreaterThan(RUNS);
	expect(tally.completed).toBe(RUNS);
}, 300_000);

describe('the wait budget is the credential\'s "Max Wait on Rate Limit"', () => {
	let sandbox: Json;
	const engine = allNodesEngine();
	beforeAll(async () => {
		sandbox = await startSandbox({ sage200: { customers: 10 } });
	});
	afterAll(async () => await sandbox.close());

	test.each([
		[0, 1],
		[2, 3],
	])('%s s with an endless 429 (Retry-After: 1): %s requests, then the error says how long it waited', async (seconds, requests) => {
		const credential = addSage200Credential(engine, sandbox, { rateLimitWaitSeconds: seconds });
		sandbox.server.resetCounters();
		sandbox.server.setFaults([{ route: 's200.customers.list', kind: 429, retryAfter: 1 }]);
		const result = await runSage200(engine, sandbox, credential, { resource: 'customer', operation: 'getAll', limit: 5 });
		sandbox.server.clearFaults();
		expect(result.error?.message).toMatch(/Too Many Requests/);
		expect(sandbox.server.count('s200.customers.list')).toBe(requests);
		if (seconds > 0) expect(String(result.error?.description)).toContain(`waited ${seconds} s for Sage's rate limit over ${requests - 1} retries (budget ${seconds} s)`);
	});
});
