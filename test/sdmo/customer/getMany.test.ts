/* Sage DMO → Customer → Get Many. */
import { addCredential, badInputFailsBeforeAnyRequest, count, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('Get Many returns all 3,000 customers with no loss or repeat, in pages of 1000', async () => {
	const id = addCredential();
	const r = await run(id, { resource: 'customer', operation: 'getMany', returnAll: true, options: { fields: '_id id' } });
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(3000);
	const ids = r.items.map((item) => item.json._id);
	expect(new Set(ids).size).toBe(3000);
	expect(new Set(ids)).toEqual(new Set(sandbox.sdmo.customers().map((customer: Json) => customer._id)));
	expect(count('sdmo.graphql')).toBe(1 + 3);
});

test('Get Many with filter, orderBy, limit and totalCount', async () => {
	const id = addCredential();
	const r = await run(id, {
		resource: 'customer',
		operation: 'getMany',
		returnAll: false,
		limit: 7,
		filter: "{country: {id: 'DE'}}",
		options: { orderBy: '{id: -1}', includeTotalCount: true, fields: 'id name' },
	});
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(1);
	expect(r.items[0].json.totalCount).toBe(600);
	expect(r.items[0].json.count).toBe(7);
	expect((r.items[0].json.records as Json[])[0]).toEqual({ id: 'DE2998', name: expect.any(String) });
});

badInputFailsBeforeAnyRequest([
	['limit', { resource: 'customer', operation: 'getMany', returnAll: false, limit: 0 }, /"Limit" must be a whole number from 1/],
	['filter', { resource: 'customer', operation: 'getMany', returnAll: true, filter: "name: 'x'" }, /"Filter \(Advanced\)" must be an object in Sage's filter syntax/],
	['condition without a field', { resource: 'customer', operation: 'getMany', returnAll: true, conditions: { condition: [{ field: 'name', operator: 'contains', value: 'a' }, { field: '', operator: 'equals' }] } }, /Condition 2: choose a field/],
	['condition with an unknown operator', { resource: 'customer', operation: 'getMany', returnAll: true, conditions: { condition: [{ field: 'name', operator: 'like', value: 'a' }] } }, /Condition 1: unknown operator "like"/],
	['Combine', { resource: 'customer', operation: 'getMany', returnAll: true, combineConditions: 'xor' }, /"Combine" must be "and" or "or"/],
]);

test('Simplify changes nothing in the default fields: they hold no collections, and references stay as Sage sent them', async () => {
	const id = addCredential();
	const parameters = { resource: 'customer', operation: 'getMany', returnAll: false, limit: 5 };
	const simple = await run(id, parameters);
	const raw = await run(id, { ...parameters, simple: false });
	expect(simple.error).toBeUndefined();
	expect(simple.items.map((item) => item.json)).toEqual(raw.items.map((item) => item.json));
	expect(simple.items[0].json.currency).toEqual({ _id: expect.any(String), id: expect.any(String) });
});

describe('Conditions', () => {
	/** The filter variables of the list queries the sandbox received (each once, whatever the number of pages). */
	const sentFilters = () => [
		...new Set(
			(sandbox.server.log as Array<{ name: string; rawBody: Buffer }>)
				.filter((entry) => entry.name === 'sdmo.graphql' && !entry.rawBody.toString().includes('__schema'))
				.map((entry) => JSON.parse(entry.rawBody.toString()).variables?.filter as string | undefined),
		),
	];
	const idsOf = (r: { items: Array<{ json: Json }> }) => r.items.map((item) => item.json.id as string).sort();
	const getMany = { resource: 'customer', operation: 'getMany', returnAll: true, options: { fields: '_id id name' } };

	test('text, boolean and number conditions send one _ filter and read what the raw filter reads', async () => {
		const id = addCredential();
		const conditions = {
			condition: [
				{ field: 'name', operator: 'contains', value: 'Logistics' },
				{ field: 'isActive', operator: 'isTrue' },
				{ field: 'creditLimit', operator: 'gte', value: '5000' },
			],
		};
		const r = await run(id, { ...getMany, conditions });
		expect(r.error).toBeUndefined();
		const filter = "{name: {_regex: 'Logistics'}, isActive: {_eq: true}, creditLimit: {_gte: 5000}}";
		expect(sentFilters()).toEqual([filter]);
		const expected = (sandbox.sdmo.customers() as Json[]).filter((c) => c.name.includes('Logistics') && c.isActive === true && c.creditLimit >= 5000).map((c) => c.id);
		expect(expected.length).toBeGreaterThan(5);
		expect(idsOf(r)).toEqual(expected.sort());
		const raw = await run(id, { ...getMany, filter });
		expect(idsOf(raw)).toEqual(idsOf(r));
	});

	test('OR of Is One Of and Ends With, and AND with Filter (Advanced) through a reference', async () => {
		const id = addCredential();
		const conditions = { condition: [{ field: 'id', operator: 'isOneOf', value: 'FR0001, DE0002,GB0003' }, { field: 'name', operator: 'endsWith', value: 'GmbH' }] };
		const r = await run(id, { ...getMany, conditions, combineConditions: 'or', filter: "{country: {id: 'DE'}}" });
		expect(r.error).toBeUndefined();
		expect(sentFilters()).toEqual(["{_and: [{_or: [{id: {_in: ['FR0001', 'DE0002', 'GB0003']}}, {name: {_regex: 'GmbH$'}}]}, {country: {id: 'DE'}}]}"]);
		const germany = (sandbox.sdmo.records('country') as Json[]).find((c) => c.id === 'DE')!._id;
		const expected = (sandbox.sdmo.customers() as Json[]).filter((c) => String(c.country) === String(germany) && (['FR0001', 'DE0002', 'GB0003'].includes(c.id) || c.name.endsWith('GmbH')));
		expect(expected.length).toBeGreaterThan(1);
		expect(idsOf(r)).toEqual(expected.map((c) => c.id).sort());
	});

	test('hostile text is matched literally', async () => {
		const id = addCredential();
		const hostile = `Zoë's "Bar" \\ {_ne: ''} $regex\n北京`;
		sandbox.sdmo.change('customer', '1', { name: hostile });
		for (const [operator, value] of [['equals', hostile], ['contains', hostile.slice(2, -1)], ['startsWith', hostile]]) {
			const r = await run(id, { ...getMany, conditions: { condition: [{ field: 'name', operator, value }] } });
			expect([operator, r.error, idsOf(r)]).toEqual([operator, undefined, ['FR0001']]);
		}
	});

	test.each([
		[[{ field: 'name', operator: 'contains', value: 'a' }, { field: 'nickname', operator: 'equals', value: 'x' }], 'Condition 2: unknown field "nickname"'],
		[[{ field: 'creditLimit', operator: 'startsWith', value: '1' }], 'Condition 1: "Starts With" does not apply to the number field creditLimit'],
		[[{ field: 'creditLimit', operator: 'between', value: '1', valueTo: 'lots' }], 'Condition 1: the number field creditLimit cannot be compared with "lots"'],
	])('a condition the schema refutes fails before any list query (%j)', async (rows, message) => {
		const id = addCredential();
		const r = await run(id, { ...getMany, conditions: { condition: rows } });
		expect(r.error?.message).toContain(message);
		expect(sentFilters()).toEqual([]);
	});
});

describe('Sort', () => {
	const sentOrders = () => [
		...new Set(
			(sandbox.server.log as Array<{ name: string; rawBody: Buffer }>)
				.filter((entry) => entry.name === 'sdmo.graphql' && !entry.rawBody.toString().includes('__schema'))
				.map((entry) => JSON.parse(entry.rawBody.toString()).variables?.orderBy as string | undefined),
		),
	];

	test('rules send orderBy {field: 1|-1} in order and read what the raw Order By reads', async () => {
		const id = addCredential();
		const base = { resource: 'customer', operation: 'getMany', returnAll: false, limit: 25, options: { fields: 'id creditLimit' } };
		const sorted = await run(id, { ...base, sort: { rule: [{ field: 'creditLimit', direction: 'desc' }, { field: 'id', direction: 'asc' }] } });
		expect(sorted.error).toBeUndefined();
		expect(sentOrders()).toEqual(['{creditLimit: -1, id: 1}']);
		const expected = [...(sandbox.sdmo.customers() as Json[])]
			.sort((a, b) => (a.creditLimit === b.creditLimit ? (a.id < b.id ? -1 : 1) : b.creditLimit - a.creditLimit))
			.slice(0, 25)
			.map((c) => c.id);
		expect(sorted.items.map((item) => item.json.id)).toEqual(expected);
		const raw = await run(id, { ...base, options: { ...base.options, orderBy: '{creditLimit: -1, id: 1}' } });
		expect(raw.items.map((item) => item.json.id)).toEqual(expected);
	});

	test('a field the entity lacks fails before the list query; Sort with Order By fails before any request', async () => {
		const id = addCredential();
		const unknown = await run(id, { resource: 'customer', operation: 'getMany', returnAll: true, sort: { rule: [{ field: 'rank', direction: 'asc' }] } });
		expect(unknown.error?.message).toContain('Sort rule 1: unknown field "rank"');
		expect(sentOrders()).toEqual([]);
		sandbox.server.resetCounters();
		const both = await run(id, { resource: 'customer', operation: 'getMany', returnAll: true, sort: { rule: [{ field: 'id', direction: 'asc' }] }, options: { orderBy: '{id: 1}' } });
		expect(both.error?.message).toContain('Use "Sort" or "Order By", not both');
		expect(count('sdmo')).toBe(0);
	});
});
