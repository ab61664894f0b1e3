import { NodeApiError, type IDataObject, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import type { CheckedWrite } from '../../../shared/records/write-outcome';
import type { SageConnection } from '../../../shared/transport';
import { asNodeError, chunk } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import { odataString } from '../../helpers/odata';
import type { KeyField, Sage200Resource } from '../resources';
import { describeAction } from './common';

/**
 * Sage 200 compares text without case (SQL Server's usual collation): keys that differ only in
 * case or surrounding spaces name the same record.
 */
export const sameSage200Key = (key: string) => key.trim().toLowerCase();

export interface NaturalKeyLookup {
	connection: SageConnection;
	baseUrl: string;
	resource: Sage200Resource;
	field: KeyField;
	itemIndex?: number;
}

const nodeCountLimit = (error: unknown) => {
	const text = `${(error as Error)?.message ?? ''} ${(error as { description?: string })?.description ?? ''}`;
	return (error as { httpCode?: string })?.httpCode === '400' && /node count limit/i.test(text);
};

/**
 * The records whose natural key is one of `keys`, in key order (undefined: none), with one
 * `$filter` of `or`ed equalities. Asked for one more record than keys, so a field that is not
 * unique fails the request instead of picking a record. Sage 200's OData layer may cap the
 * nodes of a filter (Web API's MaxNodeCount, 100 by default): a request refused for it is sent
 * again as two halves.
 */
export async function findByNaturalKey(this: IExecuteFunctions, lookup: NaturalKeyLookup, keys: string[]): Promise<Array<IDataObject | undefined>> {
	const { resource, field } = lookup;
	let records: IDataObject[];
	try {
		const response = await sage200Request.call(this, lookup.connection, lookup.baseUrl, {
			method: 'GET',
			path: resource.path,
			qs: { $filter: keys.map((key) => `${field.name} eq ${odataString(key)}`).join(' or '), $top: keys.length + 1 },
			action: describeAction('Looking up', resource, `records by ${field.name}`),
			itemIndex: lookup.itemIndex,
		});
		records = Array.isArray(response.body) ? (response.body as IDataObject[]) : [];
	} catch (error) {
		if (keys.length > 1 && nodeCountLimit(error)) {
			const halves = chunk(keys, Math.ceil(keys.length / 2));
			return (await Promise.all(halves.map(async (half) => await findByNaturalKey.call(this, lookup, half)))).flat();
		}
		throw asNodeError(this.getNode(), error, lookup.itemIndex);
	}
	const byKey = new Map<string, IDataObject[]>();
	for (const record of records) {
		const value = sameSage200Key(String(record[field.name] ?? ''));
		byKey.set(value, [...(byKey.get(value) ?? []), record]);
	}
	const repeated = [...byKey].filter(([, matches]) => matches.length > 1).map(([value]) => value);
	if (repeated.length || records.length > keys.length) {
		const message = `${describeAction('Looking up', resource)} records by ${field.name} failed: ${field.name} does not identify one record (${
			repeated.length ? `${repeated.slice(0, 5).map((value) => `"${value}"`).join(', ')} match more than one` : 'Sage 200 returned more records than keys asked for'
		})`;
		throw new NodeApiError(this.getNode(), { message } as JsonObject, { message, itemIndex: lookup.itemIndex });
	}
	return keys.map((key) => byKey.get(sameSage200Key(key))?.[0]);
}

/** Keys per lookup request. */
export const KEYS_PER_LOOKUP = 100;

/** findByNaturalKey for any number of keys, KEYS_PER_LOOKUP a request. */
export async function findAllByNaturalKey(this: IExecuteFunctions, lookup: NaturalKeyLookup, keys: string[]): Promise<Array<IDataObject | undefined>> {
	const results: Array<IDataObject | undefined> = [];
	for (const batch of chunk(keys, KEYS_PER_LOOKUP)) for (const record of await findByNaturalKey.call(this, lookup, batch)) results.push(record);
	return results;
}

/** The record with this ID as Sage 200 has it now; undefined when it answers 404. */
export async function readById(this: IExecuteFunctions, connection: SageConnection, baseUrl: string, resource: Sage200Resource, id: string, itemIndex: number): Promise<IDataObject | undefined> {
	try {
		const response = await sage200Request.call(this, connection, baseUrl, {
			method: 'GET',
			path: `${resource.path}/${id}`,
			action: describeAction('Reading back', resource, id),
			itemIndex,
		});
		return response.body as IDataObject;
	} catch (error) {
		if ((error as { httpCode?: string }).httpCode === '404') return undefined;
		throw asNodeError(this.getNode(), error, itemIndex);
	}
}

/** How a create, update or delete of a Sage 200 record is checked after a dropped connection. */
export function sage200Check(
	this: IExecuteFunctions,
	{ connection, baseUrl, resource, itemIndex }: { connection: SageConnection; baseUrl: string; resource: Sage200Resource; itemIndex: number },
	target: { id: string } | { field: KeyField; key: string } | undefined,
): Pick<CheckedWrite<unknown>, 'readBack' | 'howToCheck'> {
	const noun = resource.displayName.toLowerCase();
	if (!target) {
		return { howToCheck: `no unique field identifies a new ${noun}, so list ${noun} records (Get Many) with a filter on the fields sent before creating it again` };
	}
	if ('id' in target) {
		return {
			readBack: async () => await readById.call(this, connection, baseUrl, resource, target.id, itemIndex),
			howToCheck: `Get the ${noun} ${target.id} and compare it with the fields sent`,
		};
	}
	return {
		readBack: async () => (await findByNaturalKey.call(this, { connection, baseUrl, resource, field: target.field, itemIndex }, [target.key]))[0],
		howToCheck: `Get Many ${noun} records with the filter ${target.field.name} eq ${odataString(target.key)}`,
	};
}
