/* Sage DMO → Customer → Get Many. */
import { addCredential, badInputFailsBeforeAnyRequest, count, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('Get Many returns all 3,000 customers with no loss or repeat, in pages of 1000', async () => {
	const id = addCredential();
	const r = await run(id, { resource: 'customer', operation: 'getMany', returnAll: true, options: { fields: '_id id' } });
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(3000);
	const ids = r.items.map((item) => item.json._id);
	expect(new Set(ids).size).toBe(3000);
	expect(new Set(ids)).toEqual(new Set(sandbox.sdmo.customers().map((customer: Json) => customer._id)));
	expect(count('sdmo.graphql')).toBe(1 + 3);
});

test('Get Many with filter, orderBy, limit and totalCount', async () => {
	const id = addCredential();
	const r = await run(id, {
		resource: 'customer',
		operation: 'getMany',
		returnAll: false,
		limit: 7,
		filter: "{country: {id: 'DE'}}",
		options: { orderBy: '{id: -1}', includeTotalCount: true, fields: 'id name' },
	});
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(1);
	expect(r.items[0].json.totalCount).toBe(600);
	expect(r.items[0].json.count).toBe(7);
	expect((r.items[0].json.records as Json[])[0]).toEqual({ id: 'DE2998', name: expect.any(String) });
});

badInputFailsBeforeAnyRequest([
	['limit', { resource: 'customer', operation: 'getMany', returnAll: false, limit: 0 }, /"Limit" must be a whole number from 1/],
	['filter', { resource: 'customer', operation: 'getMany', returnAll: true, filter: "name: 'x'" }, /"Filter" must be an object in Sage's filter syntax/],
]);

test('Simplify changes nothing in the default fields: they hold no collections, and references stay as Sage sent them', async () => {
	const id = addCredential();
	const parameters = { resource: 'customer', operation: 'getMany', returnAll: false, limit: 5 };
	const simple = await run(id, parameters);
	const raw = await run(id, { ...parameters, simple: false });
	expect(simple.error).toBeUndefined();
	expect(simple.items.map((item) => item.json)).toEqual(raw.items.map((item) => item.json));
	expect(simple.items[0].json.currency).toEqual({ _id: expect.any(String), id: expect.any(String) });
});
