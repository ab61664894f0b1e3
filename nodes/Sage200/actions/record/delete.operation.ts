import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { sage200Request } from '../../helpers/api';
import { resourcesWith } from '../../helpers/resources';
import { describeAction, readRecordId, recordIdProperty, type OperationContext } from './common';

const resources = resourcesWith('delete');

export const description: INodeProperties[] = [
	recordIdProperty('delete', resources, 'The Sage 200 ID of the record to delete'),
];

export async function execute(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl }: OperationContext): Promise<IDataObject[]> {
	const id = readRecordId.call(this, itemIndex);
	await sage200Request.call(this, connection, baseUrl, {
		method: 'DELETE',
		path: `${resource.path}/${id}`,
		action: describeAction('Deleting', resource, id),
		itemIndex,
	});
	return [{ id: Number(id), deleted: true }];
}
