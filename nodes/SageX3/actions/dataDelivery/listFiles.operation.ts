import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { processItems } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { deliveryFolder } from './common';
import { listDeliveryFiles } from './files';

export const description: INodeProperties[] = [deliveryFolder(['listFiles'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await processItems(
		this,
		items.length,
		(itemIndex) => folderNameOf.call(this, itemIndex),
		async (folderName, itemIndex) => {
			const deliveryUrl = await session.folderUrl(folderName, 'dataDelivery', itemIndex);
			return await listDeliveryFiles.call(this, session, deliveryUrl, itemIndex);
		},
	);
}
