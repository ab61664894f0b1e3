import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readCachedParameter } from '../../shared/utils';

export const folderLocator: INodeProperties = {
	displayName: 'Folder',
	name: 'folder',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'X3 folder (endpoint) to work in, among those the credential was paired with',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchFolders', searchable: true },
		},
		{
			displayName: 'By Name',
			name: 'name',
			type: 'string',
			placeholder: 'e.g. SEED',
		},
	],
};

export function folderNameOf(this: IExecuteFunctions, itemIndex: number): string {
	return String(readCachedParameter(this, 'folder', itemIndex, '', { extractValue: true }) ?? '').trim();
}
