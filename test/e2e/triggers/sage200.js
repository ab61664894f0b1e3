'use strict';
/**
 * Sage 200 Trigger in a real n8n: an activated workflow polling company 1's customers every
 * minute (Record Updated, date_time_updated), two rounds of changes made in the sandbox (the second
 * with 40 customers sharing one stamp), then what n8n recorded: one execution per round holding
 * each changed customer exactly once, in change order, and no execution for a poll that finds
 * nothing new.
 */
const assert = require('node:assert/strict');

const WORKFLOW_ID = 'e2eS200Trigger01';
const NODE_NAME = 'Customer Changed';
const CREDENTIAL = { id: 's200TriggerCred1', name: 'Sage 200 (sandbox, trigger)' };

exports.workflowId = WORKFLOW_ID;
exports.name = 'Sage 200 Trigger: an activated workflow emits each changed customer exactly once';

exports.check = async function check(env) {
	const { n8n, sandbox, e2e, fixtures } = env;
	const s200 = sandbox.sage200;
	const demo = s200.demo;
	await e2e.importCredentials(n8n, [
		{
			...CREDENTIAL,
			type: 'sage200OAuth2Api',
			data: {
				clientId: demo.clientId,
				clientSecret: demo.clientSecret,
				authUrl: demo.authorizeUrl,
				accessTokenUrl: demo.tokenUrl,
				edition: 'sage200extra',
				apiBaseUrl: demo.baseUrl,
				subscriptionApiKey: demo.subscriptionKey,
				oauthTokenData: s200.issue(),
			},
		},
	]);
	await e2e.importWorkflows(n8n, [
		{
			id: WORKFLOW_ID,
			name: 'Sage 200 Trigger: customers changed',
			nodes: [
				{
					id: `${WORKFLOW_ID}-n1`,
					name: NODE_NAME,
					type: `${fixtures.PACKAGE}.sage200Trigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						// n8n refuses polls more often than once a minute.
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						site: { __rl: true, mode: 'id', value: demo.siteId },
						company: { __rl: true, mode: 'id', value: '1' },
						resource: 'customer',
						event: 'recordUpdated',
						options: { fields: 'name,reference' },
					},
					credentials: { sage200OAuth2Api: CREDENTIAL },
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		},
	]);

	// The trigger's reads of customers: ordered by the stamp (the action node's Get Many orders by id).
	const changePolls = () =>
		sandbox.server.log.filter((entry) => entry.name === 's200.customers.list' && entry.status === 200 && new URLSearchParams(entry.query).get('$orderby')?.startsWith('date_time_updated')).length;
	const customers = () => s200.records(1, 'customers');
	const stampOf = (id) => customers().find((row) => row.id === id).date_time_updated;

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
				items.map((item) => `${item.id}@${item.date_time_updated}`),
				expected.map((id) => `${id}@${stampOf(id)}`),
			);
			for (const item of items) assert.deepEqual(Object.keys(item).sort(), ['date_time_updated', 'id', 'name', 'reference']);
			rounds.push({ execution: last.id, records: items.length });
		};

		const all = customers();
		await expectRound('round 1 (two updates, one new customer)', () => {
			s200.clock.advance(1000);
			s200.change(1, 'customers', all[11].id, { name: 'Changed in e2e' });
			s200.clock.advance(1000);
			const created = s200.insert(1, 'customers', { reference: 'E2ETRIG1', name: 'Created in e2e' });
			s200.clock.advance(1000);
			s200.change(1, 'customers', all[12].id);
			return [all[11].id, created.id, all[12].id];
		});
		await expectRound('round 2 (the first one again, then 40 sharing one stamp)', () => {
			s200.clock.advance(1000);
			s200.change(1, 'customers', all[11].id, { name: 'Changed twice' });
			s200.clock.advance(1000);
			const stamp = s200.stampOf(s200.clock.now());
			const shared = all.slice(100, 140).map((row) => s200.change(1, 'customers', row.id, {}, { stamp }).id);
			return [all[11].id, ...shared];
		});

		// A poll that finds nothing new starts no execution.
		const pollsNow = changePolls();
		await env.waitFor('a poll without changes', () => changePolls() > pollsNow, 90_000);
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const executions = await env.executions(WORKFLOW_ID);
		assert.equal(executions.length, rounds.length, `${executions.length} executions for ${rounds.length} rounds of changes`);
		return { executions: executions.length, recordsPerExecution: rounds.map((round) => round.records), changedRecords: 3 + 41, distinctCustomers: 43 };
	} finally {
		await env.deactivate(WORKFLOW_ID);
	}
};
