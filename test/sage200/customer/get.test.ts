/* Sage 200 → Customer → Get: one customer by ID, with $select and $expand, and an error item per failing input, run through n8n's engine against the sandbox over HTTP. */
import { decodedQuery, apiRequestsOf, startSage200Env, type Sage200Env } from '../setup';

let env: Sage200Env;
let s200: any;
let server: any;
beforeAll(async () => {
	env = await startSage200Env({ latencyMs: 15 });
	({ s200, server } = env);
});
afterAll(async () => await env.close());
beforeEach(() => server.resetCounters());

const run: Sage200Env['run'] = async (parameters, options) => await env.run(parameters, options);
const apiRequests = () => apiRequestsOf(server);

describe('Sage 200 → Customer → Get', () => {
	test('Get returns the customer with the transport adding subscription key, X-Company and X-Site', async () => {
		const r = await run({ resource: 'customer', operation: 'get', recordId: '27828' });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(1);
		expect(r.items[0].json).toMatchObject({ id: 27828, reference: 'ABS001', name: 'ABS Garages Ltd', balance: 2464.16 });
		expect(r.items[0].pairedItem).toEqual({ item: 0 });
		const [request] = apiRequests();
		expect(request.name).toBe('s200.customers.get');
		expect(request.headers['ocp-apim-subscription-key']).toBe(s200.demo.subscriptionKey);
		expect(request.headers['x-company']).toBe('1');
		expect(request.headers['x-site']).toBe(s200.demo.siteId);
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
