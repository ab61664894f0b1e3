/* Sage DMO → Customer → Create (and the round trip Create → Update → Delete). */
import { addCredential, badInputFailsBeforeAnyRequest, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('Create, Update and Delete', async () => {
	const id = addCredential();
	const created = await run(id, {
		resource: 'customer',
		operation: 'create',
		data: JSON.stringify({ id: 'N8N001', name: 'Workflow Ltd', currency: '#GBP', country: '#GB', creditLimit: 1000 }),
	});
	expect(created.error).toBeUndefined();
	expect(created.items[0].json).toMatchObject({ id: 'N8N001', name: 'Workflow Ltd', currency: { id: 'GBP' }, creditLimit: 1000 });
	const newId = created.items[0].json._id as string;
	expect(sandbox.sdmo.find('customer', '#N8N001')).toMatchObject({ _id: newId, name: 'Workflow Ltd' });

	const updated = await run(id, { resource: 'customer', operation: 'update', recordId: '#N8N001', data: '{"name": "Renamed Ltd"}' });
	expect(updated.error).toBeUndefined();
	expect(updated.items[0].json).toMatchObject({ _id: newId, name: 'Renamed Ltd' });
	expect(sandbox.sdmo.find('customer', newId).name).toBe('Renamed Ltd');

	const deleted = await run(id, { resource: 'customer', operation: 'delete', recordId: newId });
	expect(deleted.error).toBeUndefined();
	expect(deleted.items[0].json).toEqual({ deleted: true, recordId: newId });
	expect(sandbox.sdmo.find('customer', newId)).toBeUndefined();
	expect(sandbox.sdmo.mutationLog.map((entry: Json) => entry.op)).toEqual(['create', 'update', 'delete']);
});

badInputFailsBeforeAnyRequest([
	['create data', { resource: 'customer', operation: 'create', data: '[1]' }, /"Data" must be a JSON object/],
]);
