/* Sage DMO → Entity → Delete. */
import { addCredential, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('an entity without a delete mutation is refused by name', async () => {
	const id = addCredential();
	const readOnly = await run(id, { resource: 'entity', operation: 'delete', app: 'sdmo', entity: 'xtremSales.salesOrder', recordId: '1' });
	expect(readOnly.error?.message).toBe('Entity "xtremSales.salesOrder" has no delete mutation in app "sdmo"');
});
