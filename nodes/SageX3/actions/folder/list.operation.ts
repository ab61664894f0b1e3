import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { processItems } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';

/** Folders come from the credential's pairing: nothing to choose. */
const properties: INodeProperties[] = [];

const displayOptions = { show: { resource: ['folder'], operation: ['list'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await processItems(
		this,
		items.length,
		() => undefined,
		async () => (await session.listFolders()).map((folder) => ({ name: folder.name, ...folder.urls })),
	);
}
