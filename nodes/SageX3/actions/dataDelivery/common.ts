import type { INodeProperties } from 'n8n-workflow';

import { folderLocator } from '../common.descriptions';

export const deliveryFolder = (operations: string[]): INodeProperties => ({
	...folderLocator,
	displayOptions: { show: { resource: ['dataDelivery'], operation: operations } },
});

export const fileProperty = (operations: string[]): INodeProperties => ({
	displayName: 'File',
	name: 'file',
	type: 'string',
	required: true,
	default: '={{ $json.key }}',
	description: 'Key of the file (as List Files returns it), or its download URL',
	displayOptions: { show: { resource: ['dataDelivery'], operation: operations } },
});
