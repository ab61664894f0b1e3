/* Sage DMO → Customer → Async Mutation. */
import { addCredential, badInputFailsBeforeAnyRequest, run, sandbox, useSdmoSandbox } from '../setup';

useSdmoSandbox();

test('Async mutation: start only, then start and wait through track', async () => {
	const id = addCredential();
	const started = await run(id, { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncExport', arguments: '{"filter": "{id: {_in: [\'FR0001\', \'GB0002\']}}"}', waitForCompletion: false });
	expect(started.error).toBeUndefined();
	expect(started.items[0].json).toMatchObject({ status: 'started', trackingId: expect.any(String) });
	expect(sandbox.sdmo.asyncJobs()).toHaveLength(1);

	const waited = await run(id, {
		resource: 'customer',
		operation: 'asyncMutation',
		asyncMutation: 'asyncExport',
		arguments: '{"filter": "{country: {id: \'FR\'}}", "orderBy": "{id: 1}"}',
		waitForCompletion: true,
		pollInterval: 0.1,
		timeout: 30,
	});
	expect(waited.error).toBeUndefined();
	expect(waited.items[0].json).toMatchObject({ status: 'success', trackCalls: 3, result: { rowCount: 600 } });
	expect(sandbox.sdmo.asyncJobs()[1]).toMatchObject({ status: 'success', trackCalls: 3 });

	sandbox.sdmo.failNextAsyncExport('Export exploded');
	const failed = await run(id, { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncExport', arguments: '{}', waitForCompletion: true, pollInterval: 0.1, timeout: 30 });
	expect(failed.error?.message).toMatch(/Export exploded/);

	const unknown = await run(id, { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncImport', arguments: '{}', waitForCompletion: false });
	expect(unknown.error?.message).toBe('Entity "xtremMasterData.customer" has no async mutation "asyncImport"');
});

badInputFailsBeforeAnyRequest([
	['async name', { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'do export', arguments: '{}' }, /"Async Mutation Name" must be the name/],
	['poll interval', { resource: 'customer', operation: 'asyncMutation', asyncMutation: 'asyncExport', arguments: '{}', waitForCompletion: true, pollInterval: 0, timeout: 5 }, /"Poll Interval \(Seconds\)" must be from 0.1/],
]);
