/* Sage DMO → Customer → Get. */
import { addCredential, badInputFailsBeforeAnyRequest, count, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('Get for many items is batched, accepts #natural keys, and reports a missing record per item', async () => {
	const id = addCredential();
	const items = Array.from({ length: 250 }, (_, n) => ({ key: n === 3 ? '#GB0002' : n === 7 ? '99999' : String(n + 1) }));
	const r = await run(id, { resource: 'customer', operation: 'get', app: 'sdmo', recordId: '={{$json.key}}' }, items, true);
	expect(r.error).toBeUndefined();
	expect(r.items).toHaveLength(250);
	expect(r.items[0].json).toMatchObject({ _id: '1', id: 'FR0001', currency: { id: 'EUR' } });
	expect(r.items[3].json).toMatchObject({ _id: '2', id: 'GB0002' });
	expect(r.items[7].json.error).toMatch(/No customer record with key "99999"/);
	expect(r.items[249].json._id).toBe('250');
	expect(r.items.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
	// 1 introspection + 3 batches of at most 100 reads.
	expect(count('sdmo.graphql')).toBe(4);
	expect(count('sdmo.token')).toBe(1);
});

test('with continue on fail, a bad item does not stop the good ones', async () => {
	const id = addCredential();
	const r = await run(id, { resource: 'customer', operation: 'get', recordId: '={{$json.key}}' }, [{ key: '1' }, { key: '' }, { key: '3' }], true);
	expect(r.items.map((item) => item.json._id ?? item.json.error)).toEqual(['1', expect.stringMatching(/"Record ID" must be/), '3']);
});

badInputFailsBeforeAnyRequest([
	['empty record ID', { resource: 'customer', operation: 'get', recordId: '  ' }, /"Record ID" must be a record _id such as 6/],
	['fields', { resource: 'customer', operation: 'get', recordId: '1', options: { fields: 'id {' } }, /Invalid GraphQL in "Fields \(Selection\)"/],
]);
