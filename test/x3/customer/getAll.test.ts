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
		[{ filter: "{code: 'AE1'" }, 'The parameter "Filter (Advanced)" is not a valid Sage expression'],
		[{ orderBy: '{code: 2}' }, 'The parameter "Order By" sorts "code" by 2'],
		[{ fields: 'code { ' }, 'Invalid GraphQL in "Fields"'],
	])('bad input %j is refused before any request', async (parameters, message) => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: false, limit: 5, ...parameters });
		expect(result.error?.message).toContain(message);
		expect(suite.sandbox.server.count('x3')).toBe(0);
	});
});

/** The filter variables the sandbox's list queries received (each once, whatever the number of pages). */
const sentFilters = () => [
	...new Set(
		(suite.sandbox.server.log as Array<{ name: string; rawBody: Buffer }>)
			.filter((entry) => entry.name === 'x3.graphql' && !entry.rawBody.toString().includes('__schema'))
			.map((entry) => JSON.parse(entry.rawBody.toString()).variables?.filter as string | undefined),
	),
];

const condition = (field: string, operator: string, extra: Record<string, unknown> = {}) => ({ field, operator, ...extra });

describe.each(FOLDERS)('Customer Get Many with Conditions on folder $name', (target) => {
	const at = folder(target.name);
	const p = target.regex.charAt(0);
	const fields = ['code', 'companyName', 'country'];
	const codesOf = (result: { items: Array<{ json: Record<string, unknown> }> }) => result.items.map((item) => item.json.code as string);
	const store = () => suite.sandbox.x3.customers() as Array<Record<string, unknown>>;

	test('Conditions send the filter in the folder’s dialect and read what the raw filter reads', async () => {
		const conditions = { condition: [condition('country', 'equals', { value: 'FR' }), condition('code', 'startsWith', { value: 'AE1' })] };
		const withConditions = await run({ operation: 'getAll', folder: at, returnAll: true, fields, conditions, orderBy: '{code: 1}' });
		expect(withConditions.error).toBeUndefined();
		expect(sentFilters()).toEqual([`{country: {${p}eq: 'FR'}, code: {${p}regex: '^AE1'}}`]);
		suite.sandbox.server.resetCounters();
		const raw = await run({ operation: 'getAll', folder: at, returnAll: true, fields, filter: `{country: {${p}eq: 'FR'}, code: {${p}regex: '^AE1'}}`, orderBy: '{code: 1}' });
		expect(codesOf(withConditions)).toEqual(codesOf(raw));
		const expected = store()
			.filter((customer) => customer.country === 'FR' && String(customer.code).startsWith('AE1'))
			.map((customer) => customer.code as string)
			.sort();
		expect(expected.length).toBeGreaterThan(10);
		expect(codesOf(withConditions)).toEqual(expected);
	});

	test('Combine OR and Is One Of', async () => {
		const conditions = { condition: [condition('country', 'isOneOf', { value: 'GB, DE' }), condition('code', 'endsWith', { value: '07' })] };
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, fields, conditions, combineConditions: 'or' });
		expect(result.error).toBeUndefined();
		expect(sentFilters()).toEqual([`{${p}or: [{country: {${p}in: ['GB', 'DE']}}, {code: {${p}regex: '07$'}}]}`]);
		const expected = store().filter((customer) => ['GB', 'DE'].includes(customer.country as string) || String(customer.code).endsWith('07'));
		expect(codesOf(result).sort()).toEqual(expected.map((customer) => customer.code as string).sort());
	});

	test('Conditions and Filter (Advanced) together: both must hold', async () => {
		const conditions = { condition: [condition('country', 'notEquals', { value: 'FR' })] };
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, fields, conditions, filter: `{code: {${p}regex: '^AE00'}}` });
		expect(result.error).toBeUndefined();
		expect(sentFilters()).toEqual([`{${p}and: [{country: {${p}ne: 'FR'}}, {code: {${p}regex: '^AE00'}}]}`]);
		const expected = store().filter((customer) => customer.country !== 'FR' && String(customer.code).startsWith('AE00'));
		expect(expected.length).toBeGreaterThan(0);
		expect(codesOf(result).sort()).toEqual(expected.map((customer) => customer.code as string).sort());
	});

	test('hostile text is matched literally, not as filter syntax', async () => {
		const hostile = `O'Brien "Ltd" \\ {$ne: ''} {_ne: ''}\n€`;
		const code = 'HX001';
		if (!store().some((customer) => customer.code === code)) suite.sandbox.x3.addCustomer({ code, companyName: hostile });
		for (const operator of ['equals', 'contains', 'startsWith']) {
			const value = operator === 'contains' ? hostile.slice(3, -2) : hostile;
			const result = await run({ operation: 'getAll', folder: at, returnAll: true, fields, conditions: { condition: [condition('companyName', operator, { value })] } });
			expect([operator, result.error, codesOf(result)]).toEqual([operator, undefined, [code]]);
		}
	});

	test.each([
		[[condition('country', 'equals', { value: 'FR' }), condition('nickname', 'equals', { value: 'x' })], 'Condition 2: unknown field "nickname"'],
		[[condition('country', 'gt', { value: '3' })], 'Condition 1: "Greater Than (>)" does not apply to the text field country'],
		[[condition('country', 'isTrue')], 'Condition 1: "Is True" does not apply to the text field country'],
	])('a condition the schema refutes (%j) fails before any list query', async (rows, message) => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, conditions: { condition: rows } });
		expect(result.error?.message).toContain(message);
		expect(String(result.error?.description)).toContain('Nothing was sent to Sage');
		expect(sentFilters()).toEqual([]);
	});

	test('a condition without a field fails before any request', async () => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, conditions: { condition: [condition('country', 'equals', { value: 'FR' }), condition('', 'equals')] } });
		expect(result.error?.message).toContain('Condition 2: choose a field');
		expect(suite.sandbox.server.count('x3')).toBe(0);
	});
});

describe.each(FOLDERS)('Customer Get Many with Sort on folder $name', (target) => {
	const at = folder(target.name);
	const sentOrders = () => [
		...new Set(
			(suite.sandbox.server.log as Array<{ name: string; rawBody: Buffer }>)
				.filter((entry) => entry.name === 'x3.graphql' && !entry.rawBody.toString().includes('__schema'))
				.map((entry) => JSON.parse(entry.rawBody.toString()).variables?.orderBy as string | undefined),
		),
	];

	test('Sort rules send orderBy in order and read what the raw Order By reads', async () => {
		const sort = { rule: [{ field: 'country', direction: 'desc' }, { field: 'code', direction: 'asc' }] };
		const base = { operation: 'getAll', folder: at, returnAll: false, limit: 30, fields: ['code', 'country'] };
		const sorted = await run({ ...base, sort });
		expect(sorted.error).toBeUndefined();
		expect(sentOrders()).toEqual(['{country: -1, code: 1}']);
		const expected = (suite.sandbox.x3.customers() as Array<{ code: string; country: string }>)
			.filter((customer) => /^[A-Za-z0-9_-]+$/.test(customer.code))
			.sort((a, b) => (a.country === b.country ? (a.code < b.code ? -1 : 1) : a.country < b.country ? 1 : -1))
			.slice(0, 30)
			.map((customer) => customer.code);
		expect(sorted.items.map((item) => item.json.code)).toEqual(expected);
		const raw = await run({ ...base, orderBy: '{country: -1, code: 1}' });
		expect(raw.items.map((item) => item.json.code)).toEqual(expected);
	});

	test.each([
		[{ sort: { rule: [{ field: 'code', direction: 'asc' }] }, orderBy: '{code: 1}' }, 'Use "Sort" or "Order By", not both'],
		[{ sort: { rule: [{ field: 'code' }, { field: 'code', direction: 'desc' }] } }, 'Sort rule 2: code is already sorted by an earlier rule'],
		[{ sort: { rule: [{ field: 'code', direction: 'up' }] } }, 'Sort rule 1: the direction must be asc or desc'],
	])('bad Sort %j is refused before any request', async (parameters, message) => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, ...parameters });
		expect(result.error?.message).toContain(message);
		expect(suite.sandbox.server.count('x3')).toBe(0);
	});

	test('a Sort field the schema lacks is refused before the list query', async () => {
		const result = await run({ operation: 'getAll', folder: at, returnAll: true, sort: { rule: [{ field: 'nickname', direction: 'asc' }] } });
		expect(result.error?.message).toContain('Sort rule 1: unknown field "nickname"');
		expect(sentOrders()).toEqual([]);
	});
});
