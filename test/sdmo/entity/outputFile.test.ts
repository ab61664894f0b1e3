/* Sage DMO → Entity → Get Many with Output: One File, on an entity of another app. */
import { readBinary } from '../../harness/binary-data';
import { addCredential, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('work orders of the shopfloor app: the NDJSON lines are the records Items outputs', async () => {
	const id = addCredential();
	const getMany = { resource: 'entity', operation: 'getMany', app: 'shopfloor', entity: 'xtremShopfloor.workOrder', returnAll: true };
	const items = await run(id, getMany);
	expect(items.error).toBeUndefined();
	expect(items.items).toHaveLength(50);
	const file = await run(id, { ...getMany, output: 'file', fileOptions: { fileName: 'work-orders.ndjson', binaryPropertyName: 'orders' } });
	expect(file.error).toBeUndefined();
	expect(file.items[0].json).toEqual({ fileName: 'work-orders.ndjson', format: 'ndjson', records: 50 });
	const lines = (await readBinary(file.items[0].binary!.orders)).toString('utf8').trimEnd().split('\n');
	expect(lines.map((line) => JSON.parse(line))).toEqual(items.items.map((item) => item.json));
});
