/* Bad input is refused before any request; gateway and site failures get clear messages. */
import type { INodeParameters } from 'n8n-workflow';

import { startSage200Env, type Sage200Env } from './setup';

let env: Sage200Env;
beforeAll(async () => {
	env = await startSage200Env({ sage200: { customers: 40, customers2: 10 } });
});
afterAll(async () => await env.close());
beforeEach(() => env.server.resetCounters());

const getMany: INodeParameters = { resource: 'customer', operation: 'getAll', returnAll: true };

describe('Sage 200 node: bad input never reaches Sage', () => {
	const cases: Array<[string, INodeParameters, RegExp]> = [
		// Static empty or malformed values are stopped by n8n's own parameter checks; expressions reach the node.
		['missing site', { ...getMany, site: { __rl: true, mode: 'id', value: '={{ "" }}' } }, /Choose a Site/],
		['site that is not a GUID', { ...getMany, site: { __rl: true, mode: 'id', value: '={{ "DEMO" }}' } }, /"Site" must be a site ID/],
		['missing company', { ...getMany, company: { __rl: true, mode: 'list', value: '={{ "" }}' } }, /Choose a Company/],
		['company that is not a number', { ...getMany, company: { __rl: true, mode: 'id', value: '={{ "Demo" }}' } }, /"Company" must be a company ID/],
		['page size over 5000', { ...getMany, listOptions: { pageSize: 5001 } }, /"Page Size" must be a whole number from 1 to 5000/],
		['concurrency over 8', { ...getMany, listOptions: { concurrency: 9 } }, /"Concurrency" must be a whole number from 1 to 8/],
		['limit of 0', { ...getMany, returnAll: false, limit: 0 }, /"Limit" must be a whole number/],
		['unclosed quote', { ...getMany, filters: { filter: "name eq 'O'Brien'" } }, /"Filter \(Advanced\)" is not a valid OData filter: .*not closed/],
		['unbalanced parenthesis', { ...getMany, filters: { filter: '(balance gt 0' } }, /parenthesis is not closed/],
		['stray closing parenthesis', { ...getMany, filters: { filter: 'balance gt 0)' } }, /closing parenthesis has no opening one/],
		['unknown operator', { ...getMany, filters: { filter: "name like 'A%'" } }, /unknown operator "like"/],
		['unknown function', { ...getMany, filters: { filter: "matches(name, 'A')" } }, /unknown function "matches"/],
		['dangling and', { ...getMany, filters: { filter: 'balance gt 0 and' } }, /ends too early/],
		['bad character', { ...getMany, filters: { filter: 'balance > 0' } }, /character ">" is not allowed/],
		['field equals without a field name', { ...getMany, filters: { fieldEquals: { conditions: [{ field: 'na me', value: 'x' }] } } }, /"Field Equals: Field" must be a field name/],
		['field equals number that is not one', { ...getMany, filters: { fieldEquals: { conditions: [{ field: 'balance', value: 'ten', valueType: 'number' }] } } }, /must be a number/],
		['invalid updated since', { ...getMany, filters: { updatedSince: 'yesterday' } }, /"Updated Since" must be a date and time/],
		['bad order by', { ...getMany, listOptions: { orderBy: 'name downwards' } }, /"Order By" must be fields/],
		['bad select', { ...getMany, listOptions: { select: 'id; drop' } }, /"Select" must list field names/],
		['record ID that is not a number', { resource: 'customer', operation: 'get', recordId: 'ABS001' }, /"Record" must be a Sage 200 record ID/],
		['update without fields', { resource: 'customer', operation: 'update', recordId: '27828', updateFields: '{}' }, /"Fields to Update \(JSON\)" is empty/],
		['update with invalid JSON', { resource: 'customer', operation: 'update', recordId: '27828', updateFields: '{credit_limit: 1}' }, /is not valid JSON/],
		['create without a key field', { resource: 'customer', operation: 'create', reference: 'NEW1', name: ' ' }, /"Name" must not be empty/],
		['create contact without a customer', { resource: 'customerContact', operation: 'create', parentId: '={{ "" }}' }, /"Customer ID" must be a Sage 200 record ID/],
		['operation the resource does not offer', { resource: 'currency', operation: 'delete', recordId: '1' }, /not available for the resource "currency"/],
	];

	test.each(cases)('%s', async (_name, parameters, message) => {
		const r = await env.run(parameters);
		expect(r.error?.name).toBe('NodeOperationError');
		expect(r.error?.message).toMatch(message);
		expect(env.server.count('s200')).toBe(0);
	});

	test('a credential without a subscription key', async () => {
		const r = await env.run({ resource: 'customer', operation: 'get', recordId: '27828' }, { credential: env.addCredential({ subscriptionApiKey: '' }) });
		expect(r.error?.message).toBe('The Sage 200 credential has no subscription key');
		expect(env.server.count('s200')).toBe(0);
	});

	test('an API base URL over plain http to a remote host', async () => {
		const r = await env.run({ resource: 'customer', operation: 'get', recordId: '27828' }, { credential: env.addCredential({ apiBaseUrl: 'http://api.example.com/v1/' }) });
		expect(r.error?.message).toMatch(/must use https/);
		expect(env.server.count('s200')).toBe(0);
	});
});

describe('Sage 200 node: gateway and site errors', () => {
	test('a wrong subscription key is named as such (APIM 401)', async () => {
		const r = await env.run({ resource: 'customer', operation: 'get', recordId: '27828' }, { credential: env.addCredential({ subscriptionApiKey: 'not-the-key' }) });
		expect(r.error?.name).toBe('NodeApiError');
		expect(r.error?.message).toBe(
			'Getting customer 27828 failed: the Sage API gateway rejected the subscription key (Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.)',
		);
		expect(r.error?.message).not.toContain('not-the-key');
		expect(JSON.stringify(r.error)).not.toContain(env.s200.demo.clientSecret);
	});

	test('the on-premise connection down (504) is named, after a bounded number of tries', async () => {
		env.s200.options.sitesDown = true;
		try {
			const r = await env.run({ resource: 'customer', operation: 'get', recordId: '27828' });
			expect(r.error?.name).toBe('NodeApiError');
			expect(r.error?.message).toMatch(/^Getting customer 27828 failed: The Sage 200 site did not respond: the on-premise connection .* is down$/);
			expect(env.server.count('s200.customers.get')).toBe(3);
		} finally {
			env.s200.options.sitesDown = false;
		}
	});

	test('a company the user cannot use is explained', async () => {
		const r = await env.run({ resource: 'customer', operation: 'get', recordId: '27828', company: { __rl: true, mode: 'id', value: '7' } });
		expect(r.error?.message).toMatch(/does not have access to company 7/);
		expect(r.error?.description).toMatch(/Check that the Company belongs to the Site/);
	});
});
