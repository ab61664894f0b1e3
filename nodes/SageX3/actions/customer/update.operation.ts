import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { processItems, requireNonEmptyString } from '../../../shared/utils';
import { SEED_CUSTOMER } from '../../helpers/customer';
import { requireSelection } from '../../helpers/filter';
import { writeRecord } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { customerData } from './create.operation';
import { customerCodeProperty, customerFieldsProperty, customerValueOptions } from './fields';

const show = { resource: ['customer'], operation: ['update'] };

export const description: INodeProperties[] = [
	{ ...folderLocator, displayOptions: { show } },
	customerCodeProperty(['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: customerValueOptions,
	},
	customerFieldsProperty(['update']),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => {
			const code = requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex);
			const data = customerData.call(this, this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject, itemIndex);
			if (Object.keys(data).length === 0) {
				throw new NodeOperationError(node, 'The parameter "Update Fields" is empty: add at least one field to change', { itemIndex });
			}
			const selection = requireSelection(node, this.getNodeParameter('fields', itemIndex, ''), 'Fields', itemIndex, SEED_CUSTOMER.defaultSelection);
			return { code, data: { ...data, code }, selection, folderName: folderNameOf.call(this, itemIndex) };
		},
		async ({ code, data, selection, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const record = await writeRecord.call(this, session, { folderUrl, entity: SEED_CUSTOMER, kind: 'update', selection, argumentValues: { data }, itemIndex });
			return (record ?? { code }) as IDataObject;
		},
	);
}
