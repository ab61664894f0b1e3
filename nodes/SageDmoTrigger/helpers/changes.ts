import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { fetchConnectionNodes, isListedEntity, type ListedEntity } from '../../shared/graphql';
import { buildListQuery, filterLiteral } from '../../shared/graphql/entities';
import { simplifyItemRecord } from '../../shared/graphql/simplify';
import { isStoredSelection, type ChangedRecord, type ChangeSource, type PagePosition } from '../../shared/trigger';
import type { SdmoSession } from '../../SageDmo/helpers/connection';

/** What one trigger watches, checked: the entity, its key and timestamp fields, the user's filter and fields. */
export interface DmoChangeQuery {
	/** What the list query needs of the entity (kept between polls in the trigger's static data). */
	entity: ListedEntity;
	/** The app's GraphQL URL (host-checked by the session). */
	url: string;
	stampField: string;
	keyField: string;
	/** The user's filter, in Sage's syntax; ANDed with the paging conditions. */
	filter?: string;
	/** The record fields to return (the Get Many's selection). */
	selection: string;
	/** Get Many's Simplify: collections become lists; one Sage sent only part of fails the poll. */
	simplify: boolean;
}

/** What a poll needs from the app's schema; stored in the node's static data between polls. */
export interface DmoChangeTarget {
	/** The app the entity was found in (another app of the tenant for work orders, say). */
	app: string;
	entity: ListedEntity;
	selection: string;
}

export function isDmoChangeTarget(value: unknown): value is DmoChangeTarget {
	if (!value || typeof value !== 'object') return false;
	const target = value as Partial<DmoChangeTarget>;
	return (
		typeof target.app === 'string' &&
		/^[-_0-9A-Za-z]{1,100}$/.test(target.app) &&
		isListedEntity(target.entity) &&
		isStoredSelection(target.selection)
	);
}

/**
 * Key and stamp are selected under aliases of their own: the trigger needs them whatever the user's
 * Fields say, and the items keep exactly the fields asked for (the shape of Get Many).
 */
const KEY_ALIAS = 'sageTriggerKey';
const STAMP_ALIAS = 'sageTriggerStamp';

/** Before any real change stamp: a record with no stamp (a nullable field) is never the newest. */
const EARLIEST_STAMP = '1970-01-01T00:00:00.000Z';

const condition = (field: string, operator: string, value: string) => `{${field}: {${operator}: ${filterLiteral(value)}}}`;

function allOf(conditions: Array<string | undefined>): string | undefined {
	const present = conditions.filter((text): text is string => text !== undefined);
	if (present.length <= 1) return present[0];
	return `{_and: [${present.join(', ')}]}`;
}

/**
 * Sage DMO's side of the change poll: xtrem `query(filter, orderBy, first, after)` on the entity,
 * with `_gte`/`_gt`/`_eq` on the timestamp and `_gt` on the key, ordered by timestamp then key, and
 * paged with Get Many's connection paging (a server that sends less than asked is followed by cursor).
 */
export function dmoChangeSource(context: IPollFunctions, session: SdmoSession, query: DmoChangeQuery): ChangeSource {
	const { entity, stampField, keyField } = query;
	const node = context.getNode();
	const selection = `${query.selection} ${KEY_ALIAS}: ${keyField} ${STAMP_ALIAS}: ${stampField}`;

	const toChanged = (record: IDataObject): ChangedRecord | undefined => {
		const { [KEY_ALIAS]: key, [STAMP_ALIAS]: stamp, ...json } = record;
		if ((typeof key !== 'string' && typeof key !== 'number') || typeof stamp !== 'string') return undefined;
		return { key: String(key), stamp, json: query.simplify ? simplifyItemRecord(node, json, 0) : json };
	};

	const read = async (filter: string | undefined, orderBy: string, pageSize: number, action: string) => {
		const built = buildListQuery(entity, { selection, filter, orderBy, pageSize });
		const result = await fetchConnectionNodes.call(context, session.connection, {
			url: query.url,
			query: built.query,
			variables: built.variables as IDataObject,
			path: built.path,
			afterVariable: built.afterVariable,
			limit: pageSize,
			action,
		});
		return result.nodes.map(toChanged).filter((record): record is ChangedRecord => record !== undefined);
	};

	return {
		async page(position: PagePosition, pageSize: number) {
			if (position.kind === 'at') {
				const filter = allOf([query.filter, condition(stampField, '_eq', position.stamp), condition(keyField, '_gt', position.afterKey)]);
				return await read(filter, `{${keyField}: 1}`, pageSize, `Reading ${entity.name} records changed at ${position.stamp}`);
			}
			const since = position.stamp === undefined ? undefined : condition(stampField, position.inclusive ? '_gte' : '_gt', position.stamp);
			return await read(allOf([query.filter, since]), `{${stampField}: 1, ${keyField}: 1}`, pageSize, `Reading changed ${entity.name} records`);
		},
		async newest() {
			const filter = allOf([query.filter, condition(stampField, '_gte', EARLIEST_STAMP)]);
			const [record] = await read(filter, `{${stampField}: -1, ${keyField}: -1}`, 1, `Reading the most recently changed ${entity.name} record`);
			return record;
		},
	};
}
