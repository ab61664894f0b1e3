import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { EntityDescriptor } from '../../shared/graphql/entities';
import { readReturnAllOrLimit, readSimplify } from '../../shared/descriptions';
import { andSageFilters, compileSageFilter, compileSageOrderBy, filterFieldsOfEntity, readConditions, readSort, refuseBothOrders, requireConditions, requireSort } from '../../shared/filters';
import { simplifyItemRecord } from '../../shared/graphql/simplify';
import { readRecordFile, writeRecordFile } from '../../shared/output/record-file';
import { processItems } from '../../shared/utils';
import { requireFilter, requireOrderBy } from '../helpers/filter';
import { listRecords } from '../helpers/records';
import type { X3Session } from '../helpers/session';
import { folderNameOf } from './common.descriptions';

/**
 * Get Many for any entity: parameters are checked (`check`) before any request, then the
 * entity and selection are resolved (`target`), the Conditions are checked against the entity's
 * field types and joined with Filter (Advanced), and the connection is paged.
 */
export async function getManyRecords(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: X3Session,
	check: (itemIndex: number) => unknown,
	target: (itemIndex: number, folderUrl: string) => Promise<{ entity: EntityDescriptor; selection: string }>,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => {
			const limit = readReturnAllOrLimit(node, this.getNodeParameter.bind(this), itemIndex);
			const rawFilter = requireFilter(node, this.getNodeParameter('filter', itemIndex, ''), 'Filter (Advanced)', itemIndex);
			const conditions = readConditions(node, this.getNodeParameter.bind(this), itemIndex);
			const rawOrderBy = this.getNodeParameter('orderBy', itemIndex, '');
			const sort = readSort(node, this.getNodeParameter.bind(this), itemIndex);
			refuseBothOrders(node, sort, rawOrderBy, 'Order By', itemIndex);
			const orderBy = requireOrderBy(node, rawOrderBy, 'Order By', itemIndex);
			const simplify = readSimplify(node, this.getNodeParameter.bind(this), itemIndex);
			const file = readRecordFile(node, this.getNodeParameter.bind(this), itemIndex);
			check(itemIndex);
			return { limit, filter: rawFilter, conditions, sort, orderBy, simplify, file, folderName: folderNameOf.call(this, itemIndex) };
		},
		async ({ limit, filter: rawFilter, conditions, sort, orderBy: rawOrder, simplify, file, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const { entity, selection } = await target(itemIndex, folderUrl);
			const prefix = entity.filterDialect === 'xtrem' ? '_' : '$';
			const fields = filterFieldsOfEntity(entity);
			const checked = requireConditions(node, conditions, fields, this.getTimezone(), itemIndex);
			const orderBy = compileSageOrderBy(requireSort(node, sort, fields, itemIndex)) ?? rawOrder;
			const filter = andSageFilters([compileSageFilter(checked, conditions.combine, prefix), rawFilter], prefix);
			const list = { folderUrl, entity, selection, filter, orderBy, limit, itemIndex };
			const finish = (records: IDataObject[]) => (simplify ? records.map((record) => simplifyItemRecord(node, record, itemIndex)) : records);
			if (file) {
				return await writeRecordFile(this, file, itemIndex, entity.name, async (onPage) => {
					await listRecords.call(this, session, { ...list, onPage: async (records) => await onPage(finish(records)) });
				});
			}
			return finish(await listRecords.call(this, session, list));
		},
	);
}
