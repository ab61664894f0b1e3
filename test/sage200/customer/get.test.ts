/* Sage 200 → Customer → Get: one customer by ID, with $select and $expand, and an error item per failing input, run through n8n's engine against the sandbox over HTTP. */
import { apiRequestsOf, decodedQuery, useSage200Suite } from '../setup';

const suite = useSage200Suite({ latencyMs: 15 });
const { run } = suite;
const apiRequests = () => apiRequestsOf(suite.server);

describe('Sage 200 → Customer → Get', () => {
	test('Get returns the customer with the transport adding subscription key, X-Company and X-Site', async () => {
		const r = await run({ resource: 'customer', operation: 'get', recordId: '27828' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		expect(r.items[0].json).toMatchObject({ id: 27828, reference: 'ABS001', name: 'ABS Garages Ltd', balance: 2464.16 });
		expect(r.items[0].pairedItem).toEqual({ item: 0 });
		const [request] = apiRequests();
		expect(request.name).toBe('s200.customers.get');
		expect(request.headers['ocp-apim-subscription-key']).toBe(suite.s200.demo.subscriptionKey);
		expect(request.headers['x-company']).toBe('1');
		expect(request.headers['x-site']).toBe(suite.s200.demo.siteId);
		expect(request.headers.authorization).toMatch(/^Bearer /);
	});

	test('Get with $select and $expand', async () => {
		const r = await run({ resource: 'customer', operation: 'get', recordId: '27828', getOptions: { select: 'id, name', expand: 'contacts' } });
		expect(r.error).toBeUndefined();
		expect(Object.keys(r.items[0].json).sort()).toEqual(['contacts', 'id', 'name']);
		expect(decodedQuery(apiRequests()[0]).get('$select')).toBe('id,name');
	});

	test('continueOnFail gives one error item per failing input, paired', async () => {
		const r = await run({ resource: 'customer', operation: 'get', recordId: '={{ $json.id }}' }, { items: [{ id: 27828 }, { id: 3 }, { id: 'x' }], continueOnFail: true });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(r.items[0].json.name).toBe('ABS Garages Ltd');
		expect(r.items[1].json.error).toMatch(/not found/);
		expect(r.items[2].json.error).toMatch(/"Record" must be a Sage 200 record ID/);
	});

	test('the Record locator: From List and By ID values, and a plain ID string from older workflows', async () => {
		for (const recordId of [{ __rl: true, mode: 'list', value: '27828' }, '27828', { __rl: true, mode: 'id', value: '={{ $json.id }}' }]) {
			suite.server.resetCounters();
			const r = await run({ resource: 'customer', operation: 'get', recordId } as never, { items: [{ id: 27828 }] });
			expect([recordId, r.error, r.items[0]?.json.reference]).toEqual([recordId, undefined, 'ABS001']);
			expect(apiRequests().map((e: any) => e.path)).toEqual([expect.stringMatching(/\/customers\/27828$/)]);
		}
		// n8n itself refuses a By ID value that is not a number; one from an expression is the node's to refuse.
		await expect(run({ resource: 'customer', operation: 'get', recordId: { __rl: true, mode: 'id', value: 'ABS001' } } as never)).rejects.toThrow('A Sage 200 record ID is a whole number');
		const mapped = await run({ resource: 'customer', operation: 'get', recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } } as never, { items: [{ id: 'ABS001' }] });
		expect(mapped.error?.message).toBe('"Record" must be a Sage 200 record ID (a whole number above 0), got "ABS001"');
	});
});
