import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { processItems, requireNonEmptyString } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { writeEntityRecord } from '../entity/write';
import { resolveCustomer } from './common';
import { customerCodeProperty } from './fields';

const properties: INodeProperties[] = [folderLocator, customerCodeProperty];

const displayOptions = { show: { resource: ['customer'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => ({
			code: requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ code, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			const deleted = await writeEntityRecord.call(this, session, { folderUrl, entity, kind: 'delete', key: code, data: {}, selection: '', itemIndex });
			return { code, deleted: deleted !== false };
		},
	);
}
