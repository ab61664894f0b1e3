import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import type { X3Session } from '../../helpers/session';
import { folderLocator } from '../common.descriptions';
import { getManyRecords } from '../getMany';
import { customerFieldsOf, customerSelection, resolveCustomer } from './common';
import { customerFieldsProperty } from './fields';

const properties: INodeProperties[] = [
	folderLocator,
	...returnAllOrLimit({}),
	{
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder: "{code: {$regex: '^AE1'}}",
		description: "Filter in the folder schema's dialect: $eq, $ne, $gt, $lt, $in, $regex on the older schema; _eq, _in, _regex on V12",
	},
	{
		displayName: 'Order By',
		name: 'orderBy',
		type: 'string',
		default: '',
		placeholder: '{companyName: 1}',
		description: 'Sort order: 1 ascending, -1 descending',
	},
	customerFieldsProperty,
	simplifyProperty(),
];

const displayOptions = { show: { resource: ['customer'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await getManyRecords.call(this, items, session, (itemIndex) => customerFieldsOf(this, itemIndex), async (itemIndex, folderUrl) => {
		const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
		return { entity, selection: customerSelection(this, entity, customerFieldsOf(this, itemIndex), itemIndex) };
	});
}
