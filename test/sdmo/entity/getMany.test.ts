/* Sage DMO → Entity → Get Many. */
import { addCredential, engine, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('any entity by introspection: work orders of the shopfloor app', async () => {
	const id = addCredential();
	const orders = await run(id, { resource: 'entity', operation: 'getMany', app: 'shopfloor', entity: 'xtremShopfloor.workOrder', returnAll: true });
	expect(orders.error).toBeUndefined();
	expect(orders.items).toHaveLength(50);
});

describe('Simplify', () => {
	const orders = { resource: 'entity', operation: 'getMany', entity: 'xtremSales.salesOrder', returnAll: false, limit: 4 };
	type Line = { _id: string; item: { id: string }; quantity: number };

	test('on (the default): each order\'s lines collection is the list of its lines; off: Sage\'s query { edges { node } }', async () => {
		const id = addCredential();
		const fields = 'number lines { query { totalCount edges { node { _id item { id } quantity } cursor } pageInfo { hasNextPage } } }';
		const raw = await run(id, { ...orders, simple: false, options: { fields } });
		expect(raw.error).toBeUndefined();
		const connections = raw.items.map((item) => (item.json as { lines: { query: { totalCount: number; edges: Array<{ node: Line; cursor: string }>; pageInfo: object } } }).lines.query);
		for (const connection of connections) {
			expect(connection.edges.length).toBe(connection.totalCount);
			expect(connection.pageInfo).toEqual({ hasNextPage: false });
			expect(Object.keys(connection.edges[0].node)).toEqual(['_id', 'item', 'quantity']);
		}
		expect(new Set(connections.map((connection) => connection.totalCount)).size).toBeGreaterThan(1);

		const simple = await run(id, { ...orders, options: { fields } });
		expect(simple.error).toBeUndefined();
		expect(simple.items.map((item) => item.json)).toEqual(
			raw.items.map((item, index) => ({ number: item.json.number, lines: connections[index].edges.map((edge) => edge.node) })),
		);
		// References stay as Sage sent them.
		expect((simple.items[0].json.lines as Line[])[0].item).toEqual({ id: expect.stringMatching(/^ITM/) });
	});

	test('a collection Sage sent part of fails the item (the other items go on); with Continue On Fail the error names Simplify', async () => {
		const id = addCredential();
		const fields = 'number lines { query(first: 1) { edges { node { _id } } pageInfo { hasNextPage } } }';
		const result = await run(id, { ...orders, options: { fields } }, [{}], true);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.error).toBe('Sage sent only part of the collection "lines" (its pageInfo says there is more): "Simplify" would drop the rest');
		const failed = await run(id, { ...orders, options: { fields } });
		expect(failed.error?.name).toBe('NodeOperationError');
	});

	test('Include Total Count: the records it holds are simplified too', async () => {
		const id = addCredential();
		const fields = 'number lines { query { edges { node { quantity } } } }';
		const result = await run(id, { ...orders, limit: 2, options: { fields, includeTotalCount: true } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		const records = result.items[0].json.records as Array<{ number: string; lines: Array<{ quantity: number }> }>;
		expect(records).toHaveLength(2);
		expect(records.every((record) => Array.isArray(record.lines) && record.lines.every((line) => Object.keys(line).join() === 'quantity'))).toBe(true);
	});
});

describe('Conditions on a schema typing datetimes as Datetime (datetimeScalar)', () => {
	const { startSandbox } = require('../../sandbox/index.js');
	let typed: any;
	beforeAll(async () => {
		typed = await startSandbox({ sdmo: { datetimeScalar: true } });
	});
	afterAll(async () => {
		await typed.close();
	});

	test('the field picker lists the entity’s fields with their types', async () => {
		const { LoadOptionsContext } = await import('n8n-core');
		const { Workflow } = await import('n8n-workflow');
		const { TestNodeTypes } = await import('../../harness/node-types');
		const { SageDmo } = await import('../../../nodes/SageDmo/SageDmo.node');
		const credentialId = addCredential({}, typed.url);
		const parameters = { resource: 'entity', operation: 'getMany', app: 'sdmo', entity: 'xtremMasterData.item' };
		const node = { id: 'n', name: 'Sage DMO', type: 'sageDmo', typeVersion: 1, position: [0, 0] as [number, number], parameters: parameters as never, credentials: { sageDmoApi: { id: credentialId, name: engine.store.get(credentialId).name } } };
		const dmo = new SageDmo();
		const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sageDmo: dmo }) });
		const context = new LoadOptionsContext(workflow, node, { credentialsHelper: engine.credentialsHelper, currentNodeParameters: parameters } as never, 'parameters.conditions' as never);
		const options = await dmo.methods.loadOptions.getFilterFields.call(context);
		const types = Object.fromEntries(options.map((option) => [option.value, String(option.description).split(':')[0]]));
		expect(types).toMatchObject({ _id: 'text', id: 'text', name: 'text', basePrice: 'number', isActive: 'boolean', _createStamp: 'date', _updateStamp: 'date' });
		expect(types).not.toHaveProperty('lines');
	});

	test('a date range sends instants in UTC and reads what the raw filter reads', async () => {
		const id = addCredential({}, typed.url);
		const items = typed.sdmo.records('item') as Array<{ id: string; _createStamp: string }>;
		const stamps = items.map((item) => Date.parse(item._createStamp)).sort((a, b) => a - b);
		const from = new Date(stamps[Math.floor(stamps.length / 4)]).toISOString().replace('.000Z', 'Z');
		const to = new Date(stamps[Math.floor(stamps.length / 2)]).toISOString().replace('.000Z', 'Z');
		const parameters = { resource: 'entity', operation: 'getMany', app: 'sdmo', entity: 'xtremMasterData.item', returnAll: true, options: { fields: 'id' } };
		const r = await run(id, { ...parameters, conditions: { condition: [{ field: '_createStamp', operator: 'betweenDates', date: from, dateTo: to }] } });
		expect(r.error).toBeUndefined();
		const filter = `{_createStamp: {_gte: '${from}', _lte: '${to}'}}`;
		const sent = (typed.server.log as Array<{ name: string; rawBody: Buffer }>)
			.filter((entry) => entry.name === 'sdmo.graphql' && entry.rawBody.toString().includes('filter'))
			.map((entry) => JSON.parse(entry.rawBody.toString()).variables?.filter);
		expect(sent).toContain(filter);
		const expected = items.filter((item) => Date.parse(item._createStamp) >= Date.parse(from) && Date.parse(item._createStamp) <= Date.parse(to)).map((item) => item.id);
		expect(expected.length).toBeGreaterThan(1);
		expect(expected.length).toBeLessThan(items.length);
		expect(r.items.map((item) => item.json.id).sort()).toEqual(expected.sort());
		const raw = await run(id, { ...parameters, filter });
		expect(raw.items.map((item) => item.json.id).sort()).toEqual(expected.sort());
	});
});
