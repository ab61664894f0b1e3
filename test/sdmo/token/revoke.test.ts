/* Sage DMO → Token → Revoke. */
import { SageDmoApi } from '../../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../../nodes/SageDmo/SageDmo.node';
import { Engine } from '../../harness/engine';
import { addCredential, count, CUSTOMER_QUERY, engine, run, sandbox, startSandbox, useSdmoSandbox } from '../setup';

describe('revoke', () => {
	useSdmoSandbox();

	test('revoke sends x-tokens to invalidateToken; the next call fetches exactly 1 new token', async () => {
		const id = addCredential();
		await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
		const first = String(engine.store.get(id).data.accessToken);
		const revoked = await run(id, { resource: 'token', operation: 'revoke' }, [{}, {}]);
		expect(revoked.error).toBeUndefined();
		expect(revoked.items.map((item) => item.json)).toEqual([{ revoked: true }]);
		expect(JSON.stringify(revoked.items)).not.toContain(first);
		expect(sandbox.sdmo.invalidations()).toEqual([expect.objectContaining({ token: first, status: 204 })]);
		expect(sandbox.sdmo.tokenState(first)).toBe('invalidated');
		expect(count('sdmo.token')).toBe(1);

		const after = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY }, [{}, {}, {}]);
		expect(after.error).toBeUndefined();
		expect(after.items).toHaveLength(3);
		expect(count('sdmo.token')).toBe(2);
		expect(engine.store.get(id).data.accessToken).not.toBe(first);
	});
});

/**
 * Token → Revoke followed by another Sage DMO node in the SAME execution: the second node gets a
 * fresh token by itself (401 → preAuthentication → retry), for exactly one more token request.
 */
describe('revoke, then another node in the same execution', () => {
	let sandbox: any;

	beforeAll(async () => {
		sandbox = await startSandbox({ sdmo: { customers: 40 } });
	});
	afterAll(async () => sandbox.close());

	test('revoke, then Get Many in the same execution costs exactly 1 more token request', async () => {
		const engine = new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });
		const { clientId, clientSecret, tenantId } = sandbox.sdmo.demo;
		engine.addCredential('dmo', 'sageDmoApi', { clientId, clientSecret, tenantId, tokenUrl: `${sandbox.url}/sdmo/v1/token` });
		const credentials = { sageDmoApi: 'dmo' };

		const [first, revoke, after] = await engine.runChain([
			{ type: 'sageDmo', parameters: { resource: 'customer', operation: 'getMany', returnAll: false, limit: 3 }, credentials },
			{ type: 'sageDmo', parameters: { resource: 'token', operation: 'revoke' }, credentials },
			{ type: 'sageDmo', parameters: { resource: 'customer', operation: 'getMany', returnAll: true }, credentials },
		]);
		expect(first.error).toBeUndefined();
		expect(revoke.error).toBeUndefined();
		expect(revoke.items.map((item) => item.json)).toEqual([{ revoked: true }]);
		expect(after.error).toBeUndefined();
		// Revoke emits one item, so the last node runs once and reads all 40 customers.
		expect(after.items.map((item) => item.json._id)).toEqual(sandbox.sdmo.customers().map((customer: { _id: string }) => customer._id));

		const revokedToken = sandbox.sdmo.invalidations()[0].token;
		expect(sandbox.sdmo.tokenState(revokedToken)).toBe('invalidated');
		expect(sandbox.server.count('sdmo.token')).toBe(2);
		expect(engine.store.get('dmo').data.accessToken).not.toBe(revokedToken);
	});
});
