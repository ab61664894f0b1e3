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
		expect(r.items[2].json.error).toMatch(/"ID" must be a Sage 200 record ID/);
	});
});
