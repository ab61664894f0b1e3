import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runPlannedWrite, type PlannedWrite } from '../../shared/records/write-outcome';
import { processItems } from '../../shared/utils';
import type { FolderUrlKind } from '../helpers/folders';
import type { X3Session } from '../helpers/session';

/**
 * The one write path of the X3 operations (Customer and Entity create, update, delete; Data
 * Delivery delete): every item's parameters checked first (`prepare`, no I/O), then item after
 * item the folder is resolved, the operation plans its write, and the write is sent with its
 * outcome checked by key when the connection drops after it was sent.
 */
export async function writeX3Items<T extends { folderName: string }>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	session: X3Session,
	folderKind: FolderUrlKind,
	prepare: (itemIndex: number) => T,
	plan: (value: T, folderUrl: string, itemIndex: number) => Promise<PlannedWrite>,
): Promise<INodeExecutionData[]> {
	return await processItems(context, items.length, prepare, async (value, itemIndex) => {
		const folderUrl = await session.folderUrl(value.folderName, folderKind, itemIndex);
		return await runPlannedWrite(await plan(value, folderUrl, itemIndex));
	});
}
