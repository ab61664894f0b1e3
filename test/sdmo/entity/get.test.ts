/* Sage DMO → Entity → Get: any entity of an app, found by introspection. */
import { addCredential, badInputFailsBeforeAnyRequest, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('any entity by introspection: supplier by natural key; an entity the app does not have', async () => {
	const id = addCredential();
	const supplier = await run(id, { resource: 'entity', operation: 'get', app: 'sdmo', entity: 'xtremMasterData.supplier', recordId: '#SUP0003' });
	expect(supplier.error).toBeUndefined();
	expect(supplier.items[0].json).toMatchObject({ _id: '3', id: 'SUP0003' });

	const missing = await run(id, { resource: 'entity', operation: 'get', app: 'sdmo', entity: 'xtremMasterData.warehouse', recordId: '1' });
	expect(missing.error?.message).toBe('App "sdmo" has no entity "xtremMasterData.warehouse"');
});

badInputFailsBeforeAnyRequest([
	['entity path', { resource: 'entity', operation: 'get', entity: 'customer', recordId: '1' }, /"Entity" must be an entity path/],
]);
