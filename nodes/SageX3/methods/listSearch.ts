import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { createX3Connection } from '../helpers/connection';
import { listFolders } from '../helpers/folders';

export async function searchFolders(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const x3 = await createX3Connection.call(this);
	const folders = await listFolders.call(this, x3);
	const wanted = filter?.trim().toLowerCase();
	return {
		results: folders
			.filter((folder) => !wanted || folder.name.toLowerCase().includes(wanted))
			.map((folder) => ({ name: folder.name, value: folder.name })),
	};
}
