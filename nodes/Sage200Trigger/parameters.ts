import { DateTime } from 'luxon';
import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { readSimplify } from '../shared/descriptions';
import { readChangeOptions, type ChangeEvent, type ChangeOptions } from '../shared/trigger';
import { findResource } from '../Sage200/actions/resources';
import type { ChangeQuery } from '../Sage200/helpers/changes';
import { readCompanySite, type CompanySite } from '../Sage200/helpers/connection';
import { requireFieldList, requireValidFilter } from '../Sage200/helpers/odata';
import { MAX_PAGE_SIZE } from '../Sage200/helpers/paging';
import { TRIGGER_RESOURCES } from './description';

/**
 * Each poll reads the overlap window again, records already emitted included: pages of at least
 * this many keep that to a few requests even after a mass update (the shared poll remembers at most
 * MAX_SEEN_KEYS records, 200 such pages, well within its MAX_PAGES_PER_POLL).
 */
const MIN_PAGE_SIZE = 100;

export interface Sage200TriggerParameters {
	target: CompanySite;
	query: ChangeQuery;
	options: ChangeOptions;
	/** What is watched: another company, resource, event or filter starts over. */
	watch: string;
	pageSize: number;
}

/**
 * Start From in the form of Sage 200's stamps: its server writes them in its local time without a
 * zone, so a time without a zone is used as written, and one with a zone (an expression such as
 * {{ $now.minus(1, 'day') }}) is first turned into the workflow's time zone.
 */
function startFromAsSageTime(context: IPollFunctions, startFrom: string | undefined): string | undefined {
	if (startFrom === undefined) return undefined;
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(startFrom);
	const parsed = DateTime.fromISO(startFrom.replace(' ', 'T'), zoned ? { setZone: true } : { zone: 'UTC' });
	if (!parsed.isValid) {
		throw new NodeOperationError(context.getNode(), `"Start From" must be a date and time, e.g. 2026-01-31T08:00:00 (got ${JSON.stringify(startFrom)})`);
	}
	const local = zoned ? parsed.setZone(context.getTimezone()) : parsed;
	return local.toFormat(local.millisecond ? "yyyy-MM-dd'T'HH:mm:ss.SSS" : "yyyy-MM-dd'T'HH:mm:ss");
}

/**
 * The trigger's parameters, all checked before anything is sent. A poll has no items, so they are
 * read with the poll context's own getNodeParameter(name, fallback).
 */
export function readTriggerParameters(context: IPollFunctions): Sage200TriggerParameters {
	const node = context.getNode();
	const target = readCompanySite(node, context.getNodeParameter('company', ''), context.getNodeParameter('site', ''));
	const resourceValue = String(context.getNodeParameter('resource', 'customer'));
	const resource = findResource(resourceValue);
	if (!resource || !TRIGGER_RESOURCES.includes(resource)) {
		throw new NodeOperationError(node, `"Resource" must be one of ${TRIGGER_RESOURCES.map((entry) => entry.value).join(', ')} (got ${JSON.stringify(resourceValue)})`);
	}
	const event = context.getNodeParameter('event', 'recordUpdated') as ChangeEvent;
	if (event !== 'recordCreated' && event !== 'recordUpdated') {
		throw new NodeOperationError(node, `"Trigger On" must be recordCreated or recordUpdated (got ${JSON.stringify(event)})`);
	}
	if (event === 'recordCreated' && !resource.tracksCreation) {
		throw new NodeOperationError(node, `"Trigger On" Record Created needs a creation stamp: ${resource.displayName} records have no date_time_created`, {
			description: 'Choose Record Updated: Sage 200 sets date_time_updated when a record is created too.',
		});
	}
	const stampField = event === 'recordCreated' ? 'date_time_created' : 'date_time_updated';

	const raw = context.getNodeParameter('options', {}) as IDataObject;
	const filterText = typeof raw.filter === 'string' ? raw.filter.trim() : '';
	const filter = filterText ? requireValidFilter(node, filterText, 'Filter (OData)') : undefined;
	const select = requireFieldList(node, raw.fields, 'Fields') || undefined;
	const expand = requireFieldList(node, raw.expand, 'Expand', undefined, true) || undefined;
	const simplify = readSimplify(node, (name, _itemIndex, fallback) => context.getNodeParameter(name, fallback), 0);
	const common = readChangeOptions(context);
	const options = { ...common, startFrom: startFromAsSageTime(context, common.startFrom) };

	return {
		target,
		query: { resource, stampField, filter, select, expand, simplify },
		options,
		watch: JSON.stringify([target.siteId.toLowerCase(), target.companyId, resource.value, stampField, filter ?? '']),
		pageSize: Math.min(Math.max(options.maxRecordsPerPoll, MIN_PAGE_SIZE), MAX_PAGE_SIZE),
	};
}
