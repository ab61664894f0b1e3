import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { processItems } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { listDeliveryFiles } from './files';

const properties: INodeProperties[] = [folderLocator];

const displayOptions = { show: { resource: ['dataDelivery'], operation: ['listFiles'] } };

export const description = updateDisplayOptions(displayOptions, properties);

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
