import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sageRequest, type SageResponse } from '../../../shared/transport';
import { requireNonEmptyString } from '../../../shared/utils';
import { forEachItem } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { deliveryFolder, fileProperty } from './common';
import { findDeliveryFile } from './files';

export const description: INodeProperties[] = [
	deliveryFolder(['download']),
	fileProperty(['download']),
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { resource: ['dataDelivery'], operation: ['download'] } },
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await forEachItem.call(this, items, async (itemIndex) => {
		const file = requireNonEmptyString(node, this.getNodeParameter('file', itemIndex, ''), 'File', itemIndex);
		const binaryPropertyName = requireNonEmptyString(node, this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Put Output File in Field', itemIndex);
		const deliveryUrl = await session.folderUrl(folderNameOf.call(this, itemIndex), 'dataDelivery', itemIndex);
		const target = await findDeliveryFile.call(this, session, deliveryUrl, file, itemIndex);
		const { connection } = await session.connection();
		const response = (await sageRequest.call(this, connection, {
			method: 'GET',
			url: target.downloadUrl,
			binary: true,
			action: `Downloading ${target.key}`,
			itemIndex,
		})) as SageResponse<ArrayBuffer | Buffer>;
		const body = response.body;
		const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body as ArrayBuffer);
		const mimeType = response.headers['content-type']?.split(';')[0]?.trim() || undefined;
		const binary = await this.helpers.prepareBinaryData(buffer, target.key, mimeType);
		return [
			{
				json: { key: target.key, size: buffer.length, ...(target.entry ?? {}) },
				binary: { [binaryPropertyName]: binary },
				pairedItem: { item: itemIndex },
			},
		];
	});
}
