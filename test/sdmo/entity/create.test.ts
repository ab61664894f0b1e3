/* Sage DMO → Entity → Create. */
import { addCredential, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('any entity by introspection: an item of the sdmo app', async () => {
	const id = addCredential();
	const item = await run(id, { resource: 'entity', operation: 'create', app: 'sdmo', entity: 'xtremMasterData.item', data: '{"id": "ITMNEW", "name": "New bolt", "basePrice": 2.5}' });
	expect(item.items[0].json).toMatchObject({ id: 'ITMNEW', basePrice: 2.5 });
});
