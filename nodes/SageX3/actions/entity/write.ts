import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { parseJsonObjectParameter, processItems, requireNonEmptyString } from '../../../shared/utils';
import { writeRecord, type WriteKind } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { entityNameOf, entitySelection, resolveEntity } from './common';

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
			const mutation = entity.mutations[kind];
			if (!mutation) {
				throw new NodeOperationError(node, `The entity "${entity.key}" cannot be ${kind === 'create' ? 'created' : `${kind}d`} in this folder: its schema has no ${kind} mutation`, {
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
			const selection = kind === 'delete' ? '' : entitySelection.call(this, entity, itemIndex);
			const result = await writeRecord.call(this, session, { folderUrl, entity, kind, selection, argumentValues, itemIndex });
			return kind === 'delete' ? { [entity.keyField]: key, deleted: result !== false } : ((result ?? {}) as IDataObject);
		},
	);
}
