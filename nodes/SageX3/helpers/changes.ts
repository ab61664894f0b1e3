import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import { executeGraphql, readConnection } from '../../shared/graphql';
import { buildListQuery, filterLiteral, type EntityDescriptor } from '../../shared/graphql/entities';
import type { ListedEntity } from '../../shared/graphql/listed-entity';
import { sageApiError, type SageConnection, type SageContext } from '../../shared/transport';
import { parseStamp, type ChangedRecord, type ChangeEvent, type ChangeSource, type PagePosition } from '../../shared/trigger';
import { parseSageLiteral } from './filter';

/**
 * Names X3 gives a record's creation and update timestamps, most likely first: the supervisor's
 * CREDATTIM/UPDDATTIM columns as X3 Services publishes them, xtrem's `_createStamp`/`_updateStamp`,
 * and common API spellings. A default is only taken when the folder's schema has the field.
 */
export const TIMESTAMP_FIELD_NAMES: Record<ChangeEvent, string[]> = {
	recordUpdated: ['updDatTim', 'updateDateTime', '_updateStamp', 'updateStamp', 'updatedAt', 'updatedDateTime', 'lastModified'],
	recordCreated: ['creDatTim', 'createDateTime', '_createStamp', 'createStamp', 'createdAt', 'creationDateTime', 'createdDateTime'],
};

const KNOWN_NAMES = new Set(Object.values(TIMESTAMP_FIELD_NAMES).flat().map((name) => name.toLowerCase()));

/** Scalar types that hold a date and a time (X3's DateTime, xtrem's Datetime, Timestamp, Instant). */
const DATE_TIME_TYPE = /date_?time|timestamp|instant/i;

/** Fields of the entity that can hold a change timestamp: date-time scalars, and the usual stamp names where the schema types them as strings. */
export function timestampFields(entity: EntityDescriptor): string[] {
	return entity.fields.filter((field) => {
		const type = entity.fieldTypes?.[field];
		if (type !== undefined && DATE_TIME_TYPE.test(type)) return true;
		return (type === undefined || type === 'String') && KNOWN_NAMES.has(field.toLowerCase());
	});
}

/** The timestamp field used when none is chosen: the first usual name the schema has, else undefined. */
export function defaultTimestampField(entity: EntityDescriptor, event: ChangeEvent): string | undefined {
	const candidates = timestampFields(entity);
	for (const name of TIMESTAMP_FIELD_NAMES[event]) {
		const found = candidates.find((field) => field.toLowerCase() === name.toLowerCase());
		if (found) return found;
	}
	return undefined;
}

/** The chosen timestamp field, checked against the schema, or the default; an error lists what can be chosen. */
export function requireTimestampField(node: INode, entity: EntityDescriptor, event: ChangeEvent, chosen: string | undefined): string {
	const candidates = timestampFields(entity);
	const listed = candidates.length ? `Date and time fields of ${entity.nodeTypeName}: ${candidates.join(', ')}` : `${entity.nodeTypeName} has no date and time field`;
	if (chosen) {
		if (candidates.includes(chosen)) return chosen;
		const known = entity.fields.includes(chosen);
		throw new NodeOperationError(node, `The parameter "Timestamp Field" names ${known ? 'a field that holds no date and time' : 'no field of'} ${entity.key}: "${chosen}"`, {
			description: listed,
		});
	}
	const field = defaultTimestampField(entity, event);
	if (field) return field;
	throw new NodeOperationError(node, `Choose the "Timestamp Field" for ${entity.key}: its schema has none of the usual names`, {
		description: `Looked for ${TIMESTAMP_FIELD_NAMES[event].join(', ')}. ${listed}.`,
	});
}

const KEY_ALIAS = 'sageTriggerKey';
const NEWEST_PAGE_SIZE = 10;
const STAMP_ALIAS = 'sageTriggerStamp';

export interface ChangeQuery {
	folderUrl: string;
	/** What the list query needs of the entity (kept between polls in the trigger's static data). */
	entity: ListedEntity;
	timestampField: string;
	/** The record's selection, as Get Many builds it for the same Fields. */
	selection: string;
	/** The user's Filter, in the entity's dialect (checked by requireFilter). */
	filter?: string;
}

/**
 * The changed records of one X3 entity, paged by timestamp then key (keyset paging: each page is
 * asked afresh with a filter, never by cursor or offset), the user's filter joined by AND. Key and
 * timestamp are read under aliases, so the record keeps the shape Get Many gives it.
 */
export function x3ChangeSource(context: SageContext, connection: SageConnection, query: ChangeQuery): ChangeSource {
	const { entity, timestampField } = query;
	const keyField = entity.keyField;
	const operator = (name: string) => `${entity.filterDialect === 'xtrem' ? '_' : '$'}${name}`;
	const keyLiteral = (key: string) =>
		['Int', 'Float', 'Decimal'].includes(entity.keyType ?? '') && /^-?\d+(\.\d+)?$/.test(key) ? key : filterLiteral(key);
	const selection = `${query.selection} ${KEY_ALIAS}: ${keyField} ${STAMP_ALIAS}: ${timestampField}`;

	/** `conditions` AND the user's filter: one object when their fields differ, else the dialect's and. */
	const withUserFilter = (conditions: string[]): string | undefined => {
		if (!conditions.length) return query.filter;
		const own = `{${conditions.join(', ')}}`;
		if (!query.filter) return own;
		const user = parseSageLiteral(query.filter) as Record<string, unknown>;
		if (Object.keys(user).some((field) => field === timestampField || field === keyField)) return `{${operator('and')}: [${query.filter}, ${own}]}`;
		const inner = query.filter.trim().slice(1, -1).trim();
		return inner ? `{${inner}, ${conditions.join(', ')}}` : own;
	};

	const read = async (filter: string | undefined, direction: 1 | -1, pageSize: number, action: string): Promise<ChangedRecord[]> => {
		const built = buildListQuery(entity, { selection, filter, orderBy: `{${timestampField}: ${direction}, ${keyField}: ${direction}}`, pageSize });
		const result = await executeGraphql.call(context, connection, {
			url: query.folderUrl,
			query: built.query,
			variables: { ...(built.variables as IDataObject), [built.afterVariable]: null },
			isMutation: false,
			action,
		});
		const page = readConnection(result.data, built.path);
		if (!page) throw sageApiError(context.getNode(), { body: { message: `The response has no connection at "${built.path.join('.')}"` } }, { action });
		// A server answering more than asked for is cut to the page size.
		return page.nodes.slice(0, pageSize).map(toChangedRecord);
	};

	return {
		async page(position: PagePosition, pageSize: number) {
			const conditions =
				position.kind === 'at'
					? [`${timestampField}: {${operator('eq')}: ${filterLiteral(position.stamp)}}`, `${keyField}: {${operator('gt')}: ${keyLiteral(position.afterKey)}}`]
					: position.stamp === undefined
						? []
						: [`${timestampField}: {${operator(position.inclusive ? 'gte' : 'gt')}: ${filterLiteral(position.stamp)}}`];
			return await read(withUserFilter(conditions), 1, pageSize, `Reading changed ${entity.name} records`);
		},
		async newest() {
			// A few, not one: where the database sorts records without a stamp first, the newest comes after them.
			const records = await read(query.filter, -1, NEWEST_PAGE_SIZE, `Reading the last changed ${entity.name} record`);
			return records.find((record) => typeof record.key === 'string' && parseStamp(record.stamp) !== undefined);
		},
	};
}

function toChangedRecord(node: IDataObject): ChangedRecord {
	const { [KEY_ALIAS]: key, [STAMP_ALIAS]: stamp, ...json } = node;
	return { key: typeof key === 'number' ? String(key) : (key as string), stamp: stamp as string, json };
}
