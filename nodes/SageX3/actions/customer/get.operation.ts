import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { simplifyProperty } from '../../../shared/descriptions';
import type { X3Session } from '../../helpers/session';
import { folderLocator } from '../common.descriptions';
import { getRecordsByKey } from '../getByKey';
import { customerFieldsOf, customerSelection, resolveCustomer } from './common';
import { customerRecordProperty, customerFieldsProperty } from './fields';

const properties: INodeProperties[] = [folderLocator, customerRecordProperty, customerFieldsProperty, simplifyProperty()];

const displayOptions = { show: { resource: ['customer'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Every item's code is read in shared requests of up to 100 codes (aliased `read` calls, or an `$in` filter). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const code = { parameter: 'code', displayName: 'Customer Code' };
	return await getRecordsByKey.call(this, items, session, code, (itemIndex) => customerFieldsOf(this, itemIndex), async (itemIndex, folderUrl) => {
		const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
		return { entity, selection: customerSelection(this, entity, customerFieldsOf(this, itemIndex), itemIndex) };
	});
}
