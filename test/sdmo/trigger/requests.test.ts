/**
 * Sage DMO Trigger → requests per poll: the app, the entity's list query and the selection are
 * resolved from the schema at activation and kept in the node's static data next to the watermark,
 * so a poll sends one page (and a token request when the token expired); the schema is read again
 * for new parameters, or when Sage refuses the stored query. Through n8n-core's PollContext.
 */
import type { IDataObject } from 'n8n-workflow';

import { stampsAfterNow, useSdmoTriggerSuite, type Json } from './setup';

const suite = useSdmoTriggerSuite();
const keys = (items: Json[]) => items.map((item) => item._id);
const customers = { event: 'recordUpdated', resource: 'customer' };

/** The GraphQL requests since the counters were reset: introspections and pages, by app. */
function graphqlKinds(): string[] {
	return suite.sandbox.server.log
		.filter((entry: Json) => entry.name === 'sdmo.graphql')
		.map((entry: Json) => `${String(JSON.parse(entry.rawBody.toString()).query).includes('__schema') ? 'introspection' : 'page'} ${entry.path.split('/')[5]}`);
}

async function activated(parameters: Json): Promise<IDataObject> {
	const staticData: IDataObject = {};
	expect(await suite.poll(parameters, staticData)).toEqual([]);
	suite.sandbox.server.resetCounters();
	return staticData;
}

test('after activation a poll sends one page, also after a restart; a token only once it expired', async () => {
	const { sandbox } = suite;
	const staticData: IDataObject = {};
	await suite.poll(customers, staticData);
	expect(graphqlKinds().filter((kind) => kind.startsWith('introspection'))).toEqual(['introspection sdmo']);
	expect(staticData.sageChangeTarget).toMatchObject({ target: { app: 'sdmo', entity: { key: 'xtremMasterData.customer', keyField: '_id', filterDialect: 'xtrem' } } });
	for (const id of ['4', '6']) {
		sandbox.server.resetCounters();
		sandbox.sdmo.change('customer', id, { name: `Changed ${id}` });
		expect(keys(await suite.poll(customers, staticData))).toEqual([id]);
		expect(graphqlKinds()).toEqual(['page sdmo']);
		expect(suite.count('sdmo.token')).toBe(0);
	}
	// A restarted n8n: the static data from its database is enough.
	suite.restart();
	const reloaded = JSON.parse(JSON.stringify(staticData)) as IDataObject;
	sandbox.server.resetCounters();
	sandbox.sdmo.change('customer', '7', { name: 'Changed 7' });
	expect(keys(await suite.poll(customers, reloaded))).toEqual(['7']);
	expect(graphqlKinds()).toEqual(['page sdmo']);
	// The token expired: one token request, still no introspection.
	sandbox.sdmo.expireAccessTokens();
	sandbox.server.resetCounters();
	expect(await suite.poll(customers, reloaded)).toEqual([]);
	expect(suite.count('sdmo.token')).toBe(1);
	expect(graphqlKinds().every((kind) => kind === 'page sdmo')).toBe(true);
});

test('work orders found in another app: later polls go straight to it, without reading the first app\'s schema', async () => {
	const { sandbox } = suite;
	const parameters = { event: 'recordUpdated', resource: 'workOrder', app: 'sdmo' };
	const staticData = await activated(parameters);
	const [stamp] = stampsAfterNow(sandbox, 1);
	sandbox.sdmo.change('workOrder', '3', {}, { stamp });
	expect(keys(await suite.poll(parameters, staticData))).toEqual(['3']);
	expect(graphqlKinds()).toEqual(['page shopfloor']);
});

test('a stored query Sage refuses is resolved again from the schema, and the poll goes on from the same watermark', async () => {
	const { sandbox } = suite;
	const staticData = await activated(customers);
	// As after an upgrade that moved the entity: the stored path no longer exists.
	const stored = staticData.sageChangeTarget as { from: string; target: Json };
	staticData.sageChangeTarget = { from: stored.from, target: { ...stored.target, entity: { ...stored.target.entity, listPath: ['xtremMasterData', 'customerOld', 'query'] } } };
	sandbox.sdmo.change('customer', '5', { name: 'Changed Five' });
	expect(keys(await suite.poll(customers, staticData))).toEqual(['5']);
	expect(graphqlKinds()).toEqual(['page sdmo', 'introspection sdmo', 'page sdmo']);
	expect(sandbox.server.log.find((entry: Json) => entry.name === 'sdmo.graphql').status).toBe(400);
	expect(staticData.sageChangeTarget).toEqual(stored);
	sandbox.server.resetCounters();
	sandbox.sdmo.change('customer', '5', { name: 'Changed again' });
	expect(keys(await suite.poll(customers, staticData))).toEqual(['5']);
	expect(graphqlKinds()).toEqual(['page sdmo']);
});

test('new Fields resolve the target again; a stored target of another shape is not used', async () => {
	const { sandbox } = suite;
	const staticData = await activated(customers);
	const withFields = { ...customers, options: { fields: '_id name' } };
	sandbox.sdmo.change('customer', '9', { name: 'Nine' });
	expect(await suite.poll(withFields, staticData)).toEqual([{ _id: '9', name: 'Nine' }]);
	expect(graphqlKinds()).toEqual(['introspection sdmo', 'page sdmo']);
	const stored = staticData.sageChangeTarget as { from: string; target: Json };
	staticData.sageChangeTarget = { from: stored.from, target: { ...stored.target, app: '../other' } };
	sandbox.server.resetCounters();
	expect(await suite.poll(withFields, staticData)).toEqual([]);
	expect(graphqlKinds()).toEqual(['introspection sdmo', 'page sdmo']);
	expect(staticData.sageChangeTarget).toEqual(stored);
	expect(JSON.stringify(staticData).length).toBeLessThan(2_000);
});
