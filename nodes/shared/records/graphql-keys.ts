import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { executeGraphql, readConnection } from '../graphql';
import { buildListQuery, keyInFilter, type EntityDescriptor } from '../graphql/entities';
import type { SageConnection } from '../transport';

export interface FieldLookup {
	url: string;
	entity: EntityDescriptor;
	/** The field the keys are values of (any field, not only the entity's key field). */
	field: string;
	selection: string;
	itemIndex?: number;
	/** Largest page the API serves. */
	maxPageSize: number;
}

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * One request (more only where the server's pages are smaller than asked) for the records whose
 * `field` is one of `keys` (an `$in`/`_in` filter in the schema's dialect): the record of each
 * key, in key order, undefined where there is none. A page
 * is asked for one more record than keys, so a field that is not unique shows as such: a key
 * with two records, or more records than keys, fails the request instead of picking one.
 */
export async function readByFieldBatch(this: IExecuteFunctions, connection: SageConnection, lookup: FieldLookup, keys: string[]): Promise<Array<IDataObject | undefined>> {
	const { entity, field } = lookup;
	const selection = topLevelFields(lookup.selection).has(field) ? lookup.selection : `${field} ${lookup.selection}`;
	const pageSize = Math.min(lookup.maxPageSize, keys.length + 1);
	const built = buildListQuery(entity, { selection, filter: keyInFilter(entity, field, keys), pageSize });
	const records: IDataObject[] = [];
	let after: string | null = null;
	let more = false;
	// A server may cap its pages below what was asked (a page maximum of its own): follow the cursor
	// while its pages come short, never past one record more than keys.
	for (let page = 1; ; page++) {
		const result = await executeGraphql.call(this, connection, {
			url: lookup.url,
			query: built.query,
			variables: { ...(built.variables as IDataObject), [built.afterVariable]: after },
			isMutation: false,
			action: `Looking up ${entity.name} records by ${field}`,
			itemIndex: lookup.itemIndex,
		});
		const read = readConnection(result.data, built.path);
		for (const record of read?.nodes ?? []) records.push(record);
		more = read?.hasNextPage === true;
		const capped = more && (read?.nodes.length ?? 0) > 0 && (read?.nodes.length ?? 0) < pageSize && !!read?.endCursor && read.endCursor !== after;
		if (!capped || records.length > keys.length || page > keys.length) break;
		after = read!.endCursor!;
	}
	const found = new Map<string, IDataObject[]>();
	for (const record of records) {
		const value = String(record[field]);
		found.set(value, [...(found.get(value) ?? []), record]);
	}
	const repeated = [...found].filter(([, records]) => records.length > 1).map(([value]) => value);
	if (repeated.length || more || records.length > keys.length) {
		const message = `"${field}" does not identify one ${entity.name}: ${repeated.length ? `${repeated.slice(0, 5).map((value) => `"${value}"`).join(', ')} match more than one record` : 'Sage returned more records than keys asked for'}`;
		throw new NodeApiError(this.getNode(), { message } as JsonObject, {
			message,
			description: `Create or Update needs a key field whose values are unique, such as ${entity.keyField}.`,
			itemIndex: lookup.itemIndex,
		});
	}
	return keys.map((key) => found.get(key)?.[0]);
}

/** Whether a name can be a field of a filter: letters, digits and underscores. */
export const isFieldName = (name: string) => FIELD_NAME.test(name);

/** The fields a selection names at its top level (not those inside a reference's braces). */
function topLevelFields(selection: string): Set<string> {
	const names = new Set<string>();
	let depth = 0;
	for (const token of selection.match(/[{}]|[^\s{}]+/g) ?? []) {
		if (token === '{') depth++;
		else if (token === '}') depth--;
		else if (depth === 0) names.add(token);
	}
	return names;
}

/**
 * The selection of a write's read-back: the entity's key field, every leaf field the write set
 * (so the check can compare them) and the selection the operation returns.
 */
export function readBackSelection(entity: EntityDescriptor, selection: string, written: IDataObject): string {
	const tokens = topLevelFields(selection);
	const extra = [entity.keyField, ...Object.keys(written)].filter((name) => FIELD_NAME.test(name) && entity.fields.includes(name) && !tokens.has(name));
	return [...new Set(extra), selection].filter(Boolean).join(' ');
}
