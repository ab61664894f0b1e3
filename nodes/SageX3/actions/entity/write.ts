import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { EntityDescriptor } from '../../../shared/graphql/entities';
import { readBackSelection } from '../../../shared/records/graphql-keys';
import { withConfirmedOutcome, type PlannedWrite } from '../../../shared/records/write-outcome';
import { parseJsonObjectParameter, requireNonEmptyString } from '../../../shared/utils';
import { readBatch, writeRecord, type WriteKind } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { writeX3Items } from '../write';
import { entityNameOf, entitySelection, resolveEntity } from './common';

export interface EntityWrite {
	folderUrl: string;
	entity: EntityDescriptor;
	kind: WriteKind;
	/**
	 * The record's key: placed where the schema wants it on update and delete (`_id`, or `code` on
	 * the older schema); on create, the key the new record gets, when the data says it (the check).
	 */
	key?: string;
	data: IDataObject;
	selection: string;
	itemIndex: number;
}

/**
 * One create, update or delete on an introspected entity, planned so that its outcome is checked
 * by key when the connection drops after it was sent (the record is read back by its key field).
 */
export function planEntityWrite(this: IExecuteFunctions, session: X3Session, write: EntityWrite): Omit<PlannedWrite, 'output'> {
	const { entity, kind, key, data, itemIndex } = write;
	const mutation = entity.mutations[kind];
	if (!mutation) {
		throw new NodeOperationError(this.getNode(), `The entity "${entity.key}" cannot be ${kind === 'create' ? 'created' : `${kind}d`} in this folder: its schema has no ${kind} mutation`, {
			itemIndex,
		});
	}
	let argumentValues: IDataObject;
	if (kind === 'delete') {
		argumentValues = { [mutation.arguments[0]?.name ?? entity.keyField]: key };
	} else {
		const dataArgument = mutation.arguments.find((argument) => argument.name === 'data')?.name ?? mutation.arguments[0]?.name ?? 'data';
		argumentValues = { [dataArgument]: kind === 'update' ? { ...data, [entity.keyField]: key } : data };
	}
	const selection = kind === 'delete' ? '' : write.selection;
	const written = kind === 'delete' ? {} : data;
	return {
		node: this.getNode(),
		itemIndex,
		kind,
		send: async () => await writeRecord.call(this, session, { folderUrl: write.folderUrl, entity, kind, selection, argumentValues, itemIndex }),
		readBack: key
			? async () => {
					const { connection } = await session.connection();
					const lookup = { folderUrl: write.folderUrl, entity, selection: readBackSelection(entity, selection || entity.keyField, written), itemIndex, key };
					const [record] = await readBatch.call(this, connection, lookup, [key]);
					return record;
				}
			: undefined,
		written,
		howToCheck: key
			? `Get the ${entity.name} with ${entity.keyField} "${key}" and compare it with the data sent`
			: `the data has no ${entity.keyField}, so list ${entity.name} records (Get Many) with a filter on the fields sent`,
	};
}

/** Create, update or delete one record per item on an introspected entity. */
export async function writeEntities(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: X3Session,
	kind: WriteKind,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await writeX3Items(
		this,
		items,
		session,
		'dataService',
		(itemIndex) => {
			const name = entityNameOf(this, itemIndex);
			const key = kind === 'create' ? undefined : requireNonEmptyString(node, this.getNodeParameter('key', itemIndex, ''), 'Key', itemIndex);
			const data = kind === 'delete' ? {} : parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex, '{}'), 'Data', itemIndex);
			if (kind !== 'delete' && Object.keys(data).length === 0) {
				throw new NodeOperationError(node, 'The parameter "Data" is empty: give the fields as a JSON object', { itemIndex });
			}
			return { name, key, data, folderName: folderNameOf.call(this, itemIndex) };
		},
		async ({ name, key, data }, folderUrl, itemIndex) => {
			const entity = await resolveEntity.call(this, session, folderUrl, name, itemIndex);
			const selection = kind === 'delete' || !entity.mutations[kind] ? '' : entitySelection.call(this, entity, itemIndex);
			// A create's key is in its data, where the schema's key field is given.
			const recordKey = key ?? (typeof data[entity.keyField] === 'string' || typeof data[entity.keyField] === 'number' ? String(data[entity.keyField]) : undefined);
			const planned = planEntityWrite.call(this, session, { folderUrl, entity, kind, key: recordKey, data, selection, itemIndex });
			return {
				...planned,
				output: (result) =>
					withConfirmedOutcome(
						kind === 'delete' ? { [entity.keyField]: key, deleted: result.answer !== false } : ((result.answer ?? result.record ?? {}) as IDataObject),
						result,
					),
			};
		},
	);
}
