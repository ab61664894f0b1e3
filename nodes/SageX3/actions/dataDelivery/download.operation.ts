import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_DOWNLOAD_BYTES, sageRequest, type SageResponse } from '../../../shared/transport';
import { inItemOrder, prepareItems, requireNonEmptyString, requirePositiveInteger, runEachItem } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { fileProperty } from './common';
import { findDeliveryFile } from './files';

const MB = 1024 * 1024;
/** n8n keeps a binary in memory unless its binary data mode is filesystem or S3. */
const MAX_FILE_SIZE_MB = 4096;
const DEFAULT_MAX_FILE_SIZE_MB = DEFAULT_MAX_DOWNLOAD_BYTES / MB;

const properties: INodeProperties[] = [
	folderLocator,
	fileProperty,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
	},
	{
		displayName: 'Options',
		name: 'downloadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max File Size (MB)',
				name: 'maxFileSizeMb',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_FILE_SIZE_MB },
				default: DEFAULT_MAX_FILE_SIZE_MB,
				description: 'A larger file fails its item instead of filling n8n\'s memory (the size after decompression)',
			},
		],
	},
];

const displayOptions = { show: { resource: ['dataDelivery'], operation: ['download'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => ({
		file: requireNonEmptyString(node, this.getNodeParameter('file', itemIndex, ''), 'File', itemIndex),
		binaryPropertyName: requireNonEmptyString(node, this.getNodeParameter('binaryPropertyName', itemIndex, 'data'), 'Put Output File in Field', itemIndex),
		folderName: folderNameOf.call(this, itemIndex),
		maxBytes:
			requirePositiveInteger(
				node,
				(this.getNodeParameter('downloadOptions', itemIndex, {}) as { maxFileSizeMb?: unknown }).maxFileSizeMb ?? DEFAULT_MAX_FILE_SIZE_MB,
				'Max File Size (MB)',
				itemIndex,
				MAX_FILE_SIZE_MB,
			) * MB,
	}));
	// Items carry binary data, so the run answers with whole output items.
	const done = await runEachItem(this, prepared, async ({ file, binaryPropertyName, folderName, maxBytes }, itemIndex) => {
		const deliveryUrl = await session.folderUrl(folderName, 'dataDelivery', itemIndex);
		const target = await findDeliveryFile.call(this, session, deliveryUrl, file, itemIndex, items[itemIndex]?.json);
		const { connection } = await session.connection();
		const response = (await sageRequest.call(this, connection, {
			method: 'GET',
			url: target.downloadUrl,
			binary: true,
			maxResponseBytes: maxBytes,
			// X3 may answer a download with a redirect to the file's storage (a pre-signed URL).
			followRedirectWithoutCredentials: true,
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
