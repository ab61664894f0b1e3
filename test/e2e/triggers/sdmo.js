'use strict';
/**
 * Sage DMO Trigger in a real n8n: an activated workflow polling the sdmo app's customers every
 * minute (Record Updated, _updateStamp), two rounds of changes made in the sandbox, then what n8n
 * recorded: one execution per round holding each changed customer exactly once, in change order,
 * and no execution for a poll that finds nothing new.
 */
const assert = require('node:assert/strict');

const WORKFLOW_ID = 'e2eDmoTrigger001';
const NODE_NAME = 'Customer Changed';
const CREDENTIAL = { id: 'sageDmoTrigCred1', name: 'Sage DMO (sandbox, trigger)' };

exports.workflowId = WORKFLOW_ID;
exports.name = 'Sage DMO Trigger: an activated workflow emits each changed customer exactly once';

exports.check = async function check(env) {
	const { n8n, sandbox, e2e, fixtures } = env;
	const sdmo = sandbox.sdmo;
	await e2e.importCredentials(n8n, [
		{
			...CREDENTIAL,
			type: 'sageDmoApi',
			data: {
				clientId: sdmo.demo.clientId,
				clientSecret: sdmo.demo.clientSecret,
				tenantId: sdmo.demo.tenantId,
				tokenUrl: `${sandbox.url}/sdmo/v1/token`,
			},
		},
	]);
	await e2e.importWorkflows(n8n, [
		{
			id: WORKFLOW_ID,
			name: 'Sage DMO Trigger: customers changed',
			nodes: [
				{
					id: `${WORKFLOW_ID}-n1`,
					name: NODE_NAME,
					type: `${fixtures.PACKAGE}.sageDmoTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						// n8n refuses polls more often than once a minute.
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'recordUpdated',
						resource: 'customer',
						app: 'sdmo',
						timestampField: '_updateStamp',
						options: { fields: '_id id name _updateStamp' },
					},
					credentials: { sageDmoApi: CREDENTIAL },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	]);

	// The trigger's reads of customers (the action node's Get Many has no stamp filter or order).
	const changePolls = () =>
		sandbox.server.log.filter((entry) => entry.name === 'sdmo.graphql' && entry.status === 200 && /SageList/.test(entry.rawBody.toString()) && /_updateStamp: -?1/.test(entry.rawBody.toString()))
			.length;
	const stampOf = (id) => sdmo.find('customer', id)._updateStamp;
	const pollsBefore = changePolls();
	await env.activate(WORKFLOW_ID);
	try {
		// Activation polls once: it starts from the most recently changed customer and emits nothing.
		await env.waitFor('the activation poll', () => changePolls() > pollsBefore, 30_000);
		assert.deepEqual(await env.executions(WORKFLOW_ID), [], 'activation started an execution');

		const rounds = [];
		const expectRound = async (label, change) => {
			const known = (await env.executions(WORKFLOW_ID)).length;
			// All changes of a round happen in one tick: no poll can fall between them.
			const expected = change().map((id) => `${id}@${stampOf(id)}`);
			const executions = await env.waitFor(`the execution of ${label}`, async () => {
				const list = await env.executions(WORKFLOW_ID);
				return list.length > known && list.every((execution) => execution.status !== 'running' && execution.status !== 'new') ? list : undefined;
			});
			assert.equal(executions.length, known + 1, `${label}: ${executions.length - known} executions`);
			const last = executions[executions.length - 1];
			assert.equal(last.status, 'success', JSON.stringify(last));
			const items = await env.executionItems(last.id, NODE_NAME);
			assert.deepEqual(
				items.map((item) => `${item._id}@${item._updateStamp}`),
				expected,
			);
			rounds.push({ execution: last.id, records: items.length });
		};

		await expectRound('round 1 (two updates, one new customer)', () => {
			sdmo.change('customer', '101', { name: 'Changed in e2e' });
			sdmo.clock.advance(1000);
			const created = sdmo.add('customer', { id: 'E2ETRIG1', name: 'Created in e2e', isActive: true, currency: '1', country: '1', creditLimit: 0 });
			sdmo.clock.advance(1000);
			sdmo.change('customer', '102', { creditLimit: 500 });
			return ['101', created._id, '102'];
		});
		await expectRound('round 2 (101 again, one more)', () => {
			sdmo.clock.advance(1000);
			sdmo.change('customer', '103', { name: 'Changed in e2e' });
			sdmo.clock.advance(1000);
			sdmo.change('customer', '101', { name: 'Changed twice' });
			return ['103', '101'];
		});

		// A poll that finds nothing new starts no execution.
		const pollsNow = changePolls();
		await env.waitFor('a poll without changes', () => changePolls() > pollsNow, 90_000);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const executions = await env.executions(WORKFLOW_ID);
		assert.equal(executions.length, rounds.length, `${executions.length} executions for ${rounds.length} rounds of changes`);
		return { executions: executions.length, recordsPerExecution: rounds.map((round) => round.records), changedRecords: 5 };
	} finally {
		await env.deactivate(WORKFLOW_ID);
	}
};
