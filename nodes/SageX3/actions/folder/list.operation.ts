import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { forEachItem } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, items, async (itemIndex) => {
		const folders = await session.listFolders();
		return folders.map((folder) => ({
			json: { name: folder.name, ...folder.urls },
			pairedItem: { item: itemIndex },
		}));
	});
}
