import type { IDataObject, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { listLocatorProperty } from '../descriptions';
import { compileSageFilter } from '../filters/compile';
import { filterFieldsOfEntity, type Condition } from '../filters/conditions';
import type { SageConnection, SageContext } from '../transport';
import { buildListQuery, type EntityDescriptor } from './entities';
import { executeGraphql, readConnection } from './execute';

/** Fields that name a record in Sage's schemas, tried in this order for a picker's label. */
const LABEL_FIELDS = ['companyName', 'name', 'description', 'shortName', 'description1', 'localizedDescription'];
const RECORDS_PER_PAGE = 50;

/**
 * A record picker's resource locator: From List (`searchListMethod`) or By Key, the value a Get,
 * Update or Delete already took as text (older workflows' plain strings still read).
 */
export function recordLocatorProperty(options: {
	displayName: string;
	name: string;
	searchListMethod: string;
	keyMode: { name: string; displayName: string; placeholder: string };
	description: string;
}): INodeProperties {
	const { keyMode, ...locator } = options;
	return listLocatorProperty({ ...locator, typedMode: keyMode });
}

/**
 * One page of an entity's records for a picker: `key` as the value, shown with the schema's naming
 * field (and `shownWith`, e.g. the natural key), searched by Contains on those text fields (in the
 * entity's own dialect, value escaped), 50 a page with the connection's cursor as the next token.
 */
export async function searchEntityRecords(
	this: SageContext,
	connection: SageConnection,
	url: string,
	entity: EntityDescriptor,
	options: { key: string; shownWith?: string[]; filter?: string; paginationToken?: string; action: string },
): Promise<INodeListSearchResult> {
	const fields = filterFieldsOfEntity(entity);
	const isText = (field: string) => fields[field]?.type === 'text';
	const label = LABEL_FIELDS.find((field) => isText(field) && field !== options.key);
	const shown = [...new Set([...(options.shownWith ?? [options.key]), ...(label ? [label] : [])])].filter((field) => field in fields);
	// xtrem's _id is a system key, not a field its filters take: it is searched through the natural key instead.
	const searched = shown.filter((field) => isText(field) && field !== '_id');
	const wanted = (options.filter ?? '').trim();
	if (wanted && searched.length === 0) return { results: [] };
	const conditions: Condition[] = wanted ? searched.map((field) => ({ field, fieldType: fields[field], operator: 'contains', values: [wanted] })) : [];
	const built = buildListQuery(entity, {
		selection: [...new Set([options.key, ...shown])].join(' '),
		filter: compileSageFilter(conditions, 'or', entity.filterDialect === 'xtrem' ? '_' : '$'),
		pageSize: RECORDS_PER_PAGE,
	});
	const result = await executeGraphql.call(this, connection, {
		url,
		query: built.query,
		variables: { ...built.variables, [built.afterVariable]: options.paginationToken ?? null } as IDataObject,
		isMutation: false,
		action: options.action,
	});
	const page = readConnection(result.data, built.path);
	const results = (page?.nodes ?? [])
		.filter((record) => record[options.key] !== undefined && record[options.key] !== null)
		.map((record) => {
			const parts = shown.map((field) => record[field]).filter((part) => (typeof part === 'string' && part !== '') || typeof part === 'number');
			const name = [...new Set(parts.map(String))].join(' – ');
			return { name: name || String(record[options.key]), value: String(record[options.key]) };
		});
	return { results, paginationToken: page?.hasNextPage && page.endCursor ? page.endCursor : undefined };
}
