import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { withConfirmedOutcome } from '../../../shared/records/write-outcome';
import type { X3Session } from '../../helpers/session';
import { folderLocator } from '../common.descriptions';
import { planEntityWrite } from '../entity/write';
import { writeX3Items } from '../write';
import { customerSelection, readNewCustomer, resolveCustomer } from './common';
import { companyNameProperty, customerCodeProperty, customerFieldsProperty, customerValuesProperties } from './fields';
import { customerMutationData } from './values';

const properties: INodeProperties[] = [
	folderLocator,
	customerCodeProperty,
	companyNameProperty,
	...customerValuesProperties('create'),
	customerFieldsProperty,
];

const displayOptions = { show: { resource: ['customer'], operation: ['create'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await writeX3Items(
		this,
		items,
		session,
		'dataService',
		(itemIndex) => readNewCustomer.call(this, itemIndex),
		async ({ code, companyName, values, fields }, folderUrl, itemIndex) => {
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			const data = customerMutationData(node, entity, 'create', values, { code, companyName }, itemIndex);
			const selection = customerSelection(this, entity, fields, itemIndex);
			// The customer code is the record's key on both schemas (`code`, or `_id` on V12).
			const planned = planEntityWrite.call(this, session, { folderUrl, entity, kind: 'create', key: code, data, selection, itemIndex });
			return { ...planned, output: (result) => withConfirmedOutcome((result.answer ?? result.record ?? { code }) as IDataObject, result) };
		},
	);
}
