import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { processItems, requireNonEmptyString } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { writeEntityRecord } from '../entity/write';
import { customerFieldsOf, customerSelection, resolveCustomer } from './common';
import { customerCodeProperty, customerFieldsProperty, customerValuesProperties } from './fields';
import { customerMutationData, readCustomerValues } from './values';

const properties: INodeProperties[] = [
	folderLocator,
	customerCodeProperty,
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		required: true,
		default: '',
	},
	...customerValuesProperties('create'),
	customerFieldsProperty,
];

const displayOptions = { show: { resource: ['customer'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => ({
			code: requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex),
			companyName: requireNonEmptyString(node, this.getNodeParameter('companyName', itemIndex, ''), 'Company Name', itemIndex),
			values: readCustomerValues.call(this, 'create', itemIndex),
			fields: customerFieldsOf(this, itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ code, companyName, values, fields, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			const data = customerMutationData(node, entity, 'create', values, { code, companyName }, itemIndex);
			const selection = customerSelection(this, entity, fields, itemIndex);
			const record = await writeEntityRecord.call(this, session, { folderUrl, entity, kind: 'create', data, selection, itemIndex });
			return (record ?? { code }) as IDataObject;
		},
	);
}
