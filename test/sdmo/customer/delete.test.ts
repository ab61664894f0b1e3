/* Sage DMO → Customer → Delete (a successful delete is in the round trip of create.test.ts). */
import { addCredential, run, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('a failed delete carries Sage\'s reason', async () => {
	const id = addCredential();
	const failed = await run(id, { resource: 'customer', operation: 'delete', recordId: '38' });
	expect(failed.error?.message).toMatch(/The record was not deleted/);
	expect(JSON.stringify(failed.error)).toMatch(/referenced by salesOrder/);
});
