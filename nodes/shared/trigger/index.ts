import { NodeConnectionTypes, NodeOperationError, type INodeExecutionData, type INodeProperties, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { requirePositiveInteger } from '../utils';
import { pollChanges, readWatermark, writeWatermark, type ChangeSource } from './poll-changes';

export * from './poll-changes';
export * from './stamp';
export * from './stored-target';

export type ChangeEvent = 'recordCreated' | 'recordUpdated';

/**
 * What a Sage polling trigger declares besides its identity (displayName, name, group, icon, version
 * and subtitle stay in the node's own file, where n8n's lint and scanner read them): polling, no
 * inputs, one main output, the product's credential and the trigger's parameters.
 */
export function pollingTriggerDescription(options: {
	description: string;
	defaultName: string;
	credential: string;
	properties: INodeProperties[];
}): Omit<INodeTypeDescription, 'displayName' | 'name' | 'group' | 'icon' | 'version' | 'subtitle'> {
	return {
		description: options.description,
		defaults: { name: options.defaultName },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: options.credential, required: true }],
		properties: options.properties,
	};
}

/** The trigger's Event: what moves a record into the next poll. */
export const EVENT_PROPERTY: INodeProperties = {
	displayName: 'Trigger On',
	name: 'event',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'Record Created', value: 'recordCreated', description: 'A new record (by its creation timestamp)' },
		{ name: 'Record Updated', value: 'recordUpdated', description: 'A new record or a change to one (by its update timestamp)' },
	],
	default: 'recordUpdated',
};

export const DEFAULT_MAX_RECORDS_PER_POLL = 1000;
/** Sage's application servers stamp records with their own clocks: each poll looks this far back again. */
export const DEFAULT_OVERLAP_SECONDS = 60;

/** The options every Sage trigger has, after the product's own (Fields, Filter: names that sort before these). */
export function pollOptionsProperty(productOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...productOptions,
			{
				displayName: 'Max Records Per Poll',
				name: 'maxRecordsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100_000 },
				default: DEFAULT_MAX_RECORDS_PER_POLL,
				description: 'At most this many records start the workflow per poll; the rest come with the next polls, oldest first',
			},
			{
				displayName: 'Overlap (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 3600 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					'How far back each poll looks again, for records Sage stamped a little late (clock differences between its servers). Records already emitted are not emitted again.',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					'On activation, emit the records changed since this time (a backfill). Empty: only changes made after the workflow is activated.',
			},
		],
	};
}

export interface ChangeOptions {
	maxRecordsPerPoll: number;
	overlapMs: number;
	startFrom?: string;
}

/** The common options, checked. */
export function readChangeOptions(context: IPollFunctions): ChangeOptions {
	const node = context.getNode();
	const options = context.getNodeParameter('options', {}) as { maxRecordsPerPoll?: unknown; overlapSeconds?: unknown; startFrom?: unknown };
	const maxRecordsPerPoll = requirePositiveInteger(node, options.maxRecordsPerPoll ?? DEFAULT_MAX_RECORDS_PER_POLL, 'Max Records Per Poll', 0, 100_000);
	const overlap = Number(options.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS);
	if (!Number.isFinite(overlap) || overlap < 0 || overlap > 3600) {
		throw new NodeOperationError(node, `"Overlap (Seconds)" must be a number from 0 to 3600 (got ${JSON.stringify(options.overlapSeconds)})`);
	}
	const startFrom = typeof options.startFrom === 'string' && options.startFrom.trim() !== '' ? options.startFrom.trim() : undefined;
	return { maxRecordsPerPoll, overlapMs: Math.round(overlap * 1000), startFrom };
}

export interface ChangePoll {
	source: ChangeSource;
	/** Identity of what is watched (resource, event, timestamp field, filter): changing it starts over. */
	watch: string;
	/** Records per page asked of Sage. */
	pageSize: number;
	options: ChangeOptions;
}

/**
 * A Sage trigger's poll: in manual mode (Fetch Test Event) the newest matching record, without
 * touching the watermark; otherwise the records changed since the last poll, each once. The
 * watermark is written to the workflow's static data only with a successful poll: n8n keeps a
 * poll's static data with the execution its items start, and drops it when the poll fails.
 */
export async function runChangePoll(this: IPollFunctions, poll: ChangePoll): Promise<INodeExecutionData[][] | null> {
	if (this.getMode() === 'manual') {
		const newest = await poll.source.newest();
		return newest ? [[{ json: newest.json }]] : null;
	}
	const staticData = this.getWorkflowStaticData('node');
	const budget = typeof this.getPollBudgetMs === 'function' ? this.getPollBudgetMs() : undefined;
	const result = await pollChanges(poll.source, readWatermark(staticData), {
		node: this.getNode(),
		watch: poll.watch,
		maxRecords: poll.options.maxRecordsPerPoll,
		pageSize: poll.pageSize,
		overlapMs: poll.options.overlapMs,
		startFrom: poll.options.startFrom,
		// Leave a fifth of n8n's poll budget for emitting what was collected.
		budgetMs: budget === undefined ? undefined : budget * 0.8,
		now: () => Date.now(),
	});
	writeWatermark(staticData, result.watermark);
	return result.records.length ? [result.records.map((record) => ({ json: record.json }))] : null;
}
