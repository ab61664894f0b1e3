/* Node "Sage X3" through n8n's engine against the sandbox: resource GraphQL, operation Execute. */
import { addPairedCredential, folder, newEngine, runX3, startX3Sandbox, type Sandbox } from '../setup';
import type { Engine } from '../../harness/engine';

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
