import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { readSimplify } from '../../shared/descriptions';
import { parseStamp, readChangeOptions, type ChangeEvent, type ChangeOptions } from '../../shared/trigger';
import { parseObjectString, parseSelection } from '../../SageDmo/helpers/parameters';
import { isTriggerResource, TRIGGER_RESOURCES, type TriggerResourceName } from './target';

export interface TriggerParameters {
	event: ChangeEvent;
	resource: TriggerResourceName;
	app: string;
	/** Entity path, for the Entity resource. */
	entityKey?: string;
	stampField: string;
	filter?: string;
	selection?: string;
	simplify: boolean;
	options: ChangeOptions;
}

const FIELD_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const ENTITY_PATH = /^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)+$/;

/**
 * "Start From" in UTC: n8n's date picker gives the workflow's local time without a zone, and a
 * zoneless time in a DMO filter would be read in the server's zone.
 */
function startFromUtc(context: IPollFunctions, value: string): string {
	const node = context.getNode();
	const parsed = parseStamp(value);
	if (!parsed) throw new NodeOperationError(node, `"Start From" must be a date and time, e.g. 2026-01-31T08:00:00 (got ${JSON.stringify(value)})`);
	const time = parsed.zone ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone: context.getTimezone() });
	if (!time.isValid) throw new NodeOperationError(node, `"Start From" must be a date and time, e.g. 2026-01-31T08:00:00 (got ${JSON.stringify(value)})`);
	return time.toUTC().toISO({ suppressMilliseconds: false }) ?? value;
}

/** The trigger's parameters, every one checked before anything is sent to Sage. */
export function readTriggerParameters(context: IPollFunctions): TriggerParameters {
	const node = context.getNode();
	const event = context.getNodeParameter('event', 'recordUpdated') as string;
	if (event !== 'recordCreated' && event !== 'recordUpdated') {
		throw new NodeOperationError(node, `"Trigger On" must be Record Created or Record Updated (got ${JSON.stringify(event)})`);
	}
	const resource = context.getNodeParameter('resource', 'customer');
	if (!isTriggerResource(resource)) {
		const valid = [...Object.values(TRIGGER_RESOURCES).map((preset) => preset.displayName), 'Entity'].join(', ');
		throw new NodeOperationError(node, `"Resource" must be one of ${valid} (got ${JSON.stringify(resource)})`);
	}
	const app = String(context.getNodeParameter('app', 'sdmo') ?? '').trim();
	if (!app) throw new NodeOperationError(node, '"App" must not be empty (for example sdmo or shopfloor)');
	let entityKey: string | undefined;
	if (resource === 'entity') {
		entityKey = String(context.getNodeParameter('entity', '') ?? '').trim();
		if (!ENTITY_PATH.test(entityKey)) {
			throw new NodeOperationError(node, `"Entity" must be an entity path such as xtremMasterData.supplier (got ${JSON.stringify(entityKey)})`);
		}
	}
	const fallback = event === 'recordCreated' ? '_createStamp' : '_updateStamp';
	const stampField = String(context.getNodeParameter('timestampField', fallback) ?? '').trim();
	if (!FIELD_NAME.test(stampField)) {
		throw new NodeOperationError(node, `"Timestamp Field" must be a field name such as ${fallback} (got ${JSON.stringify(stampField)})`);
	}
	const raw = context.getNodeParameter('options', {}) as IDataObject;
	const options = readChangeOptions(context);
	return {
		event,
		resource,
		app,
		entityKey,
		stampField,
		filter: parseObjectString(node, raw.filter, 'Filter', 0, "{name: {_regex: 'Atlas'}}"),
		selection: parseSelection(node, raw.fields, 'Fields', 0),
		simplify: readSimplify(node, (name, _itemIndex, fallback) => context.getNodeParameter(name, fallback), 0),
		options: options.startFrom === undefined ? options : { ...options, startFrom: startFromUtc(context, options.startFrom) },
	};
}
