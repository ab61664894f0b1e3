/*
 * Node "Sage X3", resource Customer, operation Get (reads by code, batched),
 * on the folder schemas of ./folders.ts (SEED, X3 and MINI): fields and inputs come from the folder's schema.
 */
import { addPairedCredential, folder, runX3, useX3Suite } from '../setup';
import { customerCodesIn, FOLDERS, introspectionsIn } from './folders';

const suite = useX3Suite({ sandbox: { folders: ['MINI'] }, credential: { folders: ['SEED', 'X3', 'MINI'] }, resource: 'customer' });
const run = suite.run;

const introspections = () => introspectionsIn(suite.sandbox);

const codes = () => customerCodesIn(suite.sandbox);

describe.each(FOLDERS)('Customer on folder $name', (target) => {
	const at = folder(target.name);

	test('Get for 120 items sends one request per 100 codes and pairs each result with its item', async () => {
		const items = Array.from({ length: 120 }, (_, index) => ({ code: index === 7 ? 'MISSING1' : `AE${String(index + 1).padStart(4, '0')}` }));
		items[33] = { code: "O'Brien\\x" };
		const result = await run({ operation: 'get', folder: at, code: '={{ $json.code }}', fields: ['code', 'companyName'] }, items, true);
		expect(result.error).toBeUndefined();
		expect(suite.sandbox.server.count('x3.graphql')).toBe(1 + 2);
		expect(suite.sandbox.server.count('x3.folders')).toBe(1);
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
});

describe('Customer: values checked against the folder’s input types', () => {
	test('Fields given as text (names separated by spaces), as earlier workflows wrote them, are checked by name', async () => {
		const result = await run({ operation: 'get', folder: folder('MINI'), code: 'AE0003', fields: 'code country' });
		expect(result.items[0].json).toEqual({ code: 'AE0003', country: 'DE' });
		const lacking = await run({ operation: 'get', folder: folder('MINI'), code: 'AE0003', fields: 'code shortName' });
		expect(lacking.error?.message).toContain('Unknown field(s) shortName in the parameter "Fields"');
	});
});

describe('Customer: requests and tokens', () => {
	test('400 items use one token exchange and one introspection', async () => {
		const fresh = addPairedCredential(suite.engine, suite.sandbox);
		suite.sandbox.server.resetCounters();
		const items = Array.from({ length: 400 }, (_, index) => ({ code: `AE${String(index + 1).padStart(4, '0')}` }));
		const result = await runX3(suite.engine, fresh.id, { parameters: { resource: 'customer', operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}' }, items });
		expect(result.items).toHaveLength(400);
		expect(suite.sandbox.server.count('x3.token')).toBe(1);
		expect(introspections()).toBe(1);
		expect(suite.sandbox.server.count('x3.graphql')).toBe(1 + 4);
	});

	test('lookups send at most LOOKUP_CONCURRENCY batches at once: 1,000 items in one round, 2,500 in three', async () => {
		const { LOOKUP_CONCURRENCY } = await import('../../../nodes/shared/utils');
		const all = codes();
		suite.sandbox.server.latencyMs = 20; // requests overlap, as they do over a network
		try {
			for (const [size, batches, inFlight] of [
				[1000, 10, 10],
				[2500, 25, LOOKUP_CONCURRENCY],
			]) {
				suite.sandbox.server.resetCounters();
				suite.sandbox.server.maxInFlight = {};
				const items = all.slice(0, size).map((code: string) => ({ code }));
				const result = await run({ operation: 'get', folder: folder('SEED'), code: '={{ $json.code }}', fields: 'code' }, items);
				expect(result.error).toBeUndefined();
				expect(result.items.map((item) => item.json.code)).toEqual(all.slice(0, size));
				expect(suite.sandbox.server.count('x3.graphql')).toBe(1 + batches);
				expect(suite.sandbox.server.maxInFlight['x3.graphql']).toBe(inFlight);
			}
		} finally {
			suite.sandbox.server.latencyMs = 0;
		}
	});
});

describe('Simplify', () => {
	const shaped = useX3Suite({ sandbox: { customers: 20, suppliers: 2, salesOrders: 2, recordUrls: true }, resource: 'customer' });

	test('the default fields are flat: Simplify drops only the $urls Sage added, and changes nothing where Sage adds none', async () => {
		const parameters = { operation: 'get', folder: folder('X3'), code: 'AE0002' };
		const raw = await shaped.run({ ...parameters, simple: false });
		expect(raw.error).toBeUndefined();
		const { $urls, ...record } = raw.items[0].json;
		expect($urls).toEqual({ self: expect.stringMatching(/#AE0002$/) });
		expect((await shaped.run(parameters)).items[0].json).toEqual(record);
		// The folder as Sage documents it: the same output with Simplify on and off.
		const plain = await suite.run({ ...parameters, simple: false });
		expect(plain.items[0].json).toEqual(record);
		expect((await suite.run(parameters)).items[0].json).toEqual(plain.items[0].json);
	});
});
