/*
 * Node "Sage X3", resource Entity, operation Create or Update on introspected entities: by the
 * entity's own key field (code, or _id on V12), or by a Key Field the user picks whose values are
 * unique (a customer's company name); a field that is not unique, or that the entity lacks, fails
 * clearly before anything is written; a create whose answer is lost is found again by that field.
 */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 130, suppliers: 40, salesOrders: 12 }, resource: 'entity' });
const run = suite.run;

type Json = Record<string, any>;

const graphqlQueries = () =>
	(suite.sandbox.server.log as Json[]).filter((entry) => entry.name === 'x3.graphql').map((entry) => String(JSON.parse(entry.rawBody.toString()).query));
const mutations = () => graphqlQueries().filter((query) => /^\s*mutation\b/.test(query)).length;
const lookups = () => graphqlQueries().filter((query) => !/^\s*mutation\b/.test(query) && !query.includes('__schema'));
const customer = (field: string, value: string) => suite.sandbox.x3.customers().find((entry: Json) => entry[field] === value);
let logStart = 0;
beforeEach(() => {
	logStart = suite.sandbox.x3.mutationLog.length;
});
const applied = () => (suite.sandbox.x3.mutationLog as Json[]).slice(logStart).map((entry) => `${entry.action} ${entry.key}`);

const upsert = (at: string, entity: string, extra: Json = {}) => ({
	operation: 'upsert',
	folder: folder(at),
	entity,
	key: '={{ $json.key }}',
	data: '={{ JSON.stringify($json.data) }}',
	fields: [],
	...extra,
});

test("older schema, by the entity's key field (code): known codes updated, new ones created, one lookup", async () => {
	const result = await run(upsert('SEED', 'sage.x3BusinessPartners.customer', { fields: ['code', 'companyName'] }), [
		{ key: 'AE0003', data: { companyName: 'Renamed by key' } },
		{ key: 'ENU001', data: { companyName: 'New by key' } },
	]);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.code, item.json.companyName, item.json._outcome])).toEqual([
		['AE0003', 'Renamed by key', 'updated'],
		['ENU001', 'New by key', 'created'],
	]);
	expect(lookups()).toHaveLength(1);
	expect(mutations()).toBe(2);
	expect(applied().sort()).toEqual(['create ENU001', 'update AE0003']);
});

test('V12, by another unique field (companyName): the record found is updated by its own key, a new one created with the field set', async () => {
	const result = await run(upsert('X3', 'x3MasterData.customer', { keyField: 'companyName', fields: ['_id', 'code', 'companyName', 'shortName'] }), [
		{ key: 'An Enterprise 7', data: { shortName: 'by name' } },
		{ key: 'Brand New Enterprise', data: { code: 'ENU002', country: 'DE' } },
	]);
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.code, item.json._outcome])).toEqual([
		['AE0007', 'updated'],
		['ENU002', 'created'],
	]);
	expect(customer('code', 'AE0007').shortName).toBe('by name');
	expect(customer('code', 'ENU002').companyName).toBe('Brand New Enterprise');
	// One `_in` lookup on companyName, then one write each; the update went to AE0007.
	expect(lookups()).toHaveLength(1);
	expect(lookups()[0]).toContain('companyName');
	expect(applied().sort()).toEqual(['create ENU002', 'update AE0007']);
});

test('a Key Field whose values are not unique fails the items, naming the field; nothing is written', async () => {
	const result = await run(upsert('X3', 'x3MasterData.customer', { keyField: 'country' }), [{ key: 'DE', data: { shortName: 'x' } }], true);
	expect(result.items[0].json.error).toMatch(/^"country" does not identify one customer: /);
	expect(result.items[0].json.description).toMatch(/a key field whose values are unique/);
	expect(mutations()).toBe(0);
});

test('a Key Field the entity does not have fails before any lookup or write, listing its fields', async () => {
	const result = await run(upsert('X3', 'x3MasterData.customer', { keyField: 'vatNumber' }), [{ key: 'X', data: { shortName: 'x' } }], true);
	expect(result.items[0].json.error).toBe('The entity "x3MasterData.customer" has no field "vatNumber" (parameter "Key Field")');
	expect(result.items[0].json.description).toMatch(/companyName/);
	expect(lookups()).toHaveLength(0);
	expect(mutations()).toBe(0);
});

test('a Key Field that is not a field name is refused before any request', async () => {
	const result = await run(upsert('X3', 'x3MasterData.customer', { keyField: 'company name' }), [{ key: 'X', data: { shortName: 'x' } }]);
	expect(result.error?.message).toBe('"Key Field" must be a field name (letters, digits, _), got "company name"');
	expect(graphqlQueries()).toHaveLength(0);
});

test('a reset after X3 created the record: found again by the Key Field, confirmed, not sent again', async () => {
	suite.sandbox.server.setFaults([{ route: 'x3.graphql', kind: 'reset-after-processing', times: 1, requestBody: /"query":"\s*mutation/ }]);
	try {
		const result = await run(upsert('X3', 'x3MasterData.customer', { keyField: 'companyName', fields: ['code', 'companyName'] }), [{ key: 'Dropped Enterprise', data: { code: 'ENU003' } }]);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ code: 'ENU003', companyName: 'Dropped Enterprise', _outcome: 'created', _confirmedAfter: 'The connection to Sage was reset' });
		expect(applied()).toEqual(['create ENU003']);
	} finally {
		suite.sandbox.server.clearFaults();
	}
});
