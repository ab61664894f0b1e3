import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { processItems } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';

export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await processItems(
		this,
		items.length,
		() => undefined,
		async () => (await session.listFolders()).map((folder) => ({ name: folder.name, ...folder.urls })),
	);
}
