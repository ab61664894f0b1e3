import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError, requireNonEmptyString } from '../../../shared/utils';
import { SEED_CUSTOMER } from '../../helpers/customer';
import { requireSelection } from '../../helpers/filter';
import { emitLookups, type KeyLookup } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { customerCodeProperty, customerFieldsProperty } from './fields';

export const description: INodeProperties[] = [
	{ ...folderLocator, displayOptions: { show: { resource: ['customer'], operation: ['get'] } } },
	customerCodeProperty(['get']),
	customerFieldsProperty(['get']),
];

/** Every item's code is read in shared requests of up to 50 codes (an `$in` filter). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const lookups: KeyLookup[] = [];
	const failed = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const key = requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex);
			const selection = requireSelection(node, this.getNodeParameter('fields', itemIndex, ''), 'Fields', itemIndex, SEED_CUSTOMER.defaultSelection);
			const folderUrl = await session.folderUrl(folderNameOf.call(this, itemIndex), 'dataService', itemIndex);
			lookups.push({ itemIndex, key, selection, folderUrl, entity: SEED_CUSTOMER });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(node, error, itemIndex);
			failed.set(itemIndex, error);
		}
	}
	return await emitLookups.call(this, items.length, lookups, failed, session);
}
