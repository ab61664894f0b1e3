/* Sage DMO → GraphQL → Execute. */
import { addCredential, badInputFailsBeforeAnyRequest, count, CUSTOMER_QUERY, run, startSandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

describe('host guard', () => {
	test('an app URL outside the token host is refused and gets no token', async () => {
		const foreign = await startSandbox({ sdmo: { foreignAppUrl: true, customers: 10 } });
		try {
			const id = addCredential({}, foreign.url);
			const r = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
			expect(r.error?.message).toMatch(/GraphQL URL of app "sdmo" points to http:\/\/127\.0\.0\.2:\d+, outside the Sage gateway/);
			expect(foreign.server.count('sdmo.graphql')).toBe(0);
			const shopfloor = await run(id, { resource: 'graphql', operation: 'execute', app: 'shopfloor', query: '{ xtremShopfloor { workOrder { query(first: 1) { totalCount } } } }' });
			expect(shopfloor.error).toBeUndefined();
			expect(shopfloor.items[0].json.data).toEqual({ xtremShopfloor: { workOrder: { query: { totalCount: 50 } } } });
		} finally {
			await foreign.close();
		}
	});
});

test('pages a connection at a path, variables and an unknown app', async () => {
	const id = addCredential();
	const r = await run(id, {
		resource: 'graphql',
		operation: 'execute',
		app: 'sdmo',
		query: 'query($f: String) { xtremMasterData { customer { query(filter: $f, first: 40) { edges { node { _id id } } } } } }',
		variables: JSON.stringify({ f: "{country: {id: 'GB'}}" }),
		paginate: true,
		connectionPath: 'xtremMasterData.customer.query',
		returnAll: true,
	});
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(600);
	expect(new Set(r.items.map((item) => item.json._id)).size).toBe(600);
	expect(r.items.every((item) => String(item.json.id).startsWith('GB'))).toBe(true);
	expect(count('sdmo.graphql')).toBe(15);

	const unknown = await run(id, { resource: 'graphql', operation: 'execute', app: 'finance', query: CUSTOMER_QUERY });
	expect(unknown.error?.message).toBe('The tenant has no app "finance"');
});

test('Simplify: one item per record, connections unwrapped', async () => {
	const id = addCredential();
	const plain = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY });
	expect(plain.items).toHaveLength(1);
	const simplified = await run(id, { resource: 'graphql', operation: 'execute', app: 'sdmo', query: CUSTOMER_QUERY, options: { simplify: true } });
	expect(simplified.error).toBeUndefined();
	const edges = (plain.items[0].json as Json).data.xtremMasterData.customer.query.edges;
	expect(simplified.items.map((item) => item.json)).toEqual(edges.map((edge: Json) => edge.node));
	expect(simplified.items).toHaveLength(2);
});

test('GraphQL errors with diagnoses become the error', async () => {
	const id = addCredential();
	const r = await run(id, {
		resource: 'graphql',
		operation: 'execute',
		app: 'sdmo',
		query: 'mutation { xtremMasterData { customer { update(data: {_id: "1", creditLimit: -5}) { _id } } } }',
	});
	expect(r.error?.message).toMatch(/The record was not updated/);
	expect(JSON.stringify(r.error)).toMatch(/value must not be negative \(creditLimit\)/);
});

badInputFailsBeforeAnyRequest([
	['GraphQL syntax', { resource: 'graphql', operation: 'execute', query: 'query { xtremMasterData { ' }, /Invalid GraphQL in "Query" at line 1, column 27/],
	['variables JSON', { resource: 'graphql', operation: 'execute', query: CUSTOMER_QUERY, variables: '{nope' }, /"Variables" is not valid JSON/],
	['paging a mutation', { resource: 'graphql', operation: 'execute', query: 'mutation { a }', paginate: true, connectionPath: 'a' }, /Only a query can be paged/],
	['connection path', { resource: 'graphql', operation: 'execute', query: CUSTOMER_QUERY, paginate: true, connectionPath: 'x..y' }, /"Connection Path" must be a dot-separated path/],
	['missing path in query', { resource: 'graphql', operation: 'execute', query: CUSTOMER_QUERY, paginate: true, connectionPath: 'xtremMasterData.supplier.query' }, /no field at "xtremMasterData.supplier.query"/],
]);
