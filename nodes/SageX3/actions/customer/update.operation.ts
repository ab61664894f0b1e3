import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { processItems, requireNonEmptyString } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { writeEntityRecord } from '../entity/write';
import { customerFieldsOf, customerSelection, resolveCustomer } from './common';
import { customerCodeProperty, customerFieldsProperty, customerValuesProperties } from './fields';
import { customerMutationData, readCustomerValues } from './values';

const properties: INodeProperties[] = [folderLocator, customerCodeProperty, ...customerValuesProperties('update'), customerFieldsProperty];

const displayOptions = { show: { resource: ['customer'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => {
			const code = requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex);
			const values = readCustomerValues.call(this, 'update', itemIndex);
			if (values.given.length === 0) {
				throw new NodeOperationError(node, `The parameter "${values.parameter}" is empty: add at least one field to change`, { itemIndex });
			}
			return { code, values, fields: customerFieldsOf(this, itemIndex), folderName: folderNameOf.call(this, itemIndex) };
		},
		async ({ code, values, fields, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			// The key goes where the folder's update input wants it: `code` on the older schema, `_id` on V12.
			const data = customerMutationData(node, entity, 'update', values, { [entity.keyField]: code }, itemIndex);
			const selection = customerSelection(this, entity, fields, itemIndex);
			const record = await writeEntityRecord.call(this, session, { folderUrl, entity, kind: 'update', key: code, data, selection, itemIndex });
			return (record ?? { code }) as IDataObject;
		},
	);
}
