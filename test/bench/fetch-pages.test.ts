/**
 * bench/control-package/fetch-pages.js: the plan both W4 floors send (outside n8n and, in a
 * bench-only node, inside it) is the node's: the first page with $count, the others from its total.
 */
import { startSandbox } from '../sandbox';

const { s200Pages } = require('../../bench/control-package/fetch-pages') as {
	s200Pages: (url: string, headers: Record<string, string>, pageSize: number) => Promise<{ pages: Array<Array<{ id: number }>>; parseMs: number }>;
};

describe('W4 floors: Sage 200 pages from a bare client', () => {
	let box: Awaited<ReturnType<typeof startSandbox>>;
	let headers: Record<string, string>;
	beforeAll(async () => {
		box = await startSandbox({ sage200: { customers: 1200 } });
		const demo = box.sage200.demo;
		headers = { authorization: `Bearer ${box.sage200.issue().access_token}`, 'ocp-apim-subscription-key': demo.subscriptionKey, 'x-site': demo.siteId, 'x-company': '1' };
	});
	afterAll(async () => await box.close());
	beforeEach(() => box.server.resetCounters());

	it('reads every record in order: the first page with $count, then the rest from its total', async () => {
		const { pages, parseMs } = await s200Pages(`${box.sage200.demo.baseUrl}customers`, headers, 500);
		expect(pages.map((rows) => rows.length)).toEqual([500, 500, 200]);
		expect(pages.flat().map((row) => row.id)).toEqual(box.sage200.records(1, 'customers').map((row: { id: number }) => row.id));
		expect(parseMs).toBeGreaterThan(0);
		const queries = (box.server.log ?? []).map((entry: { query: string }) => decodeURIComponent(entry.query));
		expect(queries).toEqual([
			'?$orderby=id&$top=500&$skip=0&$count=true',
			expect.stringMatching(/^\?\$orderby=id&\$top=500&\$skip=(500|1000)$/),
			expect.stringMatching(/^\?\$orderby=id&\$top=500&\$skip=(500|1000)$/),
		]);
		expect(new Set(queries).size).toBe(3);
	});

	it("fails on Sage's error answer instead of counting it as a page", async () => {
		await expect(s200Pages(`${box.sage200.demo.baseUrl}customers`, { ...headers, authorization: 'Bearer wrong' }, 500)).rejects.toThrow(/HTTP 401/);
	});
});
