import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { parseJsonObjectParameter, runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import { resourcesWith } from '../../helpers/resources';
import { describeAction, readRecordId, recordIdProperty, showFor, type OperationContext } from './common';

const resources = resourcesWith('update');

export const description: INodeProperties[] = [
	recordIdProperty('update', resources, 'The Sage 200 ID of the record to update'),
	{
		displayName: 'Fields to Update (JSON)',
		name: 'updateFields',
		type: 'json',
		required: true,
		default: '{}',
		description: 'The fields to change as a JSON object, named as in the Sage 200 API; fields left out keep their values',
		displayOptions: showFor('update', resources),
	},
];

export async function execute(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl }: OperationContext): Promise<IDataObject[]> {
	const id = readRecordId.call(this, itemIndex);
	const node = runNodeCopy(this);
	const body = parseJsonObjectParameter(node, this.getNodeParameter('updateFields', itemIndex, '{}'), 'Fields to Update (JSON)', itemIndex);
	if (Object.keys(body).length === 0) {
		throw new NodeOperationError(node, '"Fields to Update (JSON)" is empty: name at least one field to change', {
			itemIndex,
			description: 'For example {"credit_limit": 5000}.',
		});
	}
	const response = await sage200Request.call(this, connection, baseUrl, {
		method: 'PUT',
		path: `${resource.path}/${id}`,
		body,
		action: describeAction('Updating', resource, id),
		itemIndex,
	});
	return [response.body as IDataObject];
}
