/* Node "Sage X3" through n8n's engine against the sandbox: folders, GraphQL, customers, data delivery. */
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

describe('Customer', () => {
	test('Get Many with Return All reads every customer once', async () => {
		const result = await run({ resource: 'customer', operation: 'getAll', folder: folder('SEED'), returnAll: true, fields: 'code companyName' });
		expect(result.error).toBeUndefined();
		const codes = result.items.map((item) => item.json.code as string);
		const expected = sandbox.x3.customers().map((customer: { code: string }) => customer.code);
		expect(expected.length).toBeGreaterThan(2000);
		expect(new Set(codes).size).toBe(codes.length);
		expect([...codes].sort()).toEqual([...expected].sort());
		expect(sandbox.server.count('x3.graphql')).toBe(Math.ceil(expected.length / 100));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Get Many with a limit, filter, order and default fields', async () => {
		const result = await run({
			resource: 'customer',
			operation: 'getAll',
			folder: folder('SEED'),
			returnAll: false,
			limit: 5,
			filter: "{country: 'FR', code: {$regex: '^AE1'}}",
			orderBy: '{code: -1}',
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.code)).toEqual(['AE1998', 'AE1992', 'AE1986', 'AE1980', 'AE1974']);
		expect(Object.keys(result.items[0].json).sort()).toEqual(
			['category', 'code', 'companyName', 'country', 'createdAt', 'currency', 'isActive', 'shortName', 'updatedAt'].sort(),
		);
		expect(sandbox.server.count('x3.graphql')).toBe(1);
	});

	test.each([
		[{ limit: 0 }, '"Limit" must be a whole number'],
		[{ limit: -3 }, '"Limit" must be a whole number'],
		[{ filter: "{code: 'AE1'" }, 'The parameter "Filter" is not a valid Sage expression'],
		[{ filter: '[1, 2]' }, 'The parameter "Filter" must be an object'],
		[{ orderBy: '{code: 2}' }, 'The parameter "Order By" sorts "code" by 2'],
		[{ fields: 'code { ' }, 'Invalid GraphQL in "Fields"'],
	])('bad input %j is refused before any request', async (parameters, message) => {
		const result = await run({ resource: 'customer', operation: 'getAll', folder: folder('SEED'), returnAll: false, limit: 5, ...parameters });
		expect(result.error?.message).toContain(message);
		expect(sandbox.server.count('x3')).toBe(0);
	});

	test('Get for 120 items sends one request per 100 codes (a full page) and pairs each result with its item', async () => {
		const items = Array.from({ length: 120 }, (_, index) => ({ code: index === 7 ? 'MISSING1' : `AE${String(index + 1).padStart(4, '0')}` }));
		items[33] = { code: "O'Brien\\x" };
		const result = await run({ resource: 'customer', operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}', fields: 'code companyName' }, items, true);
		expect(result.error).toBeUndefined();
		expect(sandbox.server.count('x3.graphql')).toBe(2);
		expect(sandbox.server.count('x3.folders')).toBe(1);
		expect(result.items).toHaveLength(120);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index === 7 || index === 33) expect(item.json.error).toContain(`No customer with code "${items[index].code}"`);
			else expect(item.json).toEqual({ code: items[index].code, companyName: `An Enterprise ${index + 1}` });
		});
	});

	test('a missing code without Continue On Fail names that item', async () => {
		const result = await run({ resource: 'customer', operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}' }, [{ code: 'AE0001' }, { code: 'ZZ' }]);
		expect(result.error?.message).toContain('No customer with code "ZZ"');
		expect((result.error as any)?.context?.itemIndex ?? (result.error as any)?.itemIndex).toBe(1);
	});

	test('400 items use one token exchange', async () => {
		const fresh = addPairedCredential(engine, sandbox);
		sandbox.server.resetCounters();
		const items = Array.from({ length: 400 }, (_, index) => ({ code: `AE${String(index + 1).padStart(4, '0')}` }));
		const result = await runX3(engine, fresh.id, { parameters: { resource: 'customer', operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}' }, items });
		expect(result.items).toHaveLength(400);
		expect(sandbox.server.count('x3.token')).toBe(1);
		expect(sandbox.server.count('x3.graphql')).toBe(4);
	});

	test('lookups send at most LOOKUP_CONCURRENCY batches at once: 1,000 items in one round, 2,500 in three', async () => {
		const { LOOKUP_CONCURRENCY } = await import('../../nodes/shared/utils');
		const codes = sandbox.x3.customers().map((customer: { code: string }) => customer.code);
		sandbox.server.latencyMs = 20; // requests overlap, as they do over a network
		try {
			// 1,000 items are 10 batches of 100, all in the first round; 2,500 wait their turn.
			for (const [size, batches, inFlight] of [
				[1000, 10, 10],
				[2500, 25, LOOKUP_CONCURRENCY],
			]) {
				sandbox.server.resetCounters();
				sandbox.server.maxInFlight = {};
				const items = codes.slice(0, size).map((code: string) => ({ code }));
				const result = await run({ resource: 'customer', operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}', fields: 'code' }, items);
				expect(result.error).toBeUndefined();
				expect(result.items.map((item) => item.json.code)).toEqual(codes.slice(0, size));
				expect(sandbox.server.count('x3.graphql')).toBe(batches);
				expect(sandbox.server.maxInFlight['x3.graphql']).toBe(inFlight);
			}
		} finally {
			sandbox.server.latencyMs = 0;
		}
	});

	test('Create, Update and Delete change the customer in X3', async () => {
		const created = await run({
			resource: 'customer',
			operation: 'create',
			folder: folder('SEED'),
			code: 'N8N001',
			companyName: 'Made by "n8n"',
			additionalFields: { country: 'GB', otherFields: '{"shortName": "n8n"}' },
		});
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ code: 'N8N001', companyName: 'Made by "n8n"', country: 'GB', currency: 'GBP', shortName: 'n8n' });
		expect(sandbox.x3.customers().find((customer: { code: string }) => customer.code === 'N8N001')).toMatchObject({ country: 'GB' });

		const updated = await run({ resource: 'customer', operation: 'update', folder: folder('SEED'), code: 'N8N001', updateFields: { companyName: 'Renamed', isActive: false } });
		expect(updated.items[0].json).toMatchObject({ code: 'N8N001', companyName: 'Renamed', isActive: false });

		const deleted = await run({ resource: 'customer', operation: 'delete', folder: folder('SEED'), code: 'N8N001' });
		expect(deleted.items[0].json).toEqual({ code: 'N8N001', deleted: true });
		expect(sandbox.x3.customers().some((customer: { code: string }) => customer.code === 'N8N001')).toBe(false);
		const log = sandbox.x3.mutationLog.filter((entry: { key: string }) => entry.key === 'N8N001').map((entry: { action: string }) => entry.action);
		expect(log).toEqual(['create', 'update', 'delete']);
	});

	test('Update with nothing to change is refused before any request', async () => {
		const result = await run({ resource: 'customer', operation: 'update', folder: folder('SEED'), code: 'AE0001', updateFields: {} });
		expect(result.error?.message).toContain('"Update Fields" is empty');
		expect(sandbox.server.count('x3')).toBe(0);
	});

	test('Continue On Fail turns a business error into an error item for that item only', async () => {
		const result = await run(
			{ resource: 'customer', operation: 'delete', folder: folder('SEED'), code: '={{ $json.code }}' },
			[{ code: 'NOPE1' }, { code: '' }],
			true,
		);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toContain('Customer NOPE1 does not exist');
		expect(result.items[1].json.error).toContain('"Customer Code" must not be empty');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

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

	test('a folder paired without api.dataDelivery says which scope is missing', async () => {
		const graphOnly = addPairedCredential(engine, sandbox, { scope: ['businessDomain.ALL', 'api.graphQL'] });
		const result = await runX3(engine, graphOnly.id, { parameters: { resource: 'dataDelivery', operation: 'listFiles', folder: folder('SEED') } });
		expect(result.error?.message).toContain('Folder "SEED" has no dataDelivery URL');
		expect(String(result.error?.description)).toContain('api.dataDelivery');
	});
});
