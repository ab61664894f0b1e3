/*
 * Sage 200 → Customer → Get and Get Many: the Fields picker ($select) from Sage's OpenAPI field
 * table, (All Fields) as *, Options → Select of earlier workflows still read and added; the
 * $select sent, the fields returned, unknown names refused before any request.
 */
import { Sage200 } from '../../../nodes/Sage200/Sage200.node';
import { SAGE200_FIELD_TABLE } from '../../../nodes/Sage200/actions/fields';
import { apiRequestsOf, decodedQuery, useSage200Suite } from '../setup';

const suite = useSage200Suite();
const { run } = suite;
const apiRequests = () => apiRequestsOf(suite.server);

/** The scalar fields Sage's OpenAPI gives customers, in the table's order. */
const customerFields = SAGE200_FIELD_TABLE.customers.split(' ').map((entry) => entry.split(':')[0]);

test('the picker lists (All Fields), then the resource’s OpenAPI fields with their types', async () => {
	const options = await new Sage200().methods.loadOptions.getSelectFields.call({ getCurrentNodeParameter: (name: string) => (name === 'resource' ? 'customer' : undefined) } as never);
	expect(options[0]).toMatchObject({ name: '(All Fields)', value: '*' });
	expect(options.slice(1).map((option) => option.value)).toEqual([...customerFields].sort());
	expect(Object.fromEntries(options.map((option) => [option.value, option.description]))).toMatchObject({
		balance: 'number',
		on_hold: 'boolean',
		account_opened: 'date',
		office_type: 'text (Sage 200 Professional only)',
	});
});

describe.each([
	['Get Many', { operation: 'getAll', returnAll: false, limit: 4 }, 'listOptions'],
	['Get', { operation: 'get', recordId: '={{ $json.id }}' }, 'getOptions'],
])('%s', (_name, parameters, optionsName) => {
	const stored = () => (suite.s200.records(1, 'customers') as Array<{ id: number; reference: string; name: string; balance: number }>).slice(0, 4);
	const items = () => (parameters.operation === 'get' ? stored().map((record) => ({ id: record.id })) : [{}]);
	const base = { resource: 'customer', ...parameters };
	const selects = () => apiRequests().map((entry: unknown) => decodedQuery(entry).get('$select'));

	test('picked fields are the $select sent, in the order picked; the records hold exactly them', async () => {
		const result = await run({ ...base, fields: ['reference', 'name', 'balance'] }, { items: items() });
		expect(result.error).toBeUndefined();
		expect(new Set(selects())).toEqual(new Set(['reference,name,balance']));
		expect(result.items.map((item) => item.json)).toEqual(stored().map((record) => ({ reference: record.reference, name: record.name, balance: record.balance })));
	});

	test('(All Fields) and an empty picker send no $select and return every field; Options → Select is added to the picked fields', async () => {
		const all = await run({ ...base, fields: ['*'], [optionsName]: { select: 'id,name' } }, { items: items() });
		expect(all.error).toBeUndefined();
		const empty = await run(base, { items: items() });
		expect(selects().every((select: string | null) => select === null)).toBe(true);
		expect(all.items.map((item) => item.json)).toEqual(empty.items.map((item) => item.json));
		expect(Object.keys(all.items[0].json).length).toBeGreaterThan(20);
		suite.server.resetCounters();
		const both = await run({ ...base, fields: ['name'], [optionsName]: { select: 'id, name' } }, { items: items() });
		expect(new Set(selects())).toEqual(new Set(['name,id']));
		expect(both.items[0].json).toEqual({ name: stored()[0].name, id: stored()[0].id });
		suite.server.resetCounters();
		const earlier = await run({ ...base, [optionsName]: { select: 'id,reference' } }, { items: items() });
		expect(new Set(selects())).toEqual(new Set(['id,reference']));
		expect(earlier.items[0].json).toEqual({ id: stored()[0].id, reference: stored()[0].reference });
	});

	test('an unknown field, or a name that is no field name, is refused before any request', async () => {
		const unknown = await run({ ...base, fields: ['name', 'nickname'] }, { items: items() });
		expect(unknown.error?.name).toBe('NodeOperationError');
		expect(unknown.error?.message).toBe('Unknown field nickname in the parameter "Fields" for customers');
		expect(String(unknown.error?.description)).toContain('Fields of customers: id, reference, name, short_name, balance');
		const bad = await run({ ...base, fields: '={{ "name, balance;" }}' }, { items: items() });
		expect(bad.error?.message).toBe('"Fields" must list field names, e.g. ["id", "name"] or "id, name" (got "balance;")');
		expect(apiRequests()).toEqual([]);
		expect(suite.server.count('s200')).toBe(0);
	});
});
