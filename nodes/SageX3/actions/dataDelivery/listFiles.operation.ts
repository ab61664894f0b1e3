import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem, toItems } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { deliveryFolder } from './common';
import { listDeliveryFiles } from './files';

export const description: INodeProperties[] = [deliveryFolder(['listFiles'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const deliveryUrl = await session.folderUrl(folderNameOf.call(this, itemIndex), 'dataDelivery', itemIndex);
		return toItems(await listDeliveryFiles.call(this, session, deliveryUrl, itemIndex), itemIndex);
	});
}
