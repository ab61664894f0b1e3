import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readSimplify, simplifyProperty } from '../../../shared/descriptions';
import { readCachedParameter, runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import { selectFieldsProperty, selectOf } from '../../helpers/fields';
import { requireFieldList } from '../../helpers/odata';
import type { Sage200Session } from '../../helpers/session';
import { simplifySage200Record } from '../../helpers/simplify';
import { resourcesWith, type Sage200Resource } from '../resources';
import { describeAction, processRecordItems, readRecordId, recordIdProperty, type RecordItem } from './common';

const properties: INodeProperties[] = [
	recordIdProperty('The Sage 200 ID of the record'),
	selectFieldsProperty,
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
				description: 'Comma-separated fields to return ($select), e.g. reference,name; added to the fields picked in Fields'
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: resourcesWith('get'), operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	return await processRecordItems.call(this, items, session, 'get', getRecord, checkGet);
}

/** The $select, checked before anything is sent. */
function checkGet(this: IExecuteFunctions, itemIndex: number, resource: Sage200Resource): { select?: string } {
	const node = runNodeCopy(this);
	const options = readCachedParameter(this, 'getOptions', itemIndex, {}) as IDataObject;
	const rawSelect = requireFieldList(node, options.select, 'Select', itemIndex);
	return { select: selectOf(node, resource, readCachedParameter(this, 'fields', itemIndex, []), rawSelect, itemIndex) };
}

async function getRecord(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl, checked }: RecordItem): Promise<IDataObject[]> {
	const id = readRecordId.call(this, itemIndex);
	const options = readCachedParameter(this, 'getOptions', itemIndex, {}) as IDataObject;
	const node = runNodeCopy(this);
	const simplify = readSimplify(node, this.getNodeParameter.bind(this), itemIndex);
	const qs: IDataObject = {};
	const { select } = checked as { select?: string };
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
