import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { requireNonEmptyString } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { planEntityWrite } from '../entity/write';
import { writeX3Items } from '../write';
import { customerFieldsOf, customerSelection, resolveCustomer } from './common';
import { customerRecordProperty, customerFieldsProperty, customerValuesProperties } from './fields';
import { customerMutationData, readCustomerValues } from './values';

const properties: INodeProperties[] = [folderLocator, customerRecordProperty, ...customerValuesProperties('update'), customerFieldsProperty];

const displayOptions = { show: { resource: ['customer'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await writeX3Items(
		this,
		items,
		session,
		'dataService',
		(itemIndex) => {
			const code = requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex);
			const values = readCustomerValues.call(this, 'update', itemIndex);
			if (values.given.length === 0) {
				throw new NodeOperationError(node, `The parameter "${values.parameter}" is empty: add at least one field to change`, { itemIndex });
			}
			return { code, values, fields: customerFieldsOf(this, itemIndex), folderName: folderNameOf.call(this, itemIndex) };
		},
		async ({ code, values, fields }, folderUrl, itemIndex) => {
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			// The key goes where the folder's update input wants it: `code` on the older schema, `_id` on V12.
			const data = customerMutationData(node, entity, 'update', values, { [entity.keyField]: code }, itemIndex);
			const selection = customerSelection(this, entity, fields, itemIndex);
			const planned = planEntityWrite.call(this, session, { folderUrl, entity, kind: 'update', key: code, data, selection, itemIndex });
			return { ...planned, output: (result) => withConfirmedOutcome((result.answer ?? result.record ?? { code }) as IDataObject, result) };
		},
	);
}
