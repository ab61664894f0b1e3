/* Sage DMO → Customer → Bulk Update. */
import { addCredential, badInputFailsBeforeAnyRequest, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('Bulk Update reports the count and warns that Sage skips records', async () => {
	const id = addCredential();
	const r = await run(id, { resource: 'customer', operation: 'bulkUpdate', filter: "{country: {id: 'US'}}", data: '{"creditLimit": 42}' });
	expect(r.error).toBeUndefined();
	const json = r.items[0].json;
	expect(json.updatedCount).toBe(300);
	expect(json.warning).toMatch(/silently skips records it cannot update/);
	expect(json.diagnoses).toEqual([expect.stringMatching(/300 customer record\(s\) were skipped/)]);
	const us = sandbox.sdmo.customers().filter((customer: Json) => customer.id.startsWith('US'));
	expect(us.filter((customer: Json) => customer.creditLimit === 42)).toHaveLength(300);
});

badInputFailsBeforeAnyRequest([
	['bulk filter', { resource: 'customer', operation: 'bulkUpdate', filter: '={{$json.noFilter}}', data: '{"isActive": true}' }, /"Filter" must not be empty/],
]);
