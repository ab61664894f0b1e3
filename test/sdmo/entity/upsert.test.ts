/*
 * Sage DMO → Entity → Create or Update on any entity found by introspection, by the Key Field the
 * user picks (its id, or another field whose values are unique): all keys looked up in batches,
 * then each record created or updated by the _id found; a field that is not unique, or that the
 * entity does not have, fails clearly before anything is written.
 */
import { addCredential, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

const graphqlQueries = () =>
	(sandbox.server.log as Json[]).filter((entry) => entry.name === 'sdmo.graphql').map((entry) => String(JSON.parse(entry.rawBody.toString()).query));
const mutations = () => graphqlQueries().filter((query) => /^\s*mutation\b/.test(query)).length;
const lookups = () => graphqlQueries().filter((query) => !/^\s*mutation\b/.test(query) && !query.includes('__schema'));
const item = (field: string, value: string) => sandbox.sdmo.records('item').find((entry: Json) => entry[field] === value);

const upsert = (extra: Json = {}) => ({
	resource: 'entity',
	operation: 'upsert',
	app: 'sdmo',
	entity: 'xtremMasterData.item',
	key: '={{ $json.key }}',
	data: '={{ JSON.stringify($json.data) }}',
	options: { fields: '_id id name basePrice' },
	...extra,
});

test('items by id: known ones updated, new ones created, one lookup', async () => {
	const id = addCredential();
	const result = await run(id, upsert(), [
		{ key: 'ITM00001', data: { basePrice: 9.5 } },
		{ key: 'ITMNEW01', data: { name: 'New bolt', basePrice: 2.5 } },
	]);
	expect(result.error).toBeUndefined();
	expect(result.items.map((entry) => [entry.json.id, entry.json._outcome, entry.json.basePrice])).toEqual([
		['ITM00001', 'updated', 9.5],
		['ITMNEW01', 'created', 2.5],
	]);
	expect(item('id', 'ITMNEW01')).toMatchObject({ name: 'New bolt', stockUnit: 'EA' });
	expect(lookups()).toHaveLength(1);
	expect(lookups()[0]).toContain('query(');
	expect(mutations()).toBe(2);
});

test('by another unique field (the item name): updated by the _id found, created with the name set', async () => {
	const id = addCredential();
	const known = item('_id', '2');
	const result = await run(id, upsert({ keyField: 'name' }), [
		{ key: known.name, data: { description: 'Matched by name' } },
		{ key: 'Valve 999X', data: { id: 'ITMNEW02' } },
	]);
	expect(result.error).toBeUndefined();
	expect(result.items.map((entry) => [entry.json._id === '2', entry.json._outcome])).toEqual([
		[true, 'updated'],
		[false, 'created'],
	]);
	expect(item('_id', '2').description).toBe('Matched by name');
	expect(item('id', 'ITMNEW02').name).toBe('Valve 999X');
	const log = sandbox.sdmo.mutationLog as Json[];
	expect(log.map((entry) => [entry.op, entry.data._id ?? null, entry.data.name ?? null])).toEqual([
		['update', '2', null],
		['create', null, 'Valve 999X'],
	]);
});

test('a Key Field whose values are not unique fails those items, naming the field; nothing is written', async () => {
	const id = addCredential();
	const result = await run(id, upsert({ keyField: 'stockUnit' }), [{ key: 'KG', data: { name: 'Heavy' } }], true);
	expect(result.items[0].json.error).toBe('"stockUnit" does not identify one item: "KG" match more than one record');
	expect(result.items[0].json.description).toMatch(/a key field whose values are unique/);
	expect(mutations()).toBe(0);
});

test('a Key Field the entity does not have fails before any lookup or write, listing its fields', async () => {
	const id = addCredential();
	const result = await run(id, upsert({ keyField: 'code' }), [{ key: 'X', data: { name: 'x' } }], true);
	expect(result.items[0].json.error).toBe('Entity "xtremMasterData.item" has no field "code" (parameter "Key Field")');
	expect(result.items[0].json.description).toMatch(/Fields of Item: .*basePrice/);
	expect(lookups()).toHaveLength(0);
	expect(mutations()).toBe(0);
});

test('a reset after Sage created the item: read back by the key field, confirmed, not sent again', async () => {
	const id = addCredential();
	sandbox.server.setFaults([{ route: 'sdmo.graphql', kind: 'reset-after-processing', times: 1, requestBody: /"query":"\s*mutation/ }]);
	const result = await run(id, upsert({ keyField: 'name' }), [{ key: 'Pump 998X', data: { id: 'ITMNEW03', basePrice: 4 } }]);
	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ id: 'ITMNEW03', name: 'Pump 998X', basePrice: 4, _outcome: 'created', _confirmedAfter: 'The connection to Sage was reset' });
	expect((sandbox.sdmo.mutationLog as Json[]).map((entry) => entry.op)).toEqual(['create']);
});

test('a server whose pages are smaller than asked: the lookup follows the cursor, every key still matched in one batch', async () => {
	const id = addCredential();
	// Sage answers at most 30 records a page, whatever `first` asks.
	sandbox.sdmo.setPageCap(30);
	const active = (sandbox.sdmo.records('item') as Json[]).filter((entry) => entry.isActive).slice(0, 50);
	const items = Array.from({ length: 100 }, (_, index) => ({ key: index % 2 === 0 ? active[index / 2].id : `ITMCAP${index}`, data: { name: `Capped ${index}` } }));
	const result = await run(id, upsert({ options: { fields: '_id id name' } }), items);
	expect(result.error).toBeUndefined();
	expect(result.items.map((entry) => entry.json._outcome)).toEqual(items.map((_, index) => (index % 2 === 0 ? 'updated' : 'created')));
	// 50 known keys: pages of 30 and 20.
	expect(lookups()).toHaveLength(2);
	expect(mutations()).toBe(100);
});
