/* Sage DMO → Customer → Update. */
import { addCredential, badInputFailsBeforeAnyRequest, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('a failed mutation carries its diagnoses; continue on fail keeps the other items', async () => {
	const id = addCredential();
	const r = await run(id, { resource: 'customer', operation: 'update', recordId: '={{$json.key}}', data: '{"creditLimit": 10}' }, [{ key: '1' }, { key: '10' }], true);
	expect(r.items[0].json).toMatchObject({ _id: '1', creditLimit: 10 });
	expect(r.items[1].json.error).toMatch(/The record was not updated/);
});

badInputFailsBeforeAnyRequest([
	['update data', { resource: 'customer', operation: 'update', recordId: '1', data: '{}' }, /"Data" must hold at least one field/],
]);
