/*
 * Node "Sage X3", resource Customer, operation Get Many,
 * on the folder schemas of ./folders.ts (SEED, X3 and MINI): fields and inputs come from the folder's schema.
 */
import { folder, useX3Suite } from '../setup';
import { customerCodesIn, FOLDERS, introspectionsIn } from './folders';

const suite = useX3Suite({ sandbox: { folders: ['MINI'] }, credential: { folders: ['SEED', 'X3', 'MINI'] }, resource: 'customer' });
const run = suite.run;

const introspections = () => introspectionsIn(suite.sandbox);

const codes = () => customerCodesIn(suite.sandbox);

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
		expect(suite.sandbox.server.count('x3.graphql')).toBe(2);
	});

	test('Get Many with Return All reads every customer once', async () => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, fields: ['code', 'companyName'] });
		expect(result.error).toBeUndefined();
		const got = result.items.map((item) => item.json.code as string);
		expect(got.length).toBeGreaterThan(2000);
		expect(new Set(got).size).toBe(got.length);
		expect([...got].sort()).toEqual([...codes()].sort());
		expect(Object.keys(result.items[0].json).sort()).toEqual(['code', 'companyName']);
		expect(suite.sandbox.server.count('x3.graphql')).toBe(1 + Math.ceil(got.length / 100));
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	test('a field the folder’s type lacks is refused, naming the fields it has, before any data request', async () => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, fields: ['code', 'nickname'] });
		expect(result.error?.message).toContain(`Unknown field(s) nickname in the parameter "Fields"`);
		expect(String(result.error?.description)).toContain(target.defaultFields.join(', '));
		expect(suite.sandbox.server.count('x3.graphql')).toBe(introspections());
	});

	test.each([
		[{ limit: 0 }, '"Limit" must be a whole number'],
		[{ filter: "{code: 'AE1'" }, 'The parameter "Filter" is not a valid Sage expression'],
		[{ orderBy: '{code: 2}' }, 'The parameter "Order By" sorts "code" by 2'],
		[{ fields: 'code { ' }, 'Invalid GraphQL in "Fields"'],
	])('bad input %j is refused before any request', async (parameters, message) => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: false, limit: 5, ...parameters });
		expect(result.error?.message).toContain(message);
		expect(suite.sandbox.server.count('x3')).toBe(0);
	});
});
