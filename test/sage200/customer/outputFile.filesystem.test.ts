/*
 * Sage 200 → Customer → Get Many with Output: One File into n8n's filesystem binary store (a
 * regular n8n's default): the file is on disk while the pages are still being read, and a failed
 * pull leaves nothing there.
 */
import { parseCsv, readBinary, useFilesystemBinaryData } from '../../harness/binary-data';
import { useSage200Suite } from '../setup';

const suite = useSage200Suite({ latencyMs: 5 });
const store = useFilesystemBinaryData();
const getMany = { resource: 'customer', operation: 'getAll', returnAll: true };

/** What n8n had on disk when each list request reached Sage. */
function watchDiskPerPage(): number[] {
	const seen: number[] = [];
	let handle: (req: unknown, res: unknown) => Promise<unknown>;
	beforeAll(() => {
		handle = suite.server.handle.bind(suite.server);
		suite.server.handle = async (req: { url: string }, res: unknown) => {
			if (req.url.includes('/customers')) seen.push(store.bytesOnDisk());
			return await handle(req, res);
		};
	});
	afterAll(() => (suite.server.handle = handle));
	beforeEach(() => (seen.length = 0));
	return seen;
}

describe('Sage 200 → Customer → Get Many → One File, filesystem store', () => {
	const diskAtRequest = watchDiskPerPage();

	test('12,000 customers streamed to disk page by page: when the last page is asked for, ten of the twelve are already written', async () => {
		const listOptions = { pageSize: 1000, concurrency: 1, select: 'id,reference,name,balance' };
		const items = await suite.run({ ...getMany, listOptions });
		diskAtRequest.length = 0;
		const before = store.bytesOnDisk();
		const file = await suite.run({ ...getMany, listOptions, output: 'file' });
		expect(file.error).toBeUndefined();
		const binary = file.items[0].binary!.data;
		// Stored by n8n's filesystem store: the item holds a reference, not the bytes.
		expect(binary.id).toMatch(/^filesystem-v2:/);
		expect(binary.data).toBe('filesystem-v2');
		const content = await readBinary(binary);
		expect(binary.bytes).toBe(content.length);
		expect(store.bytesOnDisk() - before).toBe(content.length);
		expect(
			content
				.toString('utf8')
				.trimEnd()
				.split('\n')
				.map((line) => JSON.parse(line)),
		).toEqual(items.items.map((item) => item.json));
		expect(diskAtRequest).toHaveLength(12);
		const written = diskAtRequest.map((bytes) => bytes - before);
		// Page n is asked for once page n - 1 was handed to the store, which had written page n - 2 by then.
		expect(written[11]).toBeGreaterThanOrEqual((10 / 12) * content.length * 0.95);
		for (let page = 1; page < 12; page++) expect(written[page]).toBeGreaterThanOrEqual(written[page - 1]);
	});

	test('CSV into the filesystem store parses back to the records', async () => {
		const listOptions = { pageSize: 5000, select: 'id,name' };
		const items = await suite.run({ ...getMany, listOptions });
		const file = await suite.run({ ...getMany, listOptions, output: 'file', fileFormat: 'csv' });
		expect(file.error).toBeUndefined();
		const [header, ...rows] = parseCsv((await readBinary(file.items[0].binary!.data)).toString('utf8'));
		expect(header).toEqual(['id', 'name']);
		expect(rows).toEqual(items.items.map(({ json }) => [String(json.id), String(json.name)]));
	});

	test('a page that fails mid-pull leaves no file (nor a partial one) on disk', async () => {
		const before = store.bytesOnDisk();
		suite.server.setFaults([{ route: 's200.customers.list', kind: 500, every: 6 }]);
		try {
			const result = await suite.run({ ...getMany, listOptions: { pageSize: 1000, concurrency: 1, select: 'id,name' }, output: 'file' }, { continueOnFail: true });
			expect(result.items).toHaveLength(1);
			expect(result.items[0].json.error).toBe('Listing customer failed: Service Unavailable');
			// Five pages had reached the store before the sixth failed.
			expect(diskAtRequest[5]).toBeGreaterThan(before);
		} finally {
			suite.server.clearFaults();
		}
		expect(store.bytesOnDisk()).toBe(before);
	});
});
