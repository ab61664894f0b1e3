/* Node "Sage X3" through n8n's engine against the sandbox: resource Data Delivery, operation List Files. */
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
	test('List Files returns every file over all pages', async () => {
		const result = await run({ resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') });
		expect(result.error).toBeUndefined();
		const expected = sandbox.x3.deliveryFiles('SEED');
		expect(result.items.map((item) => item.json.key)).toEqual(expected.map((file: { key: string }) => file.key).sort());
		expect(sandbox.server.count('x3.delivery.list')).toBe(Math.ceil(expected.length / 50));
	});

	test('a folder paired without api.dataDelivery says which scope is missing', async () => {
		const graphOnly = addPairedCredential(engine, sandbox, { scope: ['businessDomain.ALL', 'api.graphQL'] });
		const result = await runX3(engine, graphOnly.id, { parameters: { resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') } });
		expect(result.error?.message).toContain('Folder "SEED" has no dataDelivery URL');
		expect(String(result.error?.description)).toContain('api.dataDelivery');
	});
});
