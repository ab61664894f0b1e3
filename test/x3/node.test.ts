/* Node "Sage X3" through n8n's engine against the sandbox: folders, GraphQL, data delivery. */
import { addPairedCredential, folder, loadOptionsContext, newEngine, runX3, startX3Sandbox, type Sandbox } from './setup';
import type { Engine } from '../harness/engine';

let sandbox: Sandbox;
let engine: Engine;
let credentialId: string;

const SEED_QUERY =
	'{\n  sage {\n    x3BusinessPartners {\n      customer(first: 2) {\n        edges {\n          node {\n            code\n            companyName\n          }\n        }\n      }\n    }\n  }\n}';

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

describe('Folder → List and the folder picker', () => {
	test('lists each folder with its URLs', async () => {
		const result = await run({ resource: 'folder', operation: 'list' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([
			expect.objectContaining({ name: 'SEED', dataService: expect.stringContaining('/service/X3CLOUDV2_SEED/graphQL'), dataDelivery: expect.stringContaining('/datadelivery/SEED') }),
			expect.objectContaining({ name: 'X3', dataService: expect.stringContaining('/service/X3CLOUDV2_X3/api') }),
		]);
	});

	test('listSearch offers the folders and filters by name', async () => {
		const { searchFolders } = await import('../../nodes/SageX3/methods/listSearch');
		const context = await loadOptionsContext(engine, credentialId, {});
		const all = await searchFolders.call(context as never);
		expect(all.results.map((result) => result.value)).toEqual(['SEED', 'X3']);
		const filtered = await searchFolders.call(context as never, 'se');
		expect(filtered.results.map((result) => result.value)).toEqual(['SEED']);
	});

	test('an unknown folder is a NodeOperationError listing the folders, before any GraphQL request', async () => {
		const result = await run({ resource: 'customer', operation: 'get', folder: folder('NOPE'), code: 'AE0001' });
		expect(result.error?.message).toContain('Unknown folder "NOPE" in the parameter "Folder"');
		expect(String(result.error?.description)).toContain('SEED, X3');
		expect(sandbox.server.count('x3.graphql')).toBe(0);
	});

	test('the folder picker accepts the list mode and an expression', async () => {
		const listed = await run({ resource: 'customer', operation: 'get', folder: { __rl: true, mode: 'list', value: 'SEED' }, code: 'AE0001' });
		expect(listed.items[0].json.code).toBe('AE0001');
		const fromExpression = await run(
			{ resource: 'customer', operation: 'get', folder: { __rl: true, mode: 'name', value: '={{ $json.folder }}' }, code: '={{ $json.code }}' },
			[{ folder: 'SEED', code: 'AE0002' }],
		);
		expect(fromExpression.items[0].json.code).toBe('AE0002');
	});
});

describe('GraphQL → Execute', () => {
	test("the seed's customer(first: 2) example runs as is", async () => {
		const result = await run({ resource: 'graphql', operation: 'execute', folder: folder('SEED'), query: SEED_QUERY, variables: '{}' });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.data).toEqual({
			sage: {
				x3BusinessPartners: {
					customer: { edges: [{ node: { code: 'AE0001', companyName: 'An Enterprise 1' } }, { node: { code: 'AE0002', companyName: 'An Enterprise 2' } }] },
				},
			},
		});
	});

	test('variables are sent as JSON', async () => {
		const result = await run({
			resource: 'graphql',
			operation: 'execute',
			folder: folder('SEED'),
			query: 'query ($f: String) { sage { x3BusinessPartners { customer(filter: $f) { edges { node { code } } } } } }',
			variables: JSON.stringify({ f: "{code: 'AE0042'}" }),
		});
		expect((result.items[0].json.data as any).sage.x3BusinessPartners.customer.edges).toEqual([{ node: { code: 'AE0042' } }]);
	});

	test('Return All Pages returns one item per node over every page', async () => {
		const result = await run({
			resource: 'graphql',
			operation: 'execute',
			folder: folder('SEED'),
			query: '{ sage { x3BusinessPartners { customer(first: 100, orderBy: "{code: -1}") { edges { node { code } } } } } }',
			paginate: true,
			connectionPath: 'sage.x3BusinessPartners.customer',
		});
		expect(result.error).toBeUndefined();
		const codes = result.items.map((item) => item.json.code);
		expect(codes).toHaveLength(sandbox.x3.customers().length);
		expect(new Set(codes).size).toBe(codes.length);
		expect(codes[0]).toBe('AE2500');
		expect(sandbox.server.count('x3.graphql')).toBe(25);
	});

	test('invalid GraphQL and non-JSON variables are refused before any request', async () => {
		const invalid = await run({ resource: 'graphql', operation: 'execute', folder: folder('SEED'), query: '{ sage { x3BusinessPartners { customer( } }' });
		expect(invalid.error?.message).toMatch(/Invalid GraphQL in "Query" at line 1, column \d+/);
		const badVariables = await run({ resource: 'graphql', operation: 'execute', folder: folder('SEED'), query: SEED_QUERY, variables: '{not json' });
		expect(badVariables.error?.message).toContain('"Variables" is not valid JSON');
		expect(sandbox.server.count('x3')).toBe(0);
	});

	test('GraphQL errors from X3 become an API error carrying its message', async () => {
		const result = await run({ resource: 'graphql', operation: 'execute', folder: folder('SEED'), query: '{ sage { nope } }' });
		expect(result.error?.message).toContain('Cannot query field "nope"');
	});
});

// Customer: test/x3/customer.test.ts, on each folder schema.

describe('Data Delivery', () => {
	test('List Files returns every file over all pages', async () => {
		const result = await run({ resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') });
		expect(result.error).toBeUndefined();
		const expected = sandbox.x3.deliveryFiles('SEED');
		expect(result.items.map((item) => item.json.key)).toEqual(expected.map((file: { key: string }) => file.key).sort());
		expect(sandbox.server.count('x3.delivery.list')).toBe(Math.ceil(expected.length / 50));
	});

	test('Download returns the file as binary data', async () => {
		const [file] = sandbox.x3.deliveryFiles('SEED');
		const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key, binaryPropertyName: 'csv' });
		expect(result.error).toBeUndefined();
		const binary = result.items[0].binary?.csv;
		expect(binary?.fileName).toBe(file.key);
		expect(binary?.mimeType).toBe('text/csv');
		const content = Buffer.from(binary!.data, 'base64');
		expect(content.length).toBe(file.size);
		expect(require('node:crypto').createHash('md5').update(content).digest('hex')).toBe(file.checksum);
	});

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

	test('an unknown file key is reported for its item', async () => {
		const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: 'nope.csv' });
		expect(result.error?.message).toContain('No data delivery file "nope.csv"');
	});

	describe('Download when X3 redirects to the file\'s storage (a pre-signed URL)', () => {
		afterEach(() => sandbox.x3.setDownloadRedirect(undefined));

		test('on the gateway\'s host: followed, and the storage gets no token', async () => {
			sandbox.x3.setDownloadRedirect('presigned');
			const [file] = sandbox.x3.deliveryFiles('SEED');
			const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key });
			expect(result.error).toBeUndefined();
			expect(Buffer.from(result.items[0].binary!.data.data, 'base64').length).toBe(file.size);
			const storage = sandbox.server.log.filter((entry: { name: string }) => entry.name === 'x3.delivery.storage');
			expect(storage).toHaveLength(1);
			expect(storage[0].headers.authorization).toBeUndefined();
		});

		test('to another host: the item fails naming it, nothing is sent there', async () => {
			sandbox.x3.setDownloadRedirect((storage: string) => storage.replace('127.0.0.1', '127.0.0.2'));
			const [file] = sandbox.x3.deliveryFiles('SEED');
			const before = sandbox.server.count('x3.delivery.storage');
			const result = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key });
			expect(result.error?.message).toMatch(/redirect \(HTTP 302\) to http:\/\/127\.0\.0\.2:\d+; it was not followed/);
			expect(sandbox.server.count('x3.delivery.storage')).toBe(before);
		});

		test('Max File Size is checked before anything is sent: a whole number of MB from 1 to 4096', async () => {
			const [file] = sandbox.x3.deliveryFiles('SEED');
			const refused = await run({ resource: 'dataDelivery', operation: 'download', folder: folder('SEED'), file: file.key, downloadOptions: { maxFileSizeMb: 0 } });
			expect(refused.error?.message).toMatch(/"Max File Size \(MB\)" must be a whole number from 1 to 4096/);
		});
	});

	test('a folder paired without api.dataDelivery says which scope is missing', async () => {
		const graphOnly = addPairedCredential(engine, sandbox, { scope: ['businessDomain.ALL', 'api.graphQL'] });
		const result = await runX3(engine, graphOnly.id, { parameters: { resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') } });
		expect(result.error?.message).toContain('Folder "SEED" has no dataDelivery URL');
		expect(String(result.error?.description)).toContain('api.dataDelivery');
	});
});
