import { NodeOperationError, type IDataObject } from 'n8n-workflow';

import type { SageConnection } from '../../shared/transport';
import { parseStamp, type ChangedRecord, type ChangeSource, type PagePosition } from '../../shared/trigger';
import type { Sage200Resource } from '../actions/resources';
import type { Sage200Context } from './api';
import { fetchPage } from './paging';
import { simplifySage200Record } from './simplify';

/** What a Sage 200 trigger watches: one resource of one company, by one change stamp. */
export interface ChangeQuery {
	resource: Sage200Resource;
	/** date_time_created or date_time_updated. */
	stampField: string;
	/** The user's $filter (checked), combined with the position by and. */
	filter?: string;
	/** $select (checked); the key and the stamp are added when missing. */
	select?: string;
	expand?: string;
	/** Each record as Get Many's Simplify gives it (OData annotations dropped). */
	simplify: boolean;
}

/** A stamp as an OData literal. Only stamps parseStamp reads reach here: digits, `-`, `:`, `.`, `T`, a zone. */
function stampLiteral(context: Sage200Context, stamp: string): string {
	if (!parseStamp(stamp) || !/^[0-9T:.+\-Z ]+$/.test(stamp)) {
		throw new NodeOperationError(context.getNode(), `Cannot filter on the timestamp ${JSON.stringify(stamp)}: it is not a date and time`);
	}
	return stamp.replace(' ', 'T');
}

/**
 * The changed records of a resource for the shared change poll: keyset pages by stamp, then id
 * (Sage 200 ids are unique per resource), the user's filter kept in parentheses. Sage 200 writes
 * its stamps without a zone, in its server's time: they go back into the filter exactly as Sage
 * sent them.
 */
export function sage200ChangeSource(context: Sage200Context, connection: SageConnection, baseUrl: string, query: ChangeQuery): ChangeSource {
	const { resource, stampField } = query;
	const action = `Polling ${resource.displayName.toLowerCase()} changes`;
	let select = query.select;
	if (select) {
		const names = select.split(',');
		for (const needed of [resource.idField, stampField]) if (!names.includes(needed)) names.push(needed);
		select = names.join(',');
	}
	// The user's filter in parentheses: its own `or` must not reach past the position.
	const where = (clauses: string[]) => [...clauses, ...(query.filter ? [`(${query.filter})`] : [])].join(' and ');
	const toRecord = (row: IDataObject): ChangedRecord => {
		const key = row?.[resource.idField];
		const stamp = row?.[stampField];
		if ((typeof key !== 'number' && typeof key !== 'string') || typeof stamp !== 'string' || !parseStamp(stamp)) {
			throw new NodeOperationError(context.getNode(), `Sage 200 sent a ${resource.displayName.toLowerCase()} without its ${resource.idField} or ${stampField}`, {
				description: `Got ${JSON.stringify({ [resource.idField]: key, [stampField]: stamp })}. The trigger needs both to know what changed; nothing was emitted and the next poll starts from the same point.`,
			});
		}
		return { key: String(key), stamp, json: query.simplify ? simplifySage200Record(context.getNode(), row, 0) : row };
	};
	const read = async (filter: string | undefined, orderBy: string, top: number) => {
		const rows = await fetchPage.call(context, connection, baseUrl, { path: resource.path, filter, orderBy, select, expand: query.expand }, { top, action });
		return rows.map(toRecord);
	};

	return {
		async page(position: PagePosition, pageSize: number) {
			const { idField } = resource;
			let clauses: string[];
			if (position.kind === 'at') {
				if (!/^\d+$/.test(position.afterKey)) {
					throw new NodeOperationError(context.getNode(), `Cannot page after the ${idField} ${JSON.stringify(position.afterKey)}: Sage 200 ids are whole numbers`);
				}
				clauses = [`${stampField} eq ${stampLiteral(context, position.stamp)}`, `${idField} gt ${position.afterKey}`];
			} else if (position.stamp === undefined) {
				// Records never stamped would sort first and never move the position on.
				clauses = [`${stampField} ne null`];
			} else {
				clauses = [`${stampField} ${position.inclusive ? 'ge' : 'gt'} ${stampLiteral(context, position.stamp)}`];
			}
			return await read(where(clauses), `${stampField},${idField}`, pageSize);
		},
		async newest() {
			const [record] = await read(where([`${stampField} ne null`]), `${stampField} desc,${resource.idField} desc`, 1);
			return record;
		},
	};
}
