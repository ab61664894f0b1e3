import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCachedParameter, runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import { requireFieldList } from '../../helpers/odata';
import { resourcesWith } from '../../helpers/resources';
import { describeAction, readRecordId, recordIdProperty, showFor, type OperationContext } from './common';

const resources = resourcesWith('get');

export const description: INodeProperties[] = [
	recordIdProperty('get', resources, 'The Sage 200 ID of the record'),
	{
		displayName: 'Options',
		name: 'getOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showFor('get', resources),
		options: [
			{
				displayName: 'Expand',
				name: 'expand',
				type: 'string',
				default: '',
				placeholder: 'contacts,main_address',
				description: 'Comma-separated related records to include ($expand)',
			},
			{
				displayName: 'Select',
				name: 'select',
				type: 'string',
				default: '',
				placeholder: 'id,name,reference',
				description: 'Comma-separated fields to return ($select)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl }: OperationContext): Promise<IDataObject[]> {
	const id = readRecordId.call(this, itemIndex);
	const options = readCachedParameter(this, 'getOptions', itemIndex, {}) as IDataObject;
	const node = runNodeCopy(this);
	const qs: IDataObject = {};
	const select = requireFieldList(node, options.select, 'Select', itemIndex);
	const expand = requireFieldList(node, options.expand, 'Expand', itemIndex, true);
	if (select) qs.$select = select;
	if (expand) qs.$expand = expand;
	const response = await sage200Request.call(this, connection, baseUrl, {
		method: 'GET',
		path: `${resource.path}/${id}`,
		qs,
		action: describeAction('Getting', resource, id),
		itemIndex,
	});
	return [response.body as IDataObject];
}
