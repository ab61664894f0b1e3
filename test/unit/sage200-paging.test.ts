/*
 * Sage 200's paging (nodes/Sage200/helpers/paging.ts) below the engine tests: the order in which
 * pages are asked for and handed over, with the transport answering at once (no network, so the
 * order is exact rather than a matter of timing).
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { forEachRecordPage } from '../../nodes/Sage200/helpers/paging';
import type { SageConnection } from '../../nodes/shared/transport';

jest.mock('../../nodes/shared/transport', () => ({
	...jest.requireActual('../../nodes/shared/transport'),
	sageRequest: jest.fn(),
}));
const transport = require('../../nodes/shared/transport') as { sageRequest: jest.Mock };

const node: INode = { id: 'n', name: 'Sage 200', type: 'sage200', typeVersion: 1, position: [0, 0], parameters: {} };
const context = { getNode: () => node } as unknown as IExecuteFunctions;
const TOTAL = 12000;

/** The records of a page, from TOTAL records with ids 1..TOTAL. */
const rowsAt = (skip: number, top: number) => Array.from({ length: Math.max(0, Math.min(top, TOTAL - skip)) }, (_, index) => ({ id: skip + index + 1 }));

/**
 * Every request the transport was given, as its $skip; each answered at once from TOTAL records,
 * the total in an OData body, so that the next pages can only be planned once the first body is read.
 */
function answerAtOnce(): number[] {
	const asked: number[] = [];
	transport.sageRequest.mockImplementation(async (_connection: SageConnection, request: { qs: IDataObject }) => {
		const skip = Number(request.qs.$skip);
		asked.push(skip);
		const rows = rowsAt(skip, Number(request.qs.$top));
		return { statusCode: 200, headers: {}, body: request.qs.$count ? { value: rows, '@odata.count': TOTAL } : rows };
	});
	return asked;
}

const pull = async (concurrency: number, onPage: (records: IDataObject[]) => Promise<void>) =>
	await forEachRecordPage.call(
		context,
		{} as SageConnection,
		'https://api.example.com/sage200/accounts/v1/',
		{ path: 'customers', orderBy: 'id' },
		{ pageSize: 2000, concurrency, itemIndex: 0, action: 'Listing customers' },
		onPage,
	);

describe('Sage 200 paging', () => {
	afterEach(() => transport.sageRequest.mockReset());

	test.each([1, 2, 4])('with Concurrency %i the next pages are asked for before the first page is handed over', async (concurrency) => {
		// A file encodes the first page while it is handed over; the next requests must be on their way first.
		const asked = answerAtOnce();
		const askedWhenHanded: number[] = [];
		const handed: number[] = [];
		const count = await pull(concurrency, async (records) => {
			askedWhenHanded.push(asked.length);
			handed.push(...records.map((record) => record.id as number));
		});
		expect(count).toBe(TOTAL);
		expect(handed).toEqual(Array.from({ length: TOTAL }, (_, index) => index + 1));
		// Answered at once, a page may even come back before then, and make room for one more.
		expect(askedWhenHanded[0]).toBeGreaterThanOrEqual(1 + concurrency);
		expect(asked).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
	});

	test('a first page that fails its hand-over fails the pull, and stops the requests', async () => {
		const asked = answerAtOnce();
		let calls = 0;
		await expect(
			pull(2, async () => {
				calls++;
				throw new Error('The file would grow beyond Max File Size');
			}),
		).rejects.toThrow('Max File Size');
		expect(calls).toBe(1);
		// Pages 2-3 were on their way, and page 2's answer made room for page 4; no more after the failure.
		expect(asked).toEqual([0, 2000, 4000, 6000]);
	});

	describe('with the total in the first answer\'s headers', () => {
		/**
		 * The transport as n8n's streams it: the first answer's headers (its X-Total-Count) reach
		 * onHeaders at once, its body only when `releaseFirstBody` is called.
		 */
		function answerHeadersFirst(firstBody: 'records' | 'fails' | 'short' = 'records', total = TOTAL) {
			const asked: number[] = [];
			let releaseFirstBody!: () => void;
			const firstBodyArrives = new Promise<void>((resolve) => (releaseFirstBody = resolve));
			transport.sageRequest.mockImplementation(
				async (_connection: SageConnection, request: { qs: IDataObject; onHeaders?: (headers: Record<string, string>) => void }) => {
					const skip = Number(request.qs.$skip);
					let top = Number(request.qs.$top);
					asked.push(skip);
					const headers: Record<string, string> = request.qs.$count ? { 'x-total-count': String(total) } : {};
					request.onHeaders?.(headers);
					if (skip === 0) {
						await firstBodyArrives;
						if (firstBody === 'fails') throw new Error('The answer from Sage is larger than 64 MB');
						if (firstBody === 'short') top = 10;
					}
					return { statusCode: 200, headers, body: rowsAt(skip, top) };
				},
			);
			return { asked, releaseFirstBody };
		}

		/** A pull with Concurrency 2, and the ids it handed over so far. */
		const collect = () => {
			const handed: number[] = [];
			const pulling = pull(2, async (records) => {
				handed.push(...records.map((record) => record.id as number));
			});
			return { handed, pulling };
		};

		test('the next pages are asked for before the first page\'s body has arrived, and handed over after it', async () => {
			const { asked, releaseFirstBody } = answerHeadersFirst();
			const { handed, pulling } = collect();
			await new Promise((resolve) => setImmediate(resolve));
			// The first request's headers planned the rest: Concurrency 2 pages went out, and one more as the
			// first of them came back to wait for its turn (runInOrder holds Concurrency + 1); none handed yet.
			expect(asked).toEqual([0, 2000, 4000, 6000]);
			expect(handed).toEqual([]);
			releaseFirstBody();
			expect(await pulling).toBe(TOTAL);
			expect(handed).toEqual(Array.from({ length: TOTAL }, (_, index) => index + 1));
			expect(asked).toEqual([0, 2000, 4000, 6000, 8000, 10000]);
		});

		test('a first page whose body fails fails the pull; the pages already asked for are not handed over', async () => {
			const { asked, releaseFirstBody } = answerHeadersFirst('fails');
			const { handed, pulling } = collect();
			await new Promise((resolve) => setImmediate(resolve));
			releaseFirstBody();
			await expect(pulling).rejects.toThrow('larger than 64 MB');
			expect(handed).toEqual([]);
			// What was on its way when the body failed; nothing after.
			expect(asked).toEqual([0, 2000, 4000, 6000]);
		});

		test('a first page shorter than asked for ends the pull, whatever the header said', async () => {
			const { releaseFirstBody } = answerHeadersFirst('short');
			const { handed, pulling } = collect();
			releaseFirstBody();
			expect(await pulling).toBe(10);
			expect(handed).toEqual(Array.from({ length: 10 }, (_, index) => index + 1));
		});

		test('a total in the header that no Return All could reach is refused before another page is asked for', async () => {
			const { asked, releaseFirstBody } = answerHeadersFirst('records', 1e12);
			const pulling = pull(2, async () => undefined);
			releaseFirstBody();
			await expect(pulling).rejects.toThrow('more than one Return All reads');
			expect(asked).toEqual([0]);
		});
	});
});
