import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchEntityRecords } from '../../shared/graphql/record-search';
import { createX3Connection } from '../helpers/connection';
import { requireCustomerEntity } from '../helpers/customer';
import { folderSchema, listFolders } from '../helpers/folders';

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

/** The folder's customers for the Record picker: the key (code, or _id on V12) as the value, shown with the company name. */
export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { x3, url, entities } = await folderSchema.call(this);
	const entity = requireCustomerEntity(this.getNode(), entities);
	return await searchEntityRecords.call(this, x3.connection, url, entity, { key: entity.keyField, shownWith: [entity.keyField, 'code'], filter, paginationToken, action: 'Listing Sage X3 customers' });
}

/** Records of the chosen entity for the Record picker: its key field as the value. */
export async function searchRecords(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const { x3, url, entities } = await folderSchema.call(this);
	const entity = entities.find((candidate) => candidate.key === String(this.getCurrentNodeParameter('entity') ?? ''));
	if (!entity) return { results: [] };
	return await searchEntityRecords.call(this, x3.connection, url, entity, { key: entity.keyField, shownWith: [entity.keyField, 'code', 'id'], filter, paginationToken, action: `Listing ${entity.name} records` });
}
