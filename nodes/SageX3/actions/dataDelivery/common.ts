import type { INodeProperties } from 'n8n-workflow';

export const fileProperty: INodeProperties = {
	displayName: 'File',
	name: 'file',
	type: 'string',
	required: true,
	default: '={{ $json.key }}',
	description: 'Key of the file (as List Files returns it), or its download URL',
};
