'use strict';
/**
 * Sage X3 Trigger in a real n8n: an activated workflow polling SEED's customers every minute
 * (Record Updated, default timestamp field), two rounds of changes made in the sandbox, then what
 * n8n recorded: one execution per round holding each changed customer exactly once, and no
 * execution for a poll that finds nothing new.
 */
const assert = require('node:assert/strict');

const WORKFLOW_ID = 'e2eX3Trigger0001';
const NODE_NAME = 'Customer Changed';
const CREDENTIAL = { id: 'sageX3TrigCred01', name: 'Sage X3 (sandbox, trigger)' };
const SCOPE = ['businessDomain.ALL', 'api.graphQL'];

exports.workflowId = WORKFLOW_ID;
exports.name = 'Sage X3 Trigger: an activated workflow emits each changed customer exactly once';

exports.check = async function check(env) {
	const { n8n, sandbox, e2e, fixtures } = env;
	const x3 = sandbox.x3;
	// Its own pairing: the trigger's token rotations never race another workflow's.
	const paired = x3.pair({ region: 'eu', scope: SCOPE.join(' ') });
	await e2e.importCredentials(n8n, [
		{
			...CREDENTIAL,
			type: 'sageX3Api',
			data: {
				clientId: x3.clientId,
				clientSecret: x3.clientSecret,
				gateway: 'custom',
				customGatewayUrl: x3.gatewayUrl('eu'),
				customerUrl: paired.customer,
				scope: SCOPE,
				endpoint: '',
				refreshToken: paired.refresh_token,
			},
		},
	]);
	await e2e.importWorkflows(n8n, [
		{
			id: WORKFLOW_ID,
			name: 'Sage X3 Trigger: customers changed',
			nodes: [
				{
					id: `${WORKFLOW_ID}-n1`,
					name: NODE_NAME,
					type: `${fixtures.PACKAGE}.sageX3Trigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						// n8n refuses polls more often than once a minute.
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						event: 'recordUpdated',
						folder: { __rl: true, mode: 'name', value: 'SEED' },
						resource: 'customer',
						options: { fields: ['code', 'companyName', 'updatedAt'] },
					},
					credentials: { sageX3Api: CREDENTIAL },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	]);

	const changePolls = () =>
		sandbox.server.log.filter((entry) => entry.name === 'x3.graphql' && entry.status === 200 && /SageList/.test(entry.rawBody.toString()) && /"filter"/.test(entry.rawBody.toString())).length;
	const pollsBefore = changePolls();
	await env.activate(WORKFLOW_ID);
	try {
		// Activation polls once: it starts from the newest customer and emits nothing.
		await env.waitFor('the activation poll', () => changePolls() > pollsBefore, 30_000);
		assert.deepEqual(await env.executions(WORKFLOW_ID), [], 'activation started an execution');

		const rounds = [];
		const expectRound = async (label, change) => {
			const known = (await env.executions(WORKFLOW_ID)).length;
			const expected = change();
			const executions = await env.waitFor(`the execution of ${label}`, async () => {
				const list = await env.executions(WORKFLOW_ID);
				return list.length > known && list.every((execution) => execution.status !== 'running' && execution.status !== 'new') ? list : undefined;
			});
			assert.equal(executions.length, known + 1, `${label}: ${executions.length - known} executions`);
			const last = executions[executions.length - 1];
			assert.equal(last.status, 'success', JSON.stringify(last));
			const items = await env.executionItems(last.id, NODE_NAME);
			assert.deepEqual(
				items.map((item) => `${item.code}@${item.updatedAt}`),
				expected.map((code) => {
					const customer = x3.customers().find((candidate) => candidate.code === code);
					return `${code}@${customer.updatedAt}`;
				}),
			);
			rounds.push({ execution: last.id, records: items.length });
		};

		await expectRound('round 1 (two updates, one new customer)', () => {
			x3.touch('customer', ['AE0101'], { changes: { companyName: 'Changed in e2e' } });
			x3.clock.advance(1000);
			x3.addCustomer({ code: 'E2ETRIG1', companyName: 'Created in e2e' });
			x3.clock.advance(1000);
			x3.touch('customer', ['AE0102']);
			return ['AE0101', 'E2ETRIG1', 'AE0102'];
		});
		await expectRound('round 2 (AE0101 again, one more)', () => {
			x3.clock.advance(1000);
			x3.touch('customer', ['AE0103']);
			x3.clock.advance(1000);
			x3.touch('customer', ['AE0101'], { changes: { companyName: 'Changed twice' } });
			return ['AE0103', 'AE0101'];
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
