/* Sage 200 → Custom API Call: any path of the API with the credential's token, key and company/site. */
import { startSage200Env, type Sage200Env } from '../setup';

let env: Sage200Env;
beforeAll(async () => {
	env = await startSage200Env({ sage200: { customers: 40, customers2: 10 } });
});
afterAll(async () => await env.close());
beforeEach(() => env.server.resetCounters());

const call = (parameters: Record<string, unknown>) => ({ resource: 'customApiCall', operation: 'request', ...parameters });
const lastRequest = () => (env.server.log as Array<Record<string, any>>).at(-1)!;

describe('Sage 200 → Custom API Call', () => {
	test('GET with query parameters: the records become items; company, site and key go along', async () => {
		const result = await env.run(
			call({ method: 'GET', path: '/customers', queryParameters: { parameters: [{ name: '$top', value: '3' }, { name: '$orderby', value: 'id' }] } }),
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(result.items.every((item) => typeof item.json.reference === 'string')).toBe(true);
		const sent = lastRequest();
		expect(sent.query).toContain('%24top=3');
		expect(sent.headers['x-company']).toBe('1');
		expect(sent.headers['x-site']).toBe(env.s200.demo.siteId);
		expect(sent.headers['ocp-apim-subscription-key']).toBe(env.s200.demo.subscriptionKey);
	});

	test('GET of one record, POST, PUT and DELETE', async () => {
		const created = await env.run(call({ method: 'POST', path: 'customers', body: JSON.stringify({ reference: 'CAC001', name: 'Custom Call Ltd' }) }));
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id as number;
		expect(created.items[0].json).toMatchObject({ reference: 'CAC001', name: 'Custom Call Ltd' });

		const updated = await env.run(call({ method: 'PUT', path: `customers/${id}`, body: '{"name": "Renamed Ltd"}' }));
		expect(updated.items[0].json).toMatchObject({ id, name: 'Renamed Ltd' });

		const read = await env.run(call({ method: 'GET', path: `customers/${id}` }));
		expect(read.items[0].json).toMatchObject({ id, name: 'Renamed Ltd' });

		const deleted = await env.run(call({ method: 'DELETE', path: `customers/${id}` }));
		expect(deleted.error).toBeUndefined();
		const gone = await env.run(call({ method: 'GET', path: `customers/${id}` }), { continueOnFail: true });
		expect(gone.items[0].json.error).toMatch(/^GET customers\/\d+ failed: /);
		expect(gone.items[0].json.description).toMatch(/HTTP 404/);
	});

	test.each([
		['a full URL', 'https://evil.example.com/customers', /"Path" is a full URL/],
		['a protocol-relative URL', '//evil.example.com/customers', /"Path" is a full URL/],
		['a parent segment', 'customers/../../other', /"Path" leaves the API with "\.\."/],
		['an encoded parent segment', 'customers/%2e%2e/x', /"Path" leaves the API/],
		['a query in the path', 'customers?$top=1', /"Path" has a query or fragment/],
		['a backslash', '\\\\evil.example.com/customers', /"Path" contains a backslash/],
		['nothing', '  ', /"Path" is empty/],
	])('%s is refused before anything is sent', async (_label, path, message) => {
		const result = await env.run(call({ method: 'GET', path }));
		expect(result.error?.message).toMatch(message);
		expect(env.server.log.filter((entry: Record<string, any>) => entry.name !== 's200.sites')).toHaveLength(0);
	});

	test('a POST body that is not a JSON object is refused before anything is sent', async () => {
		const result = await env.run(call({ method: 'POST', path: 'customers', body: '[1, 2]' }));
		expect(result.error?.message).toMatch(/"Body" must be a JSON object/);
		expect(env.server.count('s200.customers.create')).toBe(0);
	});
});
