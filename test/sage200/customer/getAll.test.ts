/* Sage 200 → Customer → Get Many: limits, paging with $skip, Return All per company, order and filters, run through n8n's engine against the sandbox over HTTP. */
import { apiRequestsOf, decodedQuery, useSage200Suite } from '../setup';

// A little latency lets concurrent pages overlap on the server, so the in-flight bound is really exercised.
const suite = useSage200Suite({ latencyMs: 15 });
const { run } = suite;
const apiRequests = () => apiRequestsOf(suite.server);

describe('Sage 200 → Customer → Get Many', () => {
	test('Get Many with a limit sends one ordered request', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 7 });
		expect(r.error).toBeUndefined();
		const expected = suite.s200.records(1, 'customers').slice(0, 7).map((c: any) => c.id);
		expect(r.items.map((i) => i.json.id)).toEqual(expected);
		expect(suite.server.count('s200.customers.list')).toBe(1);
		const q = decodedQuery(apiRequests()[0]);
		expect([q.get('$top'), q.get('$skip'), q.get('$orderby')]).toEqual(['7', '0', 'id']);
	});

	test('Get Many with a limit above the page size pages with $skip', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: false, limit: 2500, listOptions: { pageSize: 1000, concurrency: 2 } });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.id)).toEqual(suite.s200.records(1, 'customers').slice(0, 2500).map((c: any) => c.id));
		const tops = apiRequests().map((e: any) => [decodedQuery(e).get('$skip'), decodedQuery(e).get('$top')]);
		expect(tops.sort()).toEqual([['0', '1000'], ['1000', '1000'], ['2000', '500']]);
	});

	test('Return All: all 12,000 customers of company 1 and all of company 2, never mixed, in-flight bounded', async () => {
		const concurrency = 3;
		const r = await run(
			{
				resource: 'customer',
				operation: 'getAll',
				returnAll: true,
				company: '={{ $json.company }}',
				listOptions: { pageSize: 1000, concurrency, select: 'id,reference' },
			},
			{ items: [{ company: 1 }, { company: 2 }] },
		);
		expect(r.error).toBeUndefined();
		const first = r.items.filter((i) => (i.pairedItem as { item: number }).item === 0).map((i) => i.json.id);
		const second = r.items.filter((i) => (i.pairedItem as { item: number }).item === 1).map((i) => i.json.id);
		const expected1 = suite.s200.records(1, 'customers').map((c: any) => c.id);
		const expected2 = suite.s200.records(2, 'customers').map((c: any) => c.id);
		expect(expected1).toHaveLength(12000);
		expect(first).toEqual(expected1);
		expect(new Set(first).size).toBe(12000);
		expect(second).toEqual(expected2);
		expect(first.filter((id) => new Set(expected2).has(id))).toEqual([]);
		expect(suite.server.maxInFlight['s200.customers.list']).toBeLessThanOrEqual(concurrency);
		expect(suite.server.maxInFlight['s200.customers.list']).toBeGreaterThan(1);
		// 12 pages for company 1, 1 for company 2; each carries $orderby with $skip, the first asks for the count.
		expect(suite.server.count('s200.customers.list')).toBe(13);
		for (const entry of apiRequests()) expect(decodedQuery(entry).get('$orderby')).toBe('id');
		const byCompany = apiRequests().reduce((acc: Record<string, number>, e: any) => ({ ...acc, [e.headers['x-company']]: (acc[e.headers['x-company']] ?? 0) + 1 }), {});
		expect(byCompany).toEqual({ 1: 12, 2: 1 });
	});

	test('Return All with the default page size of 5000', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, listOptions: { select: 'id' } });
		expect(r.error).toBeUndefined();
		expect(r.items).toHaveLength(12000);
		expect(apiRequests().map((e: any) => decodedQuery(e).get('$top'))).toEqual(['5000', '5000', '2000']);
	});

	test('Order By keeps the ID as the last key so pages cannot overlap', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, listOptions: { pageSize: 5000, orderBy: 'credit_limit desc', select: 'id,credit_limit' } });
		expect(r.error).toBeUndefined();
		expect(new Set(r.items.map((i) => i.json.id)).size).toBe(12000);
		expect(decodedQuery(apiRequests()[0]).get('$orderby')).toBe('credit_limit desc,id');
		expect(r.items[0].json.credit_limit).toBe(10000);
	});

	test('Updated Since turns into a UTC date_time_updated filter', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, filters: { updatedSince: '2026-10-01T02:00:00+02:00' }, listOptions: { select: 'id,date_time_updated' } });
		expect(r.error).toBeUndefined();
		expect(decodedQuery(apiRequests()[0]).get('$filter')).toBe('date_time_updated gt 2026-10-01T00:00:00Z');
		const expected = suite.s200.records(1, 'customers').filter((c: any) => Date.parse(`${c.date_time_updated}Z`) > Date.UTC(2026, 9, 1)).map((c: any) => c.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(r.items.map((i) => i.json.id)).toEqual(expected);
	});

	test("Field Equals escapes quotes (O'Brien) and combines with a raw filter", async () => {
		const r = await run({
			resource: 'customer',
			operation: 'getAll',
			returnAll: true,
			filters: {
				fieldEquals: { conditions: [{ field: 'name', value: "O'Brien Supplies Ltd", valueType: 'string' }, { field: 'on_hold', value: 'false', valueType: 'boolean' }] },
				filter: 'balance ge -100000',
			},
		});
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.name)).toEqual(["O'Brien Supplies Ltd"]);
		expect(decodedQuery(apiRequests()[0]).get('$filter')).toBe("(name eq 'O''Brien Supplies Ltd') and (on_hold eq false) and (balance ge -100000)");
	});

	test('Field Equals with a number', async () => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, filters: { fieldEquals: { conditions: [{ field: 'id', value: '27828', valueType: 'number' }] } } });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.id)).toEqual([27828]);
	});
});

describe('Sage 200 → Customer → Get Many with Conditions', () => {
	const sentFilter = () => decodedQuery(apiRequests()[0]).get('$filter');
	const idsOf = (r: { items: Array<{ json: Record<string, unknown> }> }) => r.items.map((i) => i.json.id as number);
	const customers = (company = 1) => suite.s200.records(company, 'customers') as any[];
	const getMany = { resource: 'customer', operation: 'getAll', returnAll: true, listOptions: { select: 'id,reference,name,balance,on_hold,date_time_updated' } };

	test('number, boolean and text conditions become one OData $filter and read what the raw filter reads', async () => {
		const conditions = {
			condition: [
				{ field: 'balance', operator: 'gt', value: '1000' },
				{ field: 'on_hold', operator: 'isFalse' },
				{ field: 'reference', operator: 'startsWith', value: 'a' },
			],
		};
		const r = await run({ ...getMany, conditions });
		expect(r.error).toBeUndefined();
		const filter = "balance gt 1000 and on_hold eq false and startswith(reference, 'a')";
		expect(sentFilter()).toBe(filter);
		// Sage 200 compares text as its SQL Server collation does: without case.
		const expected = customers().filter((c) => c.balance > 1000 && c.on_hold === false && c.reference.toLowerCase().startsWith('a')).map((c) => c.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(idsOf(r)).toEqual(expected);
		suite.server.resetCounters();
		const raw = await run({ ...getMany, filters: { filter } });
		expect(sentFilter()).toBe(filter);
		expect(idsOf(raw)).toEqual(idsOf(r));
	});

	test('OR of Is One Of and a date, and AND with Filter (Advanced) and Updated Since', async () => {
		const [a, b] = customers().slice(3, 5);
		const conditions = { condition: [{ field: 'reference', operator: 'isOneOf', value: `${a.reference},${b.reference}` }, { field: 'date_time_updated', operator: 'after', date: '2026-10-15T00:00:00Z' }] };
		const r = await run({ ...getMany, conditions, combineConditions: 'or', filters: { filter: 'balance ge 0', updatedSince: '2026-01-01T00:00:00Z' } });
		expect(r.error).toBeUndefined();
		expect(sentFilter()).toBe(
			`((reference eq '${a.reference}' or reference eq '${b.reference}') or date_time_updated gt 2026-10-15T00:00:00Z) and (date_time_updated gt 2026-01-01T00:00:00Z) and (balance ge 0)`,
		);
		const updated = (c: any) => Date.parse(`${c.date_time_updated}Z`);
		const expected = customers().filter((c) => ([a.reference, b.reference].includes(c.reference) || updated(c) > Date.UTC(2026, 9, 15)) && updated(c) > Date.UTC(2026, 0, 1) && c.balance >= 0);
		expect(expected.length).toBeGreaterThan(0);
		expect(idsOf(r)).toEqual(expected.map((c) => c.id));
	});

	test('hostile text is matched literally', async () => {
		const hostile = `O'Neil "&" \\ ) or (1 eq 1 $filter=_id\n€ ''`;
		const added = suite.s200.insert(2, 'customers', { reference: 'HOSTILE1', name: hostile });
		for (const [operator, value] of [['equals', hostile], ['contains', hostile.slice(3, -3)], ['endsWith', hostile]]) {
			const r = await run({ ...getMany, company: '={{ 2 }}', conditions: { condition: [{ field: 'name', operator, value }] } });
			expect([operator, r.error, idsOf(r)]).toEqual([operator, undefined, [added.id]]);
		}
	});

	test('the field picker lists the OpenAPI fields of the resource with their types', async () => {
		const { Sage200 } = await import('../../../nodes/Sage200/Sage200.node');
		const options = await new Sage200().methods.loadOptions.getFilterFields.call({ getCurrentNodeParameter: (name: string) => (name === 'resource' ? 'customer' : undefined) } as never);
		const types = Object.fromEntries(options.map((option) => [option.value, String(option.description).split(':')[0]]));
		expect(types).toMatchObject({ id: 'number', reference: 'text', balance: 'number', on_hold: 'boolean', date_time_updated: 'date' });
		expect(Object.keys(types)).not.toContain('contacts');
		expect(options.find((option) => option.value === 'finance_charge_id')?.description).toMatch(/\(Sage 200 Professional only\)$/);
	});

	test.each([
		[[{ field: 'balance', operator: 'gt', value: '0' }, { field: 'nickname', operator: 'equals', value: 'x' }], /^Condition 2: unknown field "nickname"/],
		[[{ field: 'balance', operator: 'contains', value: '1' }], /^Condition 1: "Contains" does not apply to the number field balance/],
		[[{ field: 'credit_limit', operator: 'gt', value: 'lots' }], /^Condition 1: the number field credit_limit cannot be compared with "lots"/],
		[[{ field: 'date_time_updated', operator: 'before', date: 'last week' }], /^Condition 1: the date field date_time_updated cannot be compared with "last week"/],
	])('a bad condition fails before any request: %j', async (rows, message) => {
		const r = await run({ ...getMany, conditions: { condition: rows } });
		expect(r.error?.message).toMatch(message);
		expect(apiRequests()).toEqual([]);
	});
});

describe('Sage 200 → Customer → Get Many with Sort', () => {
	test('rules become $orderby with the ID last, in the order of the raw Order By', async () => {
		const base = { resource: 'customer', operation: 'getAll', returnAll: false, limit: 40, listOptions: { select: 'id,credit_limit,name' } };
		const sorted = await run({ ...base, sort: { rule: [{ field: 'credit_limit', direction: 'desc' }, { field: 'name', direction: 'asc' }] } });
		expect(sorted.error).toBeUndefined();
		expect(decodedQuery(apiRequests()[0]).get('$orderby')).toBe('credit_limit desc,name,id');
		suite.server.resetCounters();
		const raw = await run({ ...base, listOptions: { ...base.listOptions, orderBy: 'credit_limit desc, name' } });
		expect(decodedQuery(apiRequests()[0]).get('$orderby')).toBe('credit_limit desc,name,id');
		expect(sorted.items.map((i) => i.json.id)).toEqual(raw.items.map((i) => i.json.id));
		// Sage 200 sorts text as its SQL Server collation does: without case.
		const text = (value: string) => value.toLowerCase();
		const expected = [...(suite.s200.records(1, 'customers') as any[])]
			.sort((a, b) => b.credit_limit - a.credit_limit || (text(a.name) < text(b.name) ? -1 : text(a.name) > text(b.name) ? 1 : a.id - b.id))
			.slice(0, 40)
			.map((c) => c.id);
		expect(sorted.items.map((i) => i.json.id)).toEqual(expected);
		expect(expected).not.toEqual([...expected].sort((a, b) => a - b));
	});

	test.each([
		[{ sort: { rule: [{ field: 'rank', direction: 'asc' }] } }, /^Sort rule 1: unknown field "rank"/],
		[{ sort: { rule: [{ field: 'name', direction: 'asc' }] }, listOptions: { orderBy: 'name' } }, /^Use "Sort" or "Order By", not both/],
	])('bad Sort %j fails before any request', async (parameters, message) => {
		const r = await run({ resource: 'customer', operation: 'getAll', returnAll: true, ...parameters });
		expect(r.error?.message).toMatch(message);
		expect(apiRequests()).toEqual([]);
	});
});
