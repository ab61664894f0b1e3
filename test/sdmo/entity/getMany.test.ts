/* Sage DMO → Entity → Get Many. */
import { addCredential, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('any entity by introspection: work orders of the shopfloor app', async () => {
	const id = addCredential();
	const orders = await run(id, { resource: 'entity', operation: 'getMany', app: 'shopfloor', entity: 'xtremShopfloor.workOrder', returnAll: true });
	expect(orders.error).toBeUndefined();
	expect(orders.items).toHaveLength(50);
});
