/*
 * Sage DMO → Customer → Get and Get Many: the Fields picker (parameter fields) from the app's
 * introspected schema, (All Fields) as *, references with their identifying fields, and Options →
 * Fields (Selection) of earlier workflows still read and added; the selection sent, the fields
 * returned, unknown names refused before any data request.
 */
import { addCredential, count, engine, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

const log = () => sandbox.server.log as Array<{ name: string; rawBody: Buffer }>;
/** The queries of the data requests (not the introspection). */
const dataQueries = () =>
	log()
		.filter((entry) => entry.name === 'sdmo.graphql' && !entry.rawBody.toString().includes('__schema'))
		.map((entry) => JSON.parse(entry.rawBody.toString()).query as string);

const EVERY_FIELD = ['_createStamp', '_id', '_updateStamp', 'country', 'creditLimit', 'currency', 'id', 'isActive', 'name'];
const customers = () => sandbox.sdmo.customers() as Json[];

test('the picker lists (All Fields), then the customer’s fields from the schema, references with the fields they return', async () => {
	const { LoadOptionsContext } = await import('n8n-core');
	const { Workflow } = await import('n8n-workflow');
	const { TestNodeTypes } = await import('../../harness/node-types');
	const { SageDmo } = await import('../../../nodes/SageDmo/SageDmo.node');
	const credentialId = addCredential();
	const parameters = { resource: 'customer', operation: 'getMany', app: 'sdmo' };
	const node = { id: 'n', name: 'Sage DMO', type: 'sageDmo', typeVersion: 1, position: [0, 0] as [number, number], parameters: parameters as never, credentials: { sageDmoApi: { id: credentialId, name: engine.store.get(credentialId).name } } };
	const dmo = new SageDmo();
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sageDmo: dmo }) });
	const context = new LoadOptionsContext(workflow, node, { credentialsHelper: engine.credentialsHelper, currentNodeParameters: parameters } as never, 'parameters.fields' as never);
	const options = await dmo.methods.loadOptions.getSelectFields.call(context);
	expect(options.map((option) => option.value)).toEqual(['*', ...EVERY_FIELD]);
	expect(options.find((option) => option.value === 'currency')?.description).toBe('sub-fields: _id, id');
	expect(options.find((option) => option.value === 'creditLimit')?.description).toBe('Float');
});

describe.each([
	['Get Many', { operation: 'getMany', returnAll: false, limit: 3 }],
	['Get', { operation: 'get', recordId: '={{ $json.key }}' }],
])('%s', (_name, parameters) => {
	const items = [{ key: '1' }, { key: '2' }, { key: '3' }];
	const base = { resource: 'customer', app: 'sdmo', ...parameters };

	test('picked fields are the selection sent (a reference with _id and id); the records hold exactly them', async () => {
		const id = addCredential();
		const result = await run(id, { ...base, fields: ['id', 'name', 'currency'] }, parameters.operation === 'get' ? items : [{}]);
		expect(result.error).toBeUndefined();
		const queries = dataQueries();
		expect(queries.length).toBe(1);
		expect(queries[0]).toContain('id name currency { _id id }');
		const stored = customers().slice(0, 3);
		expect(result.items.map((item) => item.json)).toEqual(stored.map((customer) => ({ id: customer.id, name: customer.name, currency: { _id: customer.currency, id: expect.any(String) } })));
	});

	test('(All Fields) and an empty picker both return every field; Options → Fields (Selection) of earlier workflows is added to the picked fields', async () => {
		const id = addCredential();
		const runOn = async (more: Json) => await run(id, { ...base, ...more }, parameters.operation === 'get' ? items : [{}]);
		const all = await runOn({ fields: ['*'] });
		const empty = await runOn({});
		expect(all.error).toBeUndefined();
		expect(Object.keys(all.items[0].json).sort()).toEqual(EVERY_FIELD);
		expect(all.items.map((item) => item.json)).toEqual(empty.items.map((item) => item.json));
		const earlier = await runOn({ options: { fields: 'id currency { name }' } });
		expect(earlier.items[0].json).toEqual({ id: 'FR0001', currency: { name: expect.any(String) } });
		const both = await runOn({ fields: ['name', 'currency'], options: { fields: 'currency { name }' } });
		expect(both.error).toBeUndefined();
		expect(both.items[0].json).toEqual({ name: customers()[0].name, currency: { _id: customers()[0].currency, id: expect.any(String), name: expect.any(String) } });
	});

	test('an unknown field is refused naming it and the customer’s fields, before any data request', async () => {
		const id = addCredential();
		const result = await run(id, { ...base, fields: ['id', 'nickname'] }, parameters.operation === 'get' ? items : [{}]);
		expect(result.error?.name).toBe('NodeOperationError');
		expect(result.error?.message).toBe('Unknown field nickname in the parameter "Fields" for xtremMasterData.customer');
		expect(String(result.error?.description)).toContain('_id, id, name, isActive, currency, country, creditLimit');
		expect(dataQueries()).toEqual([]);
	});

	test('a name that is no field name fails before anything is sent', async () => {
		const id = addCredential();
		const result = await run(id, { ...base, fields: '={{ "id, currency { id }" }}' }, parameters.operation === 'get' ? items : [{}]);
		expect(result.error?.message).toBe('"Fields" must list field names, e.g. ["id", "name"] or "id, name" (got "{")');
		expect(count('sdmo')).toBe(0);
	});
});
