import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { EntityDescriptor } from '../../../shared/graphql/entities';
import { parseJsonObjectParameter, processItems, requireNonEmptyString } from '../../../shared/utils';
import { writeRecord, type WriteKind } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { entityNameOf, entitySelection, resolveEntity } from './common';

export interface EntityWrite {
	folderUrl: string;
	entity: EntityDescriptor;
	kind: WriteKind;
	/** The record's key (update, delete): placed where the schema wants it (`_id`, or `code` on the older schema). */
	key?: string;
	data: IDataObject;
	selection: string;
	itemIndex: number;
}

/** One create, update or delete on an introspected entity; resolves to what the mutation returned. */
export async function writeEntityRecord(this: IExecuteFunctions, session: X3Session, write: EntityWrite): Promise<unknown> {
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
	return await writeRecord.call(this, session, { folderUrl: write.folderUrl, entity, kind, selection, argumentValues, itemIndex });
}

/** Create, update or delete one record per item on an introspected entity. */
export async function writeEntities(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: X3Session,
	kind: WriteKind,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => {
			const name = entityNameOf(this, itemIndex);
			const key = kind === 'create' ? undefined : requireNonEmptyString(node, this.getNodeParameter('key', itemIndex, ''), 'Key', itemIndex);
			const data = kind === 'delete' ? {} : parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex, '{}'), 'Data', itemIndex);
			if (kind !== 'delete' && Object.keys(data).length === 0) {
				throw new NodeOperationError(node, 'The parameter "Data" is empty: give the fields as a JSON object', { itemIndex });
			}
			return { name, key, data, folderName: folderNameOf.call(this, itemIndex) };
		},
		async ({ name, key, data, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveEntity.call(this, session, folderUrl, name, itemIndex);
			const selection = kind === 'delete' || !entity.mutations[kind] ? '' : entitySelection.call(this, entity, itemIndex);
			const result = await writeEntityRecord.call(this, session, { folderUrl, entity, kind, key, data, selection, itemIndex });
			return kind === 'delete' ? { [entity.keyField]: key, deleted: result !== false } : ((result ?? {}) as IDataObject);
		},
	);
}
