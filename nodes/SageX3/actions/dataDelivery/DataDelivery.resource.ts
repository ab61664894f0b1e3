import type { INodeProperties } from 'n8n-workflow';

import * as deleteFile from './delete.operation';
import * as download from './download.operation';
import * as listFiles from './listFiles.operation';

export { deleteFile as delete, download, listFiles };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['dataDelivery'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete an exported file', action: 'Delete a file' },
			{ name: 'Download', value: 'download', description: 'Download an exported file as binary data', action: 'Download a file' },
			{ name: 'List Files', value: 'listFiles', description: 'List every exported file of a folder', action: 'List files' },
		],
		default: 'listFiles',
	},
	...listFiles.description,
	...download.description,
	...deleteFile.description,
];
