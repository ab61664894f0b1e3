/* Node "Sage X3" through n8n's engine against the sandbox: resource Data Delivery, operation Delete. */
import { addPairedCredential, folder, newEngine, runX3, startX3Sandbox, type Sandbox } from '../setup';
import type { Engine } from '../../harness/engine';

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

beforeEach(() => {
	sandbox.server.resetCounters();
});

const run = async (parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>, continueOnFail = false) =>
	await runX3(engine, credentialId, { parameters: parameters as never, items: items as never, continueOnFail });

describe('Data Delivery', () => {
	test('Delete removes the file (by key or by URL)', async () => {
		const [first, second] = sandbox.x3.deliveryFiles('SEED');
		const listed = await run({ resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') });
		const secondUrl = listed.items.find((item) => item.json.key === second.key)!.json.deleteUrl;
		const result = await run({ resource: 'dataDelivery', operation: 'delete', folder: folder('SEED'), file: '={{ $json.file }}' }, [{ file: first.key }, { file: secondUrl }]);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ key: first.key, deleted: true }, { key: second.key, deleted: true }]);
		const remaining = sandbox.x3.deliveryFiles('SEED').map((file: { key: string }) => file.key);
		expect(remaining).not.toContain(first.key);
		expect(remaining).not.toContain(second.key);
	});
});
