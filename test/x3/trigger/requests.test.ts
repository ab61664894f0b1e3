/*
 * Sage X3 Trigger → requests per poll: the folder URL and what the query needs from the folder's
 * schema are kept in the node's static data next to the watermark, so a poll sends one page (and a
 * token request when the access token expired); the folders are listed and the schema read again
 * for new parameters, or when X3 refuses the query after a schema change (a field renamed by an
 * upgrade), and the poll then goes on from the same watermark. Through n8n-core's PollContext.
 */
import type { IDataObject } from 'n8n-workflow';

import { SageX3Trigger } from '../../../nodes/SageX3Trigger/SageX3Trigger.node';
import { folder, useX3Suite } from '../setup';

type Parameters = Record<string, unknown>;

const suite = useX3Suite({ nodes: { sageX3Trigger: new SageX3Trigger() } });

const customers = (folderName = 'SEED', extra: Parameters = {}): Parameters => ({ event: 'recordUpdated', folder: folder(folderName), resource: 'customer', ...extra });

const poll = async (parameters: Parameters, staticData: IDataObject, mode: 'trigger' | 'manual' = 'trigger') =>
	await suite.engine.poll({ type: 'sageX3Trigger', parameters: parameters as never, credentials: { sageX3Api: suite.credentialId }, staticData, mode });

const keysOf = (items: Array<{ json: IDataObject }>) => items.map((item) => String(item.json.code ?? item.json._id));
const tick = (ms = 1500) => suite.sandbox.x3.clock.advance(ms);
const codes = (from: number, count: number) => Array.from({ length: count }, (_, index) => `AE${String(from + index).padStart(4, '0')}`);

/** The requests since the counters were reset, by kind. */
function requestKinds(): Record<string, number> {
	const kinds: Record<string, number> = {};
	for (const entry of suite.sandbox.server.log as Array<{ name: string; rawBody: Buffer }>) {
		let kind = entry.name;
		if (entry.name === 'x3.graphql') {
			const query = String(JSON.parse(entry.rawBody.toString()).query);
			kind = query.includes('__schema') ? 'introspection' : query.includes('SageList') ? 'page' : 'other query';
		}
		kinds[kind] = (kinds[kind] ?? 0) + 1;
	}
	return kinds;
}

/** A watermark in place (the activation poll), counters reset. */
async function activated(parameters: Parameters): Promise<IDataObject> {
	const staticData: IDataObject = {};
	expect((await poll(parameters, staticData)).items).toEqual([]);
	suite.sandbox.server.resetCounters();
	return staticData;
}

/** The access token lives 300 s at the sandbox's X3: this is past it. */
const TOKEN_EXPIRED_MS = 301_000;

test('after activation a poll sends one page: no folder listing, no introspection, a token only once it expired', async () => {
	const staticData: IDataObject = {};
	await poll(customers(), staticData);
	// Activation resolves the target: the folder listing and the introspection, then the newest record and its window.
	expect(requestKinds()).toMatchObject({ 'x3.folders': 1, introspection: 1 });
	expect(staticData.sageChangeTarget).toMatchObject({ target: { timestampField: 'updatedAt', entity: { key: 'sage.x3BusinessPartners.customer', keyField: 'code' } } });

	for (let round = 0; round < 3; round++) {
		tick();
		suite.sandbox.x3.touch('customer', codes(100 + round * 10, 5));
		suite.sandbox.server.resetCounters();
		expect(keysOf((await poll(customers(), staticData)).items)).toEqual(codes(100 + round * 10, 5));
		expect(requestKinds()).toEqual({ page: 1 });
	}
	// Nothing changed: still one page.
	suite.sandbox.server.resetCounters();
	expect((await poll(customers(), staticData)).items).toEqual([]);
	expect(requestKinds()).toEqual({ page: 1 });

	// The access token expired: X3 answers the page 401, the token is renewed once and the page
	// sent again (n8n renews an expirable token when the API refuses it); no listing, no introspection.
	tick(TOKEN_EXPIRED_MS);
	suite.sandbox.x3.touch('customer', ['AE0201']);
	suite.sandbox.server.resetCounters();
	expect(keysOf((await poll(customers(), staticData)).items)).toEqual(['AE0201']);
	expect(requestKinds()).toEqual({ page: 2, 'x3.token': 1 });
	expect((suite.sandbox.server.log as Array<{ status: number }>).map((entry) => entry.status)).toEqual([401, 200, 200]);

	// A restart: static data reloaded from the database is enough.
	const reloaded = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	tick();
	suite.sandbox.x3.touch('customer', ['AE0202']);
	suite.sandbox.server.resetCounters();
	expect(keysOf((await poll(customers(), reloaded)).items)).toEqual(['AE0202']);
	expect(requestKinds()).toEqual({ page: 1 });
});

test('new parameters resolve the target again; the watermark goes on where the same changes are watched', async () => {
	const staticData = await activated(customers('SEED'));
	tick();
	suite.sandbox.x3.touch('customer', ['AE0301']);
	// Other Fields: the same stream of changes, another selection.
	const withFields = customers('SEED', { options: { fields: ['code', 'country'] } });
	const result = await poll(withFields, staticData);
	expect(result.items.map((item) => item.json)).toEqual([{ code: 'AE0301', country: expect.any(String) }]);
	expect(requestKinds()).toMatchObject({ 'x3.folders': 1, introspection: 1, page: 1 });
	suite.sandbox.server.resetCounters();
	tick();
	suite.sandbox.x3.touch('customer', ['AE0302']);
	expect(keysOf((await poll(withFields, staticData)).items)).toEqual(['AE0302']);
	expect(requestKinds()).toEqual({ page: 1 });

	// Another folder is another target and another stream: it starts over from now.
	suite.sandbox.server.resetCounters();
	expect((await poll(customers('X3'), staticData)).items).toEqual([]);
	expect(requestKinds()).toMatchObject({ 'x3.folders': 1, introspection: 1 });
	expect(staticData.sageChangeTarget).toMatchObject({ target: { entity: { key: 'x3MasterData.customer', keyField: '_id', filterDialect: 'xtrem' } } });
});

test('Fetch Test Event uses a stored target and stores nothing', async () => {
	const staticData = await activated(customers());
	tick();
	suite.sandbox.x3.touch('customer', ['AE0351']);
	const before = JSON.stringify(staticData);
	const manual = await poll(customers(), staticData, 'manual');
	expect(keysOf(manual.items)).toEqual(['AE0351']);
	expect(requestKinds()).toEqual({ page: 1 });
	expect(JSON.stringify(staticData)).toBe(before);
	// Without one it resolves, and still stores nothing.
	suite.sandbox.server.resetCounters();
	const fresh: IDataObject = {};
	expect(keysOf((await poll(customers(), fresh, 'manual')).items)).toEqual(['AE0351']);
	expect(requestKinds()).toMatchObject({ 'x3.folders': 1, introspection: 1, page: 1 });
	expect(fresh).toEqual({});
});

describe.each([
	['SEED', 'page refused with "Cannot query field"'],
	['X3', 'page refused with "Cannot query field"'],
])('an upgrade renames the timestamp field on %s between polls', (folderName) => {
	afterEach(() => suite.sandbox.x3.renameField(folderName, 'customer', 'updatedAt', undefined));

	test('the refused page resolves the target again and the poll goes on from the same watermark, each change once', async () => {
		const staticData = await activated(customers(folderName));
		tick();
		suite.sandbox.x3.touch('customer', ['AE0401']);
		expect(keysOf((await poll(customers(folderName), staticData)).items)).toEqual(['AE0401']);
		const watermark = (staticData.sageChangeWatermark as IDataObject).stamp;

		// X3 now calls updatedAt updDatTim (the first of its usual names): the stored query is refused.
		suite.sandbox.x3.renameField(folderName, 'customer', 'updatedAt', 'updDatTim');
		tick();
		const stamp = suite.sandbox.x3.touch('customer', ['AE0402', 'AE0403']);
		suite.sandbox.server.resetCounters();
		const result = await poll(customers(folderName), staticData);
		expect(keysOf(result.items)).toEqual(['AE0402', 'AE0403']);
		expect(result.items[0].json.updDatTim).toBe(stamp);
		expect(result.items[0].json).not.toHaveProperty('updatedAt');
		// The refused page, the folder listing and the introspection, the page again.
		expect(requestKinds()).toEqual({ page: 2, 'x3.folders': 1, introspection: 1 });
		const refused = (suite.sandbox.server.log as Array<{ name: string; status: number }>).filter((entry) => entry.name === 'x3.graphql').map((entry) => entry.status);
		expect(refused[0]).toBe(400);
		expect(staticData.sageChangeTarget).toMatchObject({ target: { timestampField: 'updDatTim' } });
		expect((staticData.sageChangeWatermark as IDataObject).stamp).not.toBe(watermark);

		// From then on one page again, and nothing twice.
		tick();
		suite.sandbox.x3.touch('customer', ['AE0404']);
		suite.sandbox.server.resetCounters();
		expect(keysOf((await poll(customers(folderName), staticData)).items)).toEqual(['AE0404']);
		expect(requestKinds()).toEqual({ page: 1 });
	});
});

test('a refusal the schema does not explain fails the poll after one fresh resolution, and moves nothing', async () => {
	// A Filter on a field X3 then drops: the fresh schema cannot repair it, the poll fails with X3's words.
	const parameters = customers('SEED', { options: { filter: "{category: 'KEY'}" } });
	const staticData = await activated(parameters);
	suite.sandbox.x3.renameField('SEED', 'customer', 'category', 'segment');
	try {
		tick();
		suite.sandbox.x3.touch('customer', ['AE0501'], { changes: { category: 'KEY' } });
		const before = JSON.stringify(staticData);
		await expect(poll(parameters, staticData)).rejects.toThrow(/unknown property 'category'/);
		expect(requestKinds()).toEqual({ page: 2, 'x3.folders': 1, introspection: 1 });
		expect(JSON.stringify(staticData)).toBe(before);
	} finally {
		suite.sandbox.x3.renameField('SEED', 'customer', 'category', undefined);
	}
	// The field back: the change comes, once.
	expect(keysOf((await poll(parameters, staticData)).items)).toEqual(['AE0501']);
});

test('a server failure is not a schema change: no folder listing, no introspection', async () => {
	const staticData = await activated(customers());
	suite.sandbox.x3.onGraphql(({ query }: { query: string }) => {
		if (query.includes('SageList')) suite.sandbox.x3.failGraphQL(1, { afterExecute: true });
	});
	tick();
	suite.sandbox.x3.touch('customer', ['AE0551']);
	try {
		await expect(poll(customers(), staticData)).rejects.toThrow(/An unexpected error occurred while processing the request/);
		expect(requestKinds()).toEqual({ page: 1 });
	} finally {
		suite.sandbox.x3.onGraphql(undefined);
	}
	suite.sandbox.server.resetCounters();
	expect(keysOf((await poll(customers(), staticData)).items)).toEqual(['AE0551']);
	expect(requestKinds()).toEqual({ page: 1 });
});

test('static data stays small: the target is a few hundred bytes and does not grow with polls', async () => {
	const staticData = await activated(customers());
	const sizes: number[] = [];
	for (let round = 0; round < 20; round++) {
		// A poll a minute and more: what is emitted leaves the 60 s overlap window.
		tick(61_000);
		suite.sandbox.x3.touch('customer', codes(600 + round * 5, 5));
		expect((await poll(customers(), staticData)).items).toHaveLength(5);
		sizes.push(JSON.stringify(staticData).length);
	}
	const target = JSON.stringify(staticData.sageChangeTarget).length;
	expect(target).toBeLessThan(1_500);
	expect(Math.max(...sizes)).toBeLessThan(2_500);
	expect(sizes[sizes.length - 1]).toBe(sizes[1]);
});

test('a selection too large to keep is not stored: each poll resolves the target, as before', async () => {
	// Fields naming companyName 700 times (GraphQL merges repeated fields): over 8,000 characters, the most a stored target holds.
	const parameters = customers('SEED', { options: { fields: Array.from({ length: 700 }, () => 'companyName') } });
	const staticData = await activated(parameters);
	expect(staticData.sageChangeTarget).toBeUndefined();
	tick();
	const touched = suite.sandbox.x3.customers().find((customer: IDataObject) => customer.code === 'AE0701');
	suite.sandbox.x3.touch('customer', ['AE0701']);
	expect((await poll(parameters, staticData)).items.map((item) => item.json)).toEqual([{ companyName: touched.companyName }]);
	expect(requestKinds()).toMatchObject({ 'x3.folders': 1, introspection: 1, page: 1 });
	expect(staticData.sageChangeTarget).toBeUndefined();
	expect(JSON.stringify(staticData).length).toBeLessThan(1_000);
});

test('a stored target edited to another host or shape is not used: the poll lists the folders again', async () => {
	const staticData = await activated(customers());
	const stored = staticData.sageChangeTarget as { from: string; target: IDataObject };
	for (const target of [
		{ ...stored.target, folderUrl: 'https://attacker.example/x3/eu/v1/service/X3CLOUDV2_SEED/graphQL' },
		{ ...stored.target, timestampField: 'updatedAt } } evil { x' },
		{ ...stored.target, entity: { ...(stored.target.entity as IDataObject), listPath: ['sage', 'x3 BusinessPartners'] } },
	]) {
		staticData.sageChangeTarget = { from: stored.from, target };
		suite.sandbox.server.resetCounters();
		await poll(customers(), staticData);
		expect(requestKinds()).toMatchObject({ 'x3.folders': 1, introspection: 1, page: 1 });
		expect(suite.sandbox.server.log.every((entry: { path: string }) => !entry.path.includes('attacker'))).toBe(true);
		expect(staticData.sageChangeTarget).toEqual(stored);
	}
});
