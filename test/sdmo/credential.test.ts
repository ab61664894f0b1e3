/* The Sage DMO API credential: one token request per run, stored and reused, renewed once when it expires. */
import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { addCredential, count, CUSTOMER_QUERY, engine, run, sandbox, useSdmoSandbox } from './setup';

useSdmoSandbox();

test('1,000 items cost exactly 1 token request, and the token and URLs are stored', async () => {
	const id = addCredential();
	const items = Array.from({ length: 1000 }, (_, n) => ({ key: String(n + 1) }));
	const r = await run(id, { resource: 'customer', operation: 'get', recordId: '={{$json.key}}', options: { fields: '_id id' } }, items);
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(1000);
	expect(r.items[999]).toEqual({ json: { _id: '1000', id: 'US1000' }, pairedItem: { item: 999 } });
	expect(count('sdmo.token')).toBe(1);
	// Introspection, then the reads batched 100 a request.
	expect(count('sdmo.graphql')).toBe(1 + 10);
	const request = sandbox.sdmo.tokenRequests()[0];
	expect(request).toMatchObject({ contentType: expect.stringContaining('application/x-www-form-urlencoded'), scope: `tenantid:${sandbox.sdmo.demo.tenantId}`, status: 200 });
	const stored = engine.store.get(id).data;
	expect(stored.accessToken).toBe(request.token);
	expect(JSON.parse(String(stored.urls)).apps.shopfloor.graphQL).toBe(`${sandbox.url}/sdmo/v1/fwd/cluster-release/shopfloor/api`);
});

test('one request per item reuses the token, within and across executions', async () => {
	const id = addCredential();
	const items = Array.from({ length: 100 }, (_, n) => ({ n }));
	const r = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY }, items);
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(100);
	expect(r.items[99].json.data).toEqual({ xtremMasterData: { customer: { query: { edges: [{ node: { _id: '1', id: 'FR0001', name: expect.any(String) } }, expect.anything()] } } } });
	expect(count('sdmo.graphql')).toBe(100);
	const again = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
	expect(again.error).toBeUndefined();
	expect(count('sdmo.token')).toBe(1);
});

test('an expired token is replaced once, mid-execution', async () => {
	const id = addCredential();
	await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
	sandbox.sdmo.expireAccessTokens();
	const r = await run(id, { resource: 'customer', operation: 'getMany', returnAll: false, limit: 5 }, [{}, {}]);
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(10);
	expect(count('sdmo.token')).toBe(2);
});

test('403 from the token API names both causes: wrong credentials or tenant not accepted', async () => {
	for (const overrides of [{ tenantId: sandbox.sdmo.demo.notAcceptedTenantId }, { clientSecret: 'wrong' }]) {
		const id = addCredential(overrides);
		const r = await run(id, { resource: 'customer', operation: 'get', recordId: '1' });
		expect(r.error?.message).toMatch(/client ID or client secret is wrong/);
		expect(r.error?.message).toMatch(/tenant has not accepted this application/);
		expect(r.error?.message).not.toContain('wrong'.repeat(2));
		expect(JSON.stringify(r.error)).not.toContain(sandbox.sdmo.demo.clientSecret);
	}
	expect(count('sdmo.graphql')).toBe(0);
});

test('the credential test request fetches a token with the form body', async () => {
	const credential = new SageDmoApi();
	expect(credential.test.request).toMatchObject({ method: 'POST', url: '={{$credentials.tokenUrl}}' });
	expect(credential.properties.find((property) => property.name === 'accessToken')).toMatchObject({ type: 'hidden', typeOptions: { expirable: true } });
});
