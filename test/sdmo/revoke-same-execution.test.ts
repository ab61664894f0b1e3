/**
 * Token → Revoke followed by another Sage DMO node in the SAME execution: the second node gets a
 * fresh token by itself (401 → preAuthentication → retry), for exactly one more token request.
 */
import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { Engine } from '../harness/engine';

const { startSandbox } = require('../sandbox/index.js');

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
