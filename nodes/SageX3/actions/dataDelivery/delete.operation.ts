import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sageRequest } from '../../../shared/transport';
import { requireNonEmptyString } from '../../../shared/utils';
import { forEachItem } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { deliveryFolder, fileProperty } from './common';
import { findDeliveryFile } from './files';

export const description: INodeProperties[] = [deliveryFolder(['delete']), fileProperty(['delete'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await forEachItem.call(this, items, async (itemIndex) => {
		const file = requireNonEmptyString(node, this.getNodeParameter('file', itemIndex, ''), 'File', itemIndex);
		const deliveryUrl = await session.folderUrl(folderNameOf.call(this, itemIndex), 'dataDelivery', itemIndex);
		const target = await findDeliveryFile.call(this, session, deliveryUrl, file, itemIndex);
		const { connection } = await session.connection();
		await sageRequest.call(this, connection, { method: 'DELETE', url: target.deleteUrl, action: `Deleting ${target.key}`, itemIndex });
		return [{ json: { key: target.key, deleted: true }, pairedItem: { item: itemIndex } }];
	});
}
