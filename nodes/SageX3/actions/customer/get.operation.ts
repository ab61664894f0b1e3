import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readItemParameter, readParameter, requireNonEmptyString } from '../../../shared/utils';
import { SEED_CUSTOMER } from '../../helpers/customer';
import { requireSelection } from '../../helpers/filter';
import { lookupEach } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { customerCodeProperty, customerFieldsProperty } from './fields';

export const description: INodeProperties[] = [
	{ ...folderLocator, displayOptions: { show: { resource: ['customer'], operation: ['get'] } } },
	customerCodeProperty(['get']),
	customerFieldsProperty(['get']),
];

/** Every item's code is read in shared requests of up to 100 codes (an `$in` filter). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await lookupEach(
		this,
		session,
		items.length,
		(itemIndex) => ({
			key: requireNonEmptyString(node, readItemParameter(this, 'code', itemIndex, ''), 'Customer Code', itemIndex),
			selection: requireSelection(node, readParameter(this, 'fields', itemIndex, ''), 'Fields', itemIndex, SEED_CUSTOMER.defaultSelection),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ key, selection, folderName }, itemIndex) => ({
			itemIndex,
			key,
			selection,
			folderUrl: await session.folderUrl(folderName, 'dataService', itemIndex),
			entity: SEED_CUSTOMER,
		}),
	);
}
