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

/** Every request the transport was given, as its $skip; each answered at once from TOTAL records. */
function answerAtOnce(): number[] {
	const asked: number[] = [];
	transport.sageRequest.mockImplementation(async (_connection: SageConnection, request: { qs: IDataObject }) => {
		const skip = Number(request.qs.$skip);
		const top = Number(request.qs.$top);
		asked.push(skip);
		const rows = Array.from({ length: Math.max(0, Math.min(top, TOTAL - skip)) }, (_, index) => ({ id: skip + index + 1 }));
		return { statusCode: 200, headers: request.qs.$count ? { 'x-total-count': String(TOTAL) } : {}, body: rows };
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
});
