/**
 * Shared set-up for the Sage DMO tests: the node and its credential, run through n8n's execution
 * engine against the local sandbox. The test of "Sage DMO → <Resource> → <Operation>" is
 * test/sdmo/<resource>/<operation>.test.ts (the round trip Create → Update → Delete sits in
 * customer/create.test.ts); the credential's token handling is test/sdmo/credential.test.ts.
 */
import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { Engine } from '../harness/engine';

export const { startSandbox } = require('../sandbox/index.js');

export type Json = Record<string, any>;

/** The sandbox and engine of the running test file (set by useSdmoSandbox). */
export let sandbox: any;
export let engine: Engine;
let credentialSeq = 0;

/** One sandbox for the file (or describe block), reset before each test with a fresh engine. */
export function useSdmoSandbox(): void {
	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => {
		sandbox.sdmo.reset();
		sandbox.server.resetCounters();
		sandbox.server.clearFaults?.();
		engine = new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });
	});
}

export function addCredential(overrides: Json = {}, base = sandbox.url): string {
	const id = `c${++credentialSeq}`;
	engine.addCredential(id, 'sageDmoApi', {
		clientId: sandbox.sdmo.demo.clientId,
		clientSecret: sandbox.sdmo.demo.clientSecret,
		tenantId: sandbox.sdmo.demo.tenantId,
		tokenUrl: `${base}/sdmo/v1/token`,
		...overrides,
	});
	return id;
}

export async function run(credentialId: string, parameters: Json, items: Json[] = [{}], continueOnFail = false) {
	return await engine.run({ type: 'sageDmo', parameters, credentials: { sageDmoApi: credentialId }, items, continueOnFail });
}

export const count = (route: string) => sandbox.server.count(route);
export const CUSTOMER_QUERY = 'query { xtremMasterData { customer { query(first: 2) { edges { node { _id id name } } } } } }';

/** Bad input fails before any request: each case runs on two items and must send nothing to Sage. */
export function badInputFailsBeforeAnyRequest(cases: Array<[string, Json, RegExp]>): void {
	describe('bad input fails before any request', () => {
		test.each(cases)('%s', async (_name, parameters, message) => {
			const id = addCredential();
			const r = await run(id, parameters, [{}, {}]);
			expect(r.error?.message).toMatch(message);
			expect(r.error?.name).toBe('NodeOperationError');
			expect(count('sdmo')).toBe(0);
		});
	});
}
