import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readSimplify, simplifyProperty } from '../../../shared/descriptions';
import { readCachedParameter, runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import { requireFieldList } from '../../helpers/odata';
import type { Sage200Session } from '../../helpers/session';
import { simplifySage200Record } from '../../helpers/simplify';
import { resourcesWith } from '../resources';
import { describeAction, processRecordItems, readRecordId, recordIdProperty, type RecordItem } from './common';

const properties: INodeProperties[] = [
	recordIdProperty('The Sage 200 ID of the record'),
	simplifyProperty(),
	{
		displayName: 'Options',
		name: 'getOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
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

export const description = updateDisplayOptions({ show: { resource: resourcesWith('get'), operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	return await processRecordItems.call(this, items, session, 'get', getRecord);
}

async function getRecord(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl }: RecordItem): Promise<IDataObject[]> {
	const id = readRecordId.call(this, itemIndex);
	const options = readCachedParameter(this, 'getOptions', itemIndex, {}) as IDataObject;
	const node = runNodeCopy(this);
	const simplify = readSimplify(node, this.getNodeParameter.bind(this), itemIndex);
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
	const record = response.body as IDataObject;
	return [simplify ? simplifySage200Record(node, record, itemIndex) : record];
}
