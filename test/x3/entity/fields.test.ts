/*
 * Node "Sage X3", resources Entity and Customer, the Fields picker of Get and Get Many: the fields
 * of the folder's schema, (All Fields) as *, a list of objects picked by name; the selection sent,
 * the fields returned, and unknown names refused before any data request.
 */
import { folder, loadOptionsContext, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 30, salesOrders: 12 } });
const run = suite.run;

const log = () => suite.sandbox.server.log as Array<{ name: string; rawBody: Buffer }>;
/** The queries of the data requests the sandbox received (not the introspection). */
const dataQueries = () =>
	log()
		.filter((entry) => entry.name === 'x3.graphql' && !entry.rawBody.toString().includes('__schema'))
		.map((entry) => JSON.parse(entry.rawBody.toString()).query as string);
const introspections = () => log().filter((entry) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('__schema')).length;

const ORDER_FIELDS = ['amount', 'creDatTim', 'currency', 'customer', 'id', 'lines', 'orderDate', 'updDatTim'];
const LINE_FIELDS = ['lineNumber', 'price', 'product', 'quantity'];
const orders = { resource: 'entity', folder: folder('SEED'), entity: 'sage.x3Sales.salesOrder' };

test('the picker lists (All Fields), then the entity’s fields, a list of objects with the fields it returns', async () => {
	const { getEntityFields } = await import('../../../nodes/SageX3/methods/loadOptions');
	const options = await getEntityFields.call((await loadOptionsContext(suite.engine, suite.credentialId, orders)) as never);
	expect(options.map((option) => option.value)).toEqual(['*', ...ORDER_FIELDS]);
	expect(options.find((option) => option.value === 'lines')?.description).toBe(`sub-fields: ${['lineNumber', 'product', 'quantity', 'price'].join(', ')}`);
	expect(options.find((option) => option.value === 'amount')?.description).toBe('Float');
});

test('Get Many: picked fields are the selection sent, a list of objects with its fields; the records hold exactly them', async () => {
	const result = await run({ ...orders, operation: 'getAll', returnAll: false, limit: 3, fields: ['id', 'lines'] });
	expect(result.error).toBeUndefined();
	const [query] = dataQueries();
	expect(query).toMatch(/node \{ id lines \{ lineNumber product quantity price \} \}/);
	const expected = (suite.sandbox.x3.salesOrders() as Array<{ id: string; lines: Array<Record<string, unknown>> }>).slice(0, 3);
	expect(result.items.map((item) => item.json)).toEqual(
		expected.map((order) => ({ id: order.id, lines: order.lines.map((line) => Object.fromEntries(LINE_FIELDS.map((field) => [field, line[field]]))) })),
	);
});

test('Get Many: (All Fields) selects every field, as an empty selection does for an entity', async () => {
	const all = await run({ ...orders, operation: 'getAll', returnAll: false, limit: 2, fields: ['*'] });
	const empty = await run({ ...orders, operation: 'getAll', returnAll: false, limit: 2, fields: [] });
	expect(all.error).toBeUndefined();
	expect(Object.keys(all.items[0].json).sort()).toEqual(ORDER_FIELDS);
	expect(all.items.map((item) => item.json)).toEqual(empty.items.map((item) => item.json));
	const [allQuery, emptyQuery] = dataQueries();
	expect(allQuery).toBe(emptyQuery);
});

test('Customer Get: (All Fields) returns every field the picker lists for the folder’s customer type; names from an expression', async () => {
	const all = await run({ resource: 'customer', operation: 'get', folder: folder('SEED'), code: 'AE0002', fields: ['*'] });
	expect(all.error).toBeUndefined();
	const stored = (suite.sandbox.x3.customers() as Array<Record<string, unknown>>).find((customer) => customer.code === 'AE0002')!;
	const { getCustomerFields } = await import('../../../nodes/SageX3/methods/loadOptions');
	const picker = await getCustomerFields.call((await loadOptionsContext(suite.engine, suite.credentialId, { folder: folder('SEED') })) as never);
	const every = picker.map((option) => String(option.value)).filter((value) => value !== '*');
	expect(Object.keys(all.items[0].json).sort()).toEqual([...every].sort());
	expect(all.items[0].json).toMatchObject({ code: 'AE0002', companyName: stored.companyName, country: stored.country });
	// From an expression, names separated by commas.
	const named = await run({ resource: 'customer', operation: 'get', folder: folder('SEED'), code: 'AE0002', fields: '={{ "code, country" }}' });
	expect(named.items[0].json).toEqual({ code: 'AE0002', country: stored.country });
});

test.each([
	['Get Many', { operation: 'getAll', returnAll: true }],
	['Get', { operation: 'get', key: 'SO0001' }],
])('%s: an unknown field is refused naming it and the entity’s fields, before any data request', async (_name, parameters) => {
	const result = await run({ ...orders, ...parameters, fields: ['id', 'linez'] });
	expect(result.error?.name).toBe('NodeOperationError');
	expect(result.error?.message).toContain('Unknown field(s) linez in the parameter "Fields" for sage.x3Sales.salesOrder');
	expect(String(result.error?.description)).toContain(`Fields of SalesOrder: id, orderDate, customer, currency, amount, creDatTim, updDatTim, lines, or * for all`);
	expect(dataQueries()).toEqual([]);
	expect(introspections()).toBe(1);
});
