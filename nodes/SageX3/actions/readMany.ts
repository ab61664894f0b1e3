import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { EntityDescriptor } from '../../shared/graphql/entities';
import { requirePositiveInteger } from '../../shared/utils';
import { requireFilter, requireOrderBy } from '../helpers/filter';
import { forEachItem, listRecords, toItems } from '../helpers/records';
import type { X3Session } from '../helpers/session';
import { folderNameOf } from './common.descriptions';

/**
 * Get Many for any entity: parameters are checked (`check`) before any request, then the
 * entity and selection are resolved (`target`) and the connection is paged.
 */
export async function readMany(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: X3Session,
	check: (itemIndex: number) => unknown,
	target: (itemIndex: number, folderUrl: string) => Promise<{ entity: EntityDescriptor; selection: string }>,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await forEachItem.call(this, items, async (itemIndex) => {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll ? undefined : requirePositiveInteger(node, this.getNodeParameter('limit', itemIndex, 50), 'Limit', itemIndex);
		const filter = requireFilter(node, this.getNodeParameter('filter', itemIndex, ''), 'Filter', itemIndex);
		const orderBy = requireOrderBy(node, this.getNodeParameter('orderBy', itemIndex, ''), 'Order By', itemIndex);
		check(itemIndex);
		const folderUrl = await session.folderUrl(folderNameOf.call(this, itemIndex), 'dataService', itemIndex);
		const { entity, selection } = await target(itemIndex, folderUrl);
		const records = await listRecords.call(this, session, { folderUrl, entity, selection, filter, orderBy, limit, itemIndex });
		return toItems(records, itemIndex);
	});
}
