import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { sageRequest, type SageResponse } from '../../../shared/transport';
import { inItemOrder, prepareItems, requireNonEmptyString, runEachItem } from '../../../shared/utils';
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
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => ({
		file: requireNonEmptyString(node, this.getNodeParameter('file', itemIndex, ''), 'File', itemIndex),
		binaryPropertyName: requireNonEmptyString(node, this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Put Output File in Field', itemIndex),
		folderName: folderNameOf.call(this, itemIndex),
	}));
	// Items carry binary data, so the run answers with whole output items.
	const done = await runEachItem(this, prepared, async ({ file, binaryPropertyName, folderName }, itemIndex) => {
		const deliveryUrl = await session.folderUrl(folderName, 'dataDelivery', itemIndex);
		const target = await findDeliveryFile.call(this, session, deliveryUrl, file, itemIndex, items[itemIndex]?.json);
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
	return inItemOrder([...failed, ...done]);
}
