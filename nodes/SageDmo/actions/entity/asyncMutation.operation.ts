import { NodeOperationError, sleep, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { executeGraphql, valueAtPath } from '../../../shared/graphql';
import { mayHaveBeenApplied, unknownOutcomeError } from '../../../shared/records/write-outcome';
import { buildOperationCall, type BuiltQuery } from '../../../shared/graphql/entities';
import { sageApiError } from '../../../shared/transport';
import { asNodeError, parseJsonObjectParameter, prepareItems, runEach } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';

export const properties: INodeProperties[] = [
	{
		displayName: 'Async Mutation Name',
		name: 'asyncMutation',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'asyncExport',
		description: 'Name of the async mutation of the entity (a field with start and track operations)',
	},
	{
		displayName: 'Arguments',
		name: 'arguments',
		type: 'json',
		default: '{}',
		description: 'Arguments of start(...) as JSON, e.g. {"filter": "{isActive: true}"}',
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: 'Whether to poll track(trackingId) until the operation ends; otherwise only the trackingId is returned',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 2,
		description: 'Seconds between two track calls',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'Give up waiting after this many seconds; the operation keeps running in Sage and the error names its trackingId',
		displayOptions: { show: { waitForCompletion: [true] } },
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['asyncMutation'] } }, properties);

const TRACK_SELECTION = 'status result errorMessage';
const FINAL = new Set(['success', 'error']);

function parseResult(result: unknown): unknown {
	if (typeof result !== 'string') return result;
	try {
		return JSON.parse(result);
	} catch {
		return result;
	}
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => {
		const name = String(this.getNodeParameter('asyncMutation', itemIndex, '') ?? '').trim();
		if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(name)) {
			throw new NodeOperationError(node, `"Async Mutation Name" must be the name of an async mutation such as asyncExport (got ${JSON.stringify(name)})`, {
				itemIndex,
			});
		}
		const args = parseJsonObjectParameter(node, this.getNodeParameter('arguments', itemIndex, '{}'), 'Arguments', itemIndex);
		const wait = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
		let pollMs = 0;
		let timeoutMs = 0;
		if (wait) {
			const poll = Number(this.getNodeParameter('pollInterval', itemIndex, 2));
			const timeout = Number(this.getNodeParameter('timeout', itemIndex, 300));
			if (!Number.isFinite(poll) || poll < 0.1 || poll > 3600) {
				throw new NodeOperationError(node, `"Poll Interval (Seconds)" must be from 0.1 to 3600 (got ${poll})`, { itemIndex });
			}
			if (!Number.isFinite(timeout) || timeout < 1 || timeout > 86_400) {
				throw new NodeOperationError(node, `"Timeout (Seconds)" must be from 1 to 86400 (got ${timeout})`, { itemIndex });
			}
			pollMs = Math.round(poll * 1000);
			timeoutMs = Math.round(timeout * 1000);
		}
		return { target: session.targetOf(itemIndex), name, args, wait, pollMs, timeoutMs };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const entity = await session.entityOf(input.target, itemIndex);
		const operation = entity.asyncOperations.find((candidate) => candidate.name === input.name);
		if (!operation) {
			throw new NodeOperationError(node, `Entity "${entity.key}" has no async mutation "${input.name}"`, {
				itemIndex,
				description: `Async mutations of ${entity.key}: ${entity.asyncOperations.map((candidate) => candidate.name).join(', ') || 'none'}`,
			});
		}
		const known = new Set(operation.start.arguments.map((argument) => argument.name));
		const unknown = Object.keys(input.args).filter((name) => !known.has(name));
		if (unknown.length) {
			throw new NodeOperationError(node, `"Arguments" has ${unknown.map((name) => `"${name}"`).join(', ')}, which ${input.name}.start does not take`, {
				itemIndex,
				description: `Arguments of start: ${[...known].join(', ') || 'none'}`,
			});
		}
		const url = await session.appGraphqlUrl(input.target.app, itemIndex);
		const send = async (call: BuiltQuery, isMutation: boolean, action: string) => {
			const result = await executeGraphql.call(this, session.connection, { url, query: call.query, variables: call.variables as IDataObject, isMutation, action, itemIndex });
			return { warnings: result.warnings, value: valueAtPath(result.data, call.path) as IDataObject | null | undefined };
		};
		const start = buildOperationCall('mutation', 'SageAsyncStart', operation.start, 'trackingId', input.args);
		let started: Awaited<ReturnType<typeof send>>;
		try {
			started = await send(start, true, `Starting ${entity.name}.${input.name}`);
		} catch (error) {
			if (!mayHaveBeenApplied(error)) throw asNodeError(node, error, itemIndex);
			throw unknownOutcomeError(
				node,
				error,
				itemIndex,
				`look at what ${input.name} changes or produces in Sage before starting it again`,
				'Sage may have started the job, and its trackingId was lost with the answer',
			);
		}
		const trackingId = started.value?.trackingId;
		if (typeof trackingId !== 'string' || !trackingId) {
			throw sageApiError(node, { body: { message: `${input.name}.start returned no trackingId` } }, { itemIndex });
		}
		const base: IDataObject = { trackingId, asyncMutation: input.name, entity: entity.key };
		if (started.warnings.length) base.diagnoses = started.warnings;
		if (!input.wait) return { ...base, status: 'started' };

		const deadline = Date.now() + input.timeoutMs;
		const track = buildOperationCall('mutation', 'SageAsyncTrack', operation.track, TRACK_SELECTION, { trackingId });
		for (let calls = 1; ; calls++) {
			// track only reads the job's state: safe to retry (sent as a read, not a mutation).
			const state = (await send(track, false, `Tracking ${entity.name}.${input.name}`)).value ?? {};
			const status = String(state.status ?? '');
			if (status === 'error') {
				throw sageApiError(node, { body: { message: String(state.errorMessage ?? `${input.name} failed`) } }, {
					action: `${entity.name}.${input.name} (trackingId ${trackingId})`,
					itemIndex,
				});
			}
			if (FINAL.has(status)) return { ...base, status, trackCalls: calls, result: parseResult(state.result) as IDataObject };
			if (Date.now() + input.pollMs > deadline) {
				throw new NodeOperationError(node, `${entity.name}.${input.name} did not finish within ${input.timeoutMs / 1000} s (last status "${status}")`, {
					itemIndex,
					description: `It keeps running in Sage: its trackingId is ${trackingId}. Raise "Timeout (Seconds)" or track it later.`,
				});
			}
			await sleep(input.pollMs);
		}
	});
	return [...failed, ...done];
}
