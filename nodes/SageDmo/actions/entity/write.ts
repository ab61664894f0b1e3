import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { executeGraphql, valueAtPath } from '../../../shared/graphql';
import { buildReadByKeysQuery } from '../../../shared/graphql/entities';
import { readBackSelection, readByFieldBatch } from '../../../shared/records/graphql-keys';
import type { CheckedResult, PlannedWrite, WriteKind } from '../../../shared/records/write-outcome';
import { withDiagnoses } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';
import { MAX_PAGE_SIZE } from './common';
import { keyArgumentOf, sendMutation, type MutationTarget } from './mutate';

/** One create, update or delete of an SDMO record, as an operation plans it. */
export interface SdmoWrite {
	kind: WriteKind;
	/** Update and delete: the record's _id, or its natural key prefixed with #. */
	recordId?: string;
	/** Create: a field of the data no two records share, and its value, by which the new record is found again. */
	unique?: { field: string; value: string };
	data: IDataObject;
	selection?: string;
	itemIndex: number;
}

/** Sage's answer to a mutation: its payload and the diagnoses of a successful answer. */
export interface SdmoAnswer {
	payload: unknown;
	warnings: string[];
}

/** The record with this _id or #natural key as Sage has it now (undefined: `read` found none). */
async function readRecord(this: IExecuteFunctions, session: SdmoSession, { entity, url }: MutationTarget, recordId: string, selection: string, itemIndex: number): Promise<IDataObject | undefined> {
	const built = buildReadByKeysQuery(entity, selection, [recordId]);
	const result = await executeGraphql.call(this, session.connection, {
		url,
		query: built.query,
		variables: built.variables as IDataObject,
		isMutation: false,
		action: `Reading back ${entity.name} ${recordId}`,
		itemIndex,
	});
	return (valueAtPath(result.data, built.aliasPath(0)) as IDataObject | null | undefined) ?? undefined;
}

/**
 * A create, update or delete planned so that a dropped connection after it was sent is settled
 * by reading the record back: update and delete by the Record ID (`read`), a create by its
 * unique field (a `_in` filter, which also proves the field unique). Without either, such an
 * error says plainly that the outcome is unknown and how to check it.
 */
export function planSdmoWrite(this: IExecuteFunctions, session: SdmoSession, resolved: MutationTarget, write: SdmoWrite): Omit<PlannedWrite<SdmoAnswer>, 'output'> {
	const { entity } = resolved;
	const { kind, recordId, unique, data, itemIndex } = write;
	const selection = kind === 'delete' ? '' : (write.selection ?? entity.defaultSelection);
	const argumentValues =
		kind === 'delete' ? { [keyArgumentOf(entity, 'delete')]: recordId } : { data: kind === 'update' ? { ...data, _id: recordId } : data };
	const backSelection = readBackSelection(entity, selection, data);
	let readBack: (() => Promise<IDataObject | undefined>) | undefined;
	let howToCheck: string;
	if (kind !== 'create' && recordId !== undefined && entity.read) {
		readBack = async () => await readRecord.call(this, session, resolved, recordId, backSelection, itemIndex);
		howToCheck =
			kind === 'delete'
				? `Get the ${entity.name} "${recordId}": "No ${entity.name} record with key" means it is deleted`
				: `Get the ${entity.name} "${recordId}" and compare it with the Data sent`;
	} else if (kind === 'create' && unique && entity.fields.includes(unique.field)) {
		readBack = async () => {
			const lookup = { url: resolved.url, entity, field: unique.field, selection: backSelection, itemIndex, maxPageSize: MAX_PAGE_SIZE };
			return (await readByFieldBatch.call(this, session.connection, lookup, [unique.value]))[0];
		};
		howToCheck = `Get Many ${entity.name} records with the filter {${unique.field}: {_eq: '${unique.value}'}}`;
	} else {
		howToCheck =
			kind === 'create'
				? `the Data gives no field that identifies one ${entity.name} (option Key Field), so list ${entity.name} records (Get Many) with a filter on the fields sent before creating it again`
				: `the ${entity.name} entity has no read operation: list its records (Get Many) with a filter on ${entity.keyField}`;
	}
	return {
		node: this.getNode(),
		itemIndex,
		kind,
		send: async () => await sendMutation.call(this, session, resolved, kind, itemIndex, argumentValues, kind === 'delete' ? undefined : selection),
		readBack,
		written: kind === 'delete' ? {} : data,
		howToCheck,
	};
}

/**
 * The output fields of a write: Sage's answer (the record written, or `{deleted, recordId}`), or
 * when the outcome was confirmed by reading the record back, the record read.
 */
export function sdmoWriteOutput(kind: WriteKind, recordId: string | undefined, result: CheckedResult<SdmoAnswer>): IDataObject {
	const answer = result.answer;
	if (kind === 'delete') {
		const deleted = answer ? answer.payload === true || (typeof answer.payload === 'number' && answer.payload > 0) : true;
		return withDiagnoses({ deleted, recordId }, answer?.warnings ?? []);
	}
	if (!answer) return result.record ?? {};
	return withDiagnoses((answer.payload ?? {}) as IDataObject, answer.warnings, '_diagnoses');
}
