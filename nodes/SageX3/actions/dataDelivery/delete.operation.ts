import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { sageRequest } from '../../../shared/transport';
import { processItems, requireNonEmptyString } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { fileProperty } from './common';
import { findDeliveryFile } from './files';

const properties: INodeProperties[] = [folderLocator, fileProperty];

const displayOptions = { show: { resource: ['dataDelivery'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => ({
			file: requireNonEmptyString(node, this.getNodeParameter('file', itemIndex, ''), 'File', itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ file, folderName }, itemIndex) => {
			const deliveryUrl = await session.folderUrl(folderName, 'dataDelivery', itemIndex);
			const target = await findDeliveryFile.call(this, session, deliveryUrl, file, itemIndex, items[itemIndex]?.json);
			const { connection } = await session.connection();
			await sageRequest.call(this, connection, { method: 'DELETE', url: target.deleteUrl, action: `Deleting ${target.key}`, itemIndex });
			return { key: target.key, deleted: true };
		},
	);
}
