/* Node "Sage X3": the router runs only the operations of actions/node.type.ts. */
import { addPairedCredential, newEngine, runX3, startX3Sandbox, type Sandbox } from './setup';
import type { Engine } from '../harness/engine';

let sandbox: Sandbox;
let engine: Engine;
let credentialId: string;

beforeAll(async () => {
	sandbox = await startX3Sandbox();
	engine = newEngine();
	credentialId = addPairedCredential(engine, sandbox).id;
});

afterAll(async () => {
	await sandbox.close();
});

test.each([
	['customer', 'nope'],
	// A name every object has (Object.prototype's) is no operation either: refused the same way, not a TypeError.
	['customer', 'toString'],
])('resource %s, operation %s is refused naming both, before any request', async (resource, operation) => {
	sandbox.server.resetCounters();
	const result = await runX3(engine, credentialId, { parameters: { resource, operation } as never });
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toBe(`The operation "${operation}" is not supported for the resource "${resource}"`);
	expect(sandbox.server.count('x3')).toBe(0);
});
