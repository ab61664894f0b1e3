/**
 * Entity discovery and query building against the sandbox's three schema styles, over HTTP.
 */
import {
	ENTITY_INTROSPECTION_QUERY,
	buildListQuery,
	buildMutation,
	buildReadByKeysQuery,
	describeEntities,
	filterLiteral,
	keyInFilter,
	type EntityDescriptor,
	type IntrospectionData,
} from '../../nodes/shared/graphql/entities';
import { readConnection, valueAtPath } from '../../nodes/shared/graphql/execute';
const { startSandbox } = require('../sandbox');

let sandbox: any;
let x3Token: string;
let sdmoToken: string;

async function post(url: string, token: string, query: string, variables: object = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
		body: JSON.stringify({ query, variables }),
	});
	return (await response.json()) as { data?: any; errors?: Array<{ message: string }> };
}

const urls = () => ({
	seed: `${sandbox.url}/x3/eu/v1/service/X3CLOUDV2_SEED/graphQL`,
	v12: `${sandbox.url}/x3/eu/v1/service/X3CLOUDV2_X3/api`,
	sdmo: `${sandbox.url}/sdmo/v1/fwd/cluster-release/sdmo/api`,
});

async function entitiesOf(url: string, token: string): Promise<EntityDescriptor[]> {
	const result = await post(url, token, ENTITY_INTROSPECTION_QUERY);
	expect(result.errors).toBeUndefined();
	return describeEntities(result.data as IntrospectionData);
}

beforeAll(async () => {
	sandbox = await startSandbox({ x3: { customers: 250 }, sdmo: { customers: 300 } });
	x3Token = sandbox.x3.issueTokens({ region: 'eu' }).access_token;
	const { clientId, clientSecret, tenantId } = sandbox.sdmo.demo;
	const token = await fetch(`${sandbox.url}/sdmo/v1/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: `tenantid:${tenantId}` }),
	});
	sdmoToken = ((await token.json()) as { access_token: string }).access_token;
});

afterAll(async () => sandbox.close());

describe('describeEntities', () => {
	test('finds X3 cloud connections with their mutations and $-dialect filters', async () => {
		const entities = await entitiesOf(urls().seed, x3Token);
		const customer = entities.find((entity) => entity.key === 'sage.x3BusinessPartners.customer')!;
		expect(customer).toMatchObject({
			name: 'customer',
			listPath: ['sage', 'x3BusinessPartners', 'customer'],
			keyField: 'code',
			filterDialect: 'x3Cloud',
			hasTotalCount: true,
		});
		expect(customer.read).toBeUndefined();
		expect(customer.fields).toEqual(expect.arrayContaining(['code', 'companyName']));
		expect(customer.mutations.create?.arguments).toEqual([{ name: 'data', type: 'CustomerInput!' }]);
		expect(customer.mutations.delete?.returnsObject).toBe(false);
		expect(entities.map((entity) => entity.key)).toEqual(
			expect.arrayContaining(['sage.x3BusinessPartners.supplier', 'sage.x3Sales.salesOrder']),
		);
		const salesOrder = entities.find((entity) => entity.key === 'sage.x3Sales.salesOrder')!;
		expect(salesOrder.defaultSelection).toContain('lines { ');
	});

	test('finds X3 V12 and SDMO xtrem entities with query, read and mutations', async () => {
		const v12 = await entitiesOf(urls().v12, x3Token);
		const partner = v12.find((entity) => entity.key === 'x3MasterData.businessPartner')!;
		expect(partner).toMatchObject({ listPath: ['x3MasterData', 'businessPartner', 'query'], keyField: '_id', filterDialect: 'xtrem' });
		expect(partner.read?.path).toEqual(['x3MasterData', 'businessPartner', 'read']);

		const sdmo = await entitiesOf(urls().sdmo, sdmoToken);
		const customer = sdmo.find((entity) => entity.key === 'xtremMasterData.customer')!;
		expect(customer.mutations.bulkUpdate?.arguments.map((arg) => arg.name)).toEqual(['data', 'filter']);
		expect(customer.asyncOperations.map((operation) => operation.name)).toEqual(['asyncExport']);
		expect(customer.defaultSelection).toMatch(/currency \{ _id id \}/);
	});
});

describe('query builders run against the sandbox', () => {
	test('buildListQuery pages through every record exactly once (X3 cloud)', async () => {
		const customer = (await entitiesOf(urls().seed, x3Token)).find((entity) => entity.name === 'customer')!;
		const built = buildListQuery(customer, { selection: 'code', pageSize: 100, orderBy: '{code: -1}' });
		const codes: string[] = [];
		let after: string | null = null;
		for (let page = 0; page < 10; page++) {
			const result = await post(urls().seed, x3Token, built.query, { ...built.variables, after });
			expect(result.errors).toBeUndefined();
			const connection = readConnection(result.data, built.path)!;
			codes.push(...connection.nodes.map((node) => node.code as string));
			if (!connection.hasNextPage) break;
			after = connection.endCursor!;
		}
		expect(codes).toHaveLength(250);
		expect(new Set(codes).size).toBe(250);
		expect(codes[0]).toBe('AE0250');
	});

	test('keyInFilter escapes quotes and finds records in both dialects', async () => {
		expect(filterLiteral("O'Brien \\ co")).toBe("'O\\'Brien \\\\ co'");
		const seed = (await entitiesOf(urls().seed, x3Token)).find((entity) => entity.name === 'customer')!;
		const built = buildListQuery(seed, { selection: 'code', pageSize: 50, filter: keyInFilter(seed, 'code', ['AE0002', "X'1", 'AE0007']) });
		const result = await post(urls().seed, x3Token, built.query, { ...built.variables, after: null });
		expect(readConnection(result.data, built.path)!.nodes.map((node) => node.code)).toEqual(['AE0002', 'AE0007']);

		const sdmo = (await entitiesOf(urls().sdmo, sdmoToken)).find((entity) => entity.key === 'xtremMasterData.customer')!;
		const xtrem = buildListQuery(sdmo, { selection: '_id', pageSize: 50, filter: keyInFilter(sdmo, '_id', ['3', '5']), includeTotalCount: true });
		const answer = await post(urls().sdmo, sdmoToken, xtrem.query, { ...xtrem.variables, after: null });
		const page = readConnection(answer.data, xtrem.path)!;
		expect(page.nodes.map((node) => node._id)).toEqual(['3', '5']);
		expect(page.totalCount).toBe(2);
	});

	test('buildReadByKeysQuery reads several keys in one request, natural keys included', async () => {
		const sdmo = (await entitiesOf(urls().sdmo, sdmoToken)).find((entity) => entity.key === 'xtremMasterData.customer')!;
		const seventh = sandbox.sdmo.customers().find((customer: { _id: string }) => customer._id === '7');
		const built = buildReadByKeysQuery(sdmo, '_id id', ['6', `#${seventh.id}`, '999999']);
		const result = await post(urls().sdmo, sdmoToken, built.query, built.variables);
		expect(valueAtPath(result.data, built.aliasPath(0))).toMatchObject({ _id: '6' });
		expect(valueAtPath(result.data, built.aliasPath(1))).toMatchObject({ _id: '7', id: seventh.id });
		expect(valueAtPath(result.data, built.aliasPath(2))).toBeNull();
	});

	test('buildMutation creates, updates and deletes through variables', async () => {
		const v12 = (await entitiesOf(urls().v12, x3Token)).find((entity) => entity.key === 'x3MasterData.customer')!;
		const created = buildMutation(v12, 'create', '_id code companyName', { data: { code: 'ZZ-1', companyName: 'Quote "Test"' } });
		const result = await post(urls().v12, x3Token, created.query, created.variables);
		expect(result.errors).toBeUndefined();
		const record = valueAtPath(result.data, created.path) as { _id: string; companyName: string };
		expect(record.companyName).toBe('Quote "Test"');
		const removed = buildMutation(v12, 'delete', '', { _id: record._id });
		const deletion = await post(urls().v12, x3Token, removed.query, removed.variables);
		expect(deletion.errors).toBeUndefined();
		expect(valueAtPath(deletion.data, removed.path)).toBe(true);
	});
});
