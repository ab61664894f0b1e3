/*
 * Node "Sage X3", resource Customer, on three folder schemas: the older `sage { ... }` one (SEED),
 * V12 `x3MasterData` (X3) and MINI, the older layout with a Customer type of three fields and
 * input types of other names. Fields and inputs come from the folder's schema, never a guess.
 */
import { addPairedCredential, folder, loadOptionsContext, newEngine, runX3, startX3Sandbox, type Sandbox } from './setup';
import type { Engine } from '../harness/engine';

let sandbox: Sandbox;
let engine: Engine;
let credentialId: string;

beforeAll(async () => {
	sandbox = await startX3Sandbox({ folders: ['MINI'] });
	engine = newEngine();
	credentialId = addPairedCredential(engine, sandbox, { folders: ['SEED', 'X3', 'MINI'] }).id;
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.server.resetCounters();
});

const run = async (parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>, continueOnFail = false) =>
	await runX3(engine, credentialId, { parameters: { resource: 'customer', ...parameters } as never, items: items as never, continueOnFail });

const FULL = ['code', 'companyName', 'shortName', 'category', 'country', 'currency', 'isActive', 'createdAt', 'updatedAt'];

interface FolderCase {
	name: string;
	/** Fields a Get Many returns when Fields is left empty. */
	defaultFields: string[];
	/** The key field the folder's mutations and `read` use. */
	key: string;
	regex: string;
	hasIsActive: boolean;
}

const FOLDERS: FolderCase[] = [
	{ name: 'SEED', defaultFields: FULL, key: 'code', regex: '$regex', hasIsActive: true },
	{ name: 'X3', defaultFields: ['_id', ...FULL], key: '_id', regex: '_regex', hasIsActive: true },
	{ name: 'MINI', defaultFields: ['code', 'companyName', 'country'], key: 'code', regex: '$regex', hasIsActive: false },
];

const introspections = () =>
	sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('__schema')).length;

const mutationsSent = () =>
	sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('"query":"mutation')).length;

const codes = () => sandbox.x3.customers().map((customer: { code: string }) => customer.code) as string[];

describe.each(FOLDERS)('Customer on folder $name', (target) => {
	const at = folder(target.name);

	test('Get Many with the default fields returns the fields of the folder’s customer type', async () => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: false, limit: 5, filter: `{code: {${target.regex}: '^AE1'}}`, orderBy: '{code: -1}' });
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.code)).toEqual(['AE1999', 'AE1998', 'AE1997', 'AE1996', 'AE1995']);
		expect(Object.keys(result.items[0].json).sort()).toEqual([...target.defaultFields].sort());
		expect(result.items[0].json).toMatchObject({ code: 'AE1999', companyName: 'An Enterprise 1999' });
		// One introspection, one page.
		expect(introspections()).toBe(1);
		expect(sandbox.server.count('x3.graphql')).toBe(2);
	});

	test('Get Many with Return All reads every customer once', async () => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, fields: ['code', 'companyName'] });
		expect(result.error).toBeUndefined();
		const got = result.items.map((item) => item.json.code as string);
		expect(got.length).toBeGreaterThan(2000);
		expect(new Set(got).size).toBe(got.length);
		expect([...got].sort()).toEqual([...codes()].sort());
		expect(Object.keys(result.items[0].json).sort()).toEqual(['code', 'companyName']);
		expect(sandbox.server.count('x3.graphql')).toBe(1 + Math.ceil(got.length / 100));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('Get for 120 items sends one request per 100 codes and pairs each result with its item', async () => {
		const items = Array.from({ length: 120 }, (_, index) => ({ code: index === 7 ? 'MISSING1' : `AE${String(index + 1).padStart(4, '0')}` }));
		items[33] = { code: "O'Brien\\x" };
		const result = await run({ operation: 'get', folder: at, code: '={{ $json.code }}', fields: ['code', 'companyName'] }, items, true);
		expect(result.error).toBeUndefined();
		expect(sandbox.server.count('x3.graphql')).toBe(1 + 2);
		expect(sandbox.server.count('x3.folders')).toBe(1);
		expect(result.items).toHaveLength(120);
		result.items.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index === 7 || index === 33) expect(item.json.error).toContain(`No customer with ${target.key} "${items[index].code}"`);
			else expect(item.json).toEqual({ code: items[index].code, companyName: `An Enterprise ${index + 1}` });
		});
	});

	test('Get with the default fields returns the folder’s fields', async () => {
		const result = await run({ operation: 'get', folder: at, code: 'AE0002' });
		expect(result.error).toBeUndefined();
		expect(Object.keys(result.items[0].json).sort()).toEqual([...target.defaultFields].sort());
	});

	test('a field the folder’s type lacks is refused, naming the fields it has, before any data request', async () => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, fields: ['code', 'nickname'] });
		expect(result.error?.message).toContain(`Unknown field(s) nickname in the parameter "Fields"`);
		expect(String(result.error?.description)).toContain(target.defaultFields.join(', '));
		expect(sandbox.server.count('x3.graphql')).toBe(introspections());
	});

	test.each([
		[{ limit: 0 }, '"Limit" must be a whole number'],
		[{ filter: "{code: 'AE1'" }, 'The parameter "Filter" is not a valid Sage expression'],
		[{ orderBy: '{code: 2}' }, 'The parameter "Order By" sorts "code" by 2'],
		[{ fields: 'code { ' }, 'Invalid GraphQL in "Fields"'],
	])('bad input %j is refused before any request', async (parameters, message) => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: false, limit: 5, ...parameters });
		expect(result.error?.message).toContain(message);
		expect(sandbox.server.count('x3')).toBe(0);
	});

	test('Create (field by field), Update (JSON) and Delete change the customer, with values typed from the input type', async () => {
		const code = `N8N${target.name}`;
		const created = await run({
			operation: 'create',
			folder: at,
			code,
			companyName: 'Made by "n8n"',
			fieldValues: { field: [{ name: 'country', value: 'GB' }, ...(target.hasIsActive ? [{ name: 'isActive', value: 'false' }] : [])] },
		});
		expect(created.error).toBeUndefined();
		expect(Object.keys(created.items[0].json).sort()).toEqual([...target.defaultFields].sort());
		expect(created.items[0].json).toMatchObject({ code, companyName: 'Made by "n8n"', country: 'GB', ...(target.hasIsActive && { isActive: false }) });
		expect(sandbox.x3.customers().find((customer: { code: string }) => customer.code === code)).toMatchObject({ country: 'GB' });

		const updated = await run({ operation: 'update', folder: at, code, fieldsMode: 'json', data: '{"companyName": "Renamed"}', fields: ['code', 'companyName'] });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toEqual({ code, companyName: 'Renamed' });

		const deleted = await run({ operation: 'delete', folder: at, code });
		expect(deleted.items[0].json).toEqual({ code, deleted: true });
		expect(codes()).not.toContain(code);
		const log = sandbox.x3.mutationLog.filter((entry: { key: string }) => entry.key === code).map((entry: { action: string }) => entry.action);
		expect(log).toEqual(['create', 'update', 'delete']);
	});

	test('Update with nothing to change is refused before any request', async () => {
		const result = await run({ operation: 'update', folder: at, code: 'AE0001' });
		expect(result.error?.message).toContain('The parameter "Update Fields" is empty');
		expect(sandbox.server.count('x3')).toBe(0);
	});

	test('Continue On Fail turns a business error into an error item for that item only', async () => {
		const result = await run({ operation: 'delete', folder: at, code: '={{ $json.code }}' }, [{ code: 'NOPE1' }, { code: '' }], true);
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toContain('Customer NOPE1 does not exist');
		expect(result.items[1].json.error).toContain('"Customer Code" must not be empty');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('the field pickers list the folder’s customer fields and input fields', async () => {
		const { getCustomerFields, getCustomerInputFields } = await import('../../nodes/SageX3/methods/loadOptions');
		const fields = await getCustomerFields.call((await loadOptionsContext(engine, credentialId, { folder: at })) as never);
		expect(fields.map((option) => option.value).sort()).toEqual([...target.defaultFields].sort());
		const createInputs = await getCustomerInputFields.call((await loadOptionsContext(engine, credentialId, { folder: at, operation: 'create' })) as never);
		const updateInputs = await getCustomerInputFields.call((await loadOptionsContext(engine, credentialId, { folder: at, operation: 'update' })) as never);
		const settable = target.hasIsActive ? ['category', 'country', 'currency', 'isActive', 'shortName'] : ['country'];
		expect(createInputs.map((option) => option.value)).toEqual(settable);
		expect(updateInputs.map((option) => option.value)).toEqual(['companyName', ...settable].sort());
	});
});

describe('Customer: values checked against the folder’s input types', () => {
	test('on MINI, a field its input type lacks is refused before any mutation, naming the fields it has', async () => {
		const json = await run({ operation: 'create', folder: folder('MINI'), code: 'MINI1', companyName: 'Mini', fieldsMode: 'json', data: '{"shortName": "m"}' });
		expect(json.error?.message).toContain('Unknown field "shortName" in "Data (JSON)" for sage.x3BusinessPartners.customer');
		expect(String(json.error?.description)).toBe("Fields of the folder's NewCustomer: country");
		const listed = await run({ operation: 'update', folder: folder('MINI'), code: 'AE0001', fieldValues: { field: [{ name: 'category', value: 'KEY' }] } });
		expect(listed.error?.message).toContain('Unknown field "category" in "Update Fields"');
		expect(mutationsSent()).toBe(0);
		expect(codes()).not.toContain('MINI1');
	});

	test('a value that is not of the field’s type is refused before any mutation', async () => {
		const result = await run({ operation: 'update', folder: folder('SEED'), code: 'AE0001', fieldValues: { field: [{ name: 'isActive', value: 'yes' }] } });
		expect(result.error?.message).toContain('The field "isActive" in "Update Fields" must be true or false, not "yes"');
		const unnamed = await run({ operation: 'update', folder: folder('SEED'), code: 'AE0001', fieldValues: { field: [{ name: '', value: 'x' }] } });
		expect(unnamed.error?.message).toContain('Field 1 of "Update Fields" has no field name');
		expect(mutationsSent()).toBe(0);
	});

	test('workflows saved with the earlier Additional Fields / Update Fields still run, checked against the schema', async () => {
		const created = await run({
			operation: 'create',
			folder: folder('SEED'),
			code: 'N8NOLD',
			companyName: 'Earlier',
			additionalFields: { country: 'GB', otherFields: '{"shortName": "n8n"}' },
		});
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({ code: 'N8NOLD', country: 'GB', currency: 'GBP', shortName: 'n8n' });
		const updated = await run({ operation: 'update', folder: folder('SEED'), code: 'N8NOLD', updateFields: { companyName: 'Renamed', isActive: false } });
		expect(updated.items[0].json).toMatchObject({ code: 'N8NOLD', companyName: 'Renamed', isActive: false });
		expect((await run({ operation: 'delete', folder: folder('SEED'), code: 'N8NOLD' })).items[0].json).toEqual({ code: 'N8NOLD', deleted: true });

		sandbox.server.resetCounters();
		const onMini = await run({ operation: 'create', folder: folder('MINI'), code: 'N8NOLD', companyName: 'Earlier', additionalFields: { shortName: 'n8n' } });
		expect(onMini.error?.message).toContain('Unknown field "shortName" in "Additional Fields"');
		expect(mutationsSent()).toBe(0);
	});

	test('Fields given as text (names separated by spaces), as earlier workflows wrote them, are checked by name', async () => {
		const result = await run({ operation: 'get', folder: folder('MINI'), code: 'AE0003', fields: 'code country' });
		expect(result.items[0].json).toEqual({ code: 'AE0003', country: 'DE' });
		const lacking = await run({ operation: 'get', folder: folder('MINI'), code: 'AE0003', fields: 'code shortName' });
		expect(lacking.error?.message).toContain('Unknown field(s) shortName in the parameter "Fields"');
	});
});

describe('Customer: requests and tokens', () => {
	test('400 items use one token exchange and one introspection', async () => {
		const fresh = addPairedCredential(engine, sandbox);
		sandbox.server.resetCounters();
		const items = Array.from({ length: 400 }, (_, index) => ({ code: `AE${String(index + 1).padStart(4, '0')}` }));
		const result = await runX3(engine, fresh.id, { parameters: { resource: 'customer', operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}' }, items });
		expect(result.items).toHaveLength(400);
		expect(sandbox.server.count('x3.token')).toBe(1);
		expect(introspections()).toBe(1);
		expect(sandbox.server.count('x3.graphql')).toBe(1 + 4);
	});

	test('lookups send at most LOOKUP_CONCURRENCY batches at once: 1,000 items in one round, 2,500 in three', async () => {
		const { LOOKUP_CONCURRENCY } = await import('../../nodes/shared/utils');
		const all = codes();
		sandbox.server.latencyMs = 20; // requests overlap, as they do over a network
		try {
			for (const [size, batches, inFlight] of [
				[1000, 10, 10],
				[2500, 25, LOOKUP_CONCURRENCY],
			]) {
				sandbox.server.resetCounters();
				sandbox.server.maxInFlight = {};
				const items = all.slice(0, size).map((code: string) => ({ code }));
				const result = await run({ operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}', fields: 'code' }, items);
				expect(result.error).toBeUndefined();
				expect(result.items.map((item) => item.json.code)).toEqual(all.slice(0, size));
				expect(sandbox.server.count('x3.graphql')).toBe(1 + batches);
				expect(sandbox.server.maxInFlight['x3.graphql']).toBe(inFlight);
			}
		} finally {
			sandbox.server.latencyMs = 0;
		}
	});
});
