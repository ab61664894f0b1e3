/* Node "Sage X3", resource Entity, operation Get Many (and the refusals of bad input, Create's among them), on introspected schemas: the older `sage { ... }` one (SEED) and V12 (X3). */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 130, suppliers: 40, salesOrders: 12 }, resource: 'entity' });
const run = suite.run;

const introspections = () =>
	suite.sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('__schema')).length;

test('V12 Get Many pages through x3MasterData.businessPartner.query with one introspection', async () => {
	const result = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.businessPartner', returnAll: true, fields: ['_id', 'isSupplier'] }, [{}, {}]);
	expect(result.error).toBeUndefined();
	const expected = new Set([...suite.sandbox.x3.customers().map((c: { code: string }) => c.code), ...suite.sandbox.x3.suppliers().map((s: { code: string }) => s.code)]);
	expect(result.items).toHaveLength(expected.size * 2);
	const first = result.items.filter((item) => (item.pairedItem as { item: number }).item === 0).map((item) => item.json._id);
	expect(new Set(first)).toEqual(expected);
	expect(Object.keys(result.items[0].json).sort()).toEqual(['_id', 'isSupplier']);
	expect(introspections()).toBe(1);
});

test('V12 Get Many with a filter in the _ dialect and a limit', async () => {
	const result = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: false, limit: 3, filter: "{country: {_eq: 'GB'}}", orderBy: '{code: -1}', fields: [] });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.code)).toEqual(['AE0127', 'AE0121', 'AE0115']);
	expect(result.items[0].json).toMatchObject({ _id: 'AE0127', companyName: 'An Enterprise 127', country: 'GB' });
});

test('bad entity input is refused with the parameter named', async () => {
	const unknownEntity = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.nope', returnAll: true });
	expect(unknownEntity.error?.message).toContain('The folder has no entity "x3MasterData.nope" (parameter "Entity")');
	const unknownField = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: true, fields: ['nope'] });
	expect(unknownField.error?.message).toContain('Unknown field(s) nope in the parameter "Fields"');
	const noMutation = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.supplier', data: '{"code": "X"}' });
	expect(noMutation.error?.message).toContain('has no create mutation');
	suite.sandbox.server.resetCounters();
	const badData = await run({ operation: 'create', folder: folder('X3'), entity: 'x3MasterData.customer', data: '{nope' });
	expect(badData.error?.message).toContain('"Data" is not valid JSON');
	const badLimit = await run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: false, limit: 0 });
	expect(badLimit.error?.message).toContain('"Limit" must be a whole number');
	expect(suite.sandbox.server.count('x3')).toBe(0);
});

describe('Simplify', () => {
	// Lines served as Sage's examples select them (a connection, an xtrem collection on V12), and `$urls` on every record.
	const shaped = useX3Suite({ sandbox: { customers: 20, suppliers: 2, salesOrders: 6, salesOrderLines: 'connection', recordUrls: true }, resource: 'entity' });
	type Line = { lineNumber: number; product: string };
	const orders = () => shaped.sandbox.x3.salesOrders() as Array<{ id: string; lines: Line[] }>;
	const linesOf = (order: { lines: Line[] }) => order.lines.map(({ lineNumber, product }) => ({ lineNumber, product }));

	test('older schema: on, each order holds its lines as a list and no $urls; off, Sage\'s connection and $urls as sent', async () => {
		const fields = 'id lines { edges { node { lineNumber product } } }';
		const simple = await shaped.run({ operation: 'getAll', folder: folder('SEED'), entity: 'sage.x3Sales.salesOrder', returnAll: true, fields });
		expect(simple.error).toBeUndefined();
		expect(simple.items.map((item) => item.json)).toEqual(orders().map((order) => ({ id: order.id, lines: linesOf(order) })));
		expect(orders().some((order) => order.lines.length > 1)).toBe(true);

		const raw = await shaped.run({ operation: 'getAll', folder: folder('SEED'), entity: 'sage.x3Sales.salesOrder', returnAll: true, fields, simple: false });
		expect(raw.error).toBeUndefined();
		expect(raw.items[0].json).toEqual({
			id: orders()[0].id,
			lines: { edges: linesOf(orders()[0]).map((node) => ({ node })) },
			$urls: { self: expect.stringMatching(/X3CLOUDV2_SEED\/graphQL#SO000001$/) },
		});
	});

	test('V12: the xtrem collection lines { query { edges } } becomes the list of lines', async () => {
		const fields = '_id lines { query { totalCount edges { node { lineNumber product } cursor } pageInfo { hasNextPage } } }';
		const simple = await shaped.run({ operation: 'getAll', folder: folder('X3'), entity: 'x3Sales.salesOrder', returnAll: false, limit: 3, fields });
		expect(simple.error).toBeUndefined();
		expect(simple.items.map((item) => item.json)).toEqual(orders().slice(0, 3).map((order) => ({ _id: order.id, lines: linesOf(order) })));
	});

	test('a collection Sage sent only part of fails the item under Simplify, and comes whole with its pageInfo without', async () => {
		const fields = '_id lines { query(first: 1) { edges { node { lineNumber } } pageInfo { hasNextPage } } }';
		const longer = orders().findIndex((order) => order.lines.length > 1);
		const parameters = { operation: 'getAll', folder: folder('X3'), entity: 'x3Sales.salesOrder', returnAll: false, limit: longer + 1, fields };
		const simple = await shaped.run(parameters, [{}], true);
		expect(simple.items).toHaveLength(1);
		expect(simple.items[0].json.error).toBe(`Sage sent only part of the collection "lines" (its pageInfo says there is more): "Simplify" would drop the rest`);
		const raw = await shaped.run({ ...parameters, simple: false });
		expect(raw.error).toBeUndefined();
		expect(raw.items[longer].json.lines).toEqual({ query: { edges: [{ node: { lineNumber: 1000 } }], pageInfo: { hasNextPage: true } } });
	});

	test('Customer records of the default selection are flat: only the $urls Sage added go', async () => {
		const simple = await shaped.run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: false, limit: 2 });
		const raw = await shaped.run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: false, limit: 2, simple: false });
		expect(raw.items.map((item) => Object.keys(item.json).filter((key) => key.startsWith('$')))).toEqual([['$urls'], ['$urls']]);
		expect(simple.items.map((item) => item.json)).toEqual(raw.items.map(({ json: { $urls: _urls, ...rest } }) => rest));
	});

	test('a Simplify that is not a boolean is refused before anything is sent', async () => {
		const result = await shaped.run({ operation: 'getAll', folder: folder('X3'), entity: 'x3MasterData.customer', returnAll: true, simple: 'yes' });
		expect(result.error?.message).toBe('"Simplify" must be true or false, got "yes"');
		expect(shaped.sandbox.server.count('x3')).toBe(0);
	});
});

describe.each([
	{ name: 'SEED', p: '$', orders: 'sage.x3Sales.salesOrder', customers: 'sage.x3BusinessPartners.customer', stamp: 'creDatTim' },
	{ name: 'X3', p: '_', orders: 'x3Sales.salesOrder', customers: 'x3MasterData.customer', stamp: '_createStamp' },
])('Conditions on numbers, dates and booleans on folder $name', ({ name, p, orders, customers, stamp }) => {
	const sentFilters = () => [
		...new Set(
			(suite.sandbox.server.log as Array<{ name: string; rawBody: Buffer }>)
				.filter((entry) => entry.name === 'x3.graphql' && !entry.rawBody.toString().includes('__schema'))
				.map((entry) => JSON.parse(entry.rawBody.toString()).variables?.filter as string | undefined),
		),
	];
	const idsOf = (result: { items: Array<{ json: Record<string, unknown> }> }, key: string) => result.items.map((item) => item.json[key] as string).sort();

	test('a number range and a date (the schema types them Float and date-time), equal to the raw filter', async () => {
		const all = suite.sandbox.x3.salesOrders() as Array<{ id: string; amount: number; creDatTim: string }>;
		const since = new Date(Date.parse(all[3].creDatTim)).toISOString().replace('.000Z', 'Z');
		const conditions = { condition: [{ field: 'amount', operator: 'between', value: '100', valueTo: '1500.5' }, { field: stamp, operator: 'onOrAfter', date: since }] };
		const result = await run({ operation: 'getAll', folder: folder(name), entity: orders, returnAll: true, fields: ['id', 'amount'], conditions });
		expect(result.error).toBeUndefined();
		const expectedFilter = `{amount: {${p}gte: 100, ${p}lte: 1500.5}, ${stamp}: {${p}gte: '${since}'}}`;
		expect(sentFilters()).toEqual([expectedFilter]);
		const expected = all.filter((order) => order.amount >= 100 && order.amount <= 1500.5 && Date.parse(order.creDatTim) >= Date.parse(since)).map((order) => order.id);
		expect(expected.length).toBeGreaterThan(0);
		expect(expected.length).toBeLessThan(all.length);
		expect(idsOf(result, 'id')).toEqual(expected.sort());
		const raw = await run({ operation: 'getAll', folder: folder(name), entity: orders, returnAll: true, fields: ['id', 'amount'], filter: expectedFilter });
		expect(idsOf(raw, 'id')).toEqual(idsOf(result, 'id'));
	});

	test('Is False on a boolean; a number value that is not a number fails naming the condition, before the list query', async () => {
		const inactive = await run({ operation: 'getAll', folder: folder(name), entity: customers, returnAll: true, fields: ['code'], conditions: { condition: [{ field: 'isActive', operator: 'isFalse' }] } });
		expect(inactive.error).toBeUndefined();
		expect(sentFilters()).toEqual([`{isActive: {${p}eq: false}}`]);
		const expected = (suite.sandbox.x3.customers() as Array<{ code: string; isActive: boolean }>).filter((customer) => !customer.isActive).map((customer) => customer.code);
		expect(expected.length).toBeGreaterThan(0);
		expect(idsOf(inactive, 'code')).toEqual(expected.sort());
		suite.sandbox.server.resetCounters();
		const bad = await run({ operation: 'getAll', folder: folder(name), entity: orders, returnAll: true, conditions: { condition: [{ field: 'amount', operator: 'gte', value: 'ten' }] } });
		expect(bad.error?.message).toContain('Condition 1: the number field amount cannot be compared with "ten"');
		const badDate = await run({ operation: 'getAll', folder: folder(name), entity: orders, returnAll: true, conditions: { condition: [{ field: stamp, operator: 'equals', value: 'soon' }] } });
		expect(badDate.error?.message).toContain(`Condition 1: the date field ${stamp} cannot be compared with "soon"`);
		expect(sentFilters()).toEqual([]);
	});
});
