import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readMappedParameter, requireNonEmptyString, runNodeCopy } from '../../../shared/utils';
import { lookupEach } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { customerFieldsOf, customerSelection, resolveCustomer } from './common';
import { customerCodeProperty, customerFieldsProperty } from './fields';

const properties: INodeProperties[] = [folderLocator, customerCodeProperty, customerFieldsProperty];

const displayOptions = { show: { resource: ['customer'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Every item's code is read in shared requests of up to 100 codes (aliased `read` calls, or an `$in` filter). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await lookupEach(
		this,
		session,
		items.length,
		(itemIndex) => ({
			key: requireNonEmptyString(runNodeCopy(this), readMappedParameter(this, 'code', itemIndex, ''), 'Customer Code', itemIndex),
			fields: customerFieldsOf(this, itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ key, fields, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			return { itemIndex, key, folderUrl, entity, selection: customerSelection(this, entity, fields, itemIndex) };
		},
	);
}
