import { NodeOperationError, type IDataObject, type ILoadOptionsFunctions } from 'n8n-workflow';

import { schemaEntities, type EntityDescriptor } from '../../shared/graphql';
import { sageRequest, type SageResponse } from '../../shared/transport';
import { runNodeCopy } from '../../shared/utils';
import { createX3Connection, type X3Connection, type X3Context } from './connection';

export interface X3Folder {
	name: string;
	urls: Record<string, string>;
}

export async function listFolders(this: X3Context, x3: X3Connection): Promise<X3Folder[]> {
	const response = (await sageRequest.call(this, x3.connection, {
		method: 'GET',
		url: `${x3.apiRoot}/folders`,
		action: 'Listing Sage X3 folders',
	})) as SageResponse<IDataObject>;
	const folders = Array.isArray(response.body?.folders) ? (response.body.folders as IDataObject[]) : [];
	return folders
		.filter((folder) => typeof folder?.name === 'string')
		.map((folder) => ({
			name: folder.name as string,
			urls: Object.fromEntries(
				Object.entries((folder.$urls ?? {}) as IDataObject).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
			),
		}));
}

export type FolderUrlKind = 'dataService' | 'dataDelivery';

const SCOPE_FOR: Record<FolderUrlKind, string> = { dataService: 'api.graphQL', dataDelivery: 'api.dataDelivery' };

/** The folder's URL of one kind, or a NodeOperationError listing the folders the token can use. */
export function requireFolderUrl(context: X3Context, folders: X3Folder[], name: string, kind: FolderUrlKind, itemIndex: number): string {
	const node = runNodeCopy(context);
	if (!name.trim()) throw new NodeOperationError(node, 'The parameter "Folder" must not be empty', { itemIndex });
	const folder = folders.find((candidate) => candidate.name === name) ?? folders.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
	if (!folder) {
		throw new NodeOperationError(node, `Unknown folder "${name}" in the parameter "Folder"`, {
			itemIndex,
			description: folders.length
				? `Folders this credential was paired with: ${folders.map((candidate) => candidate.name).join(', ')}`
				: 'The credential was paired with no folder: pair it again and select at least one folder.',
		});
	}
	const url = folder.urls[kind];
	if (!url) {
		throw new NodeOperationError(node, `Folder "${folder.name}" has no ${kind} URL`, {
			itemIndex,
			description: `Add the ${SCOPE_FOR[kind]} scope to the credential and pair it again.`,
		});
	}
	return url;
}

/** The folder the node's Folder parameter names: its connection, GraphQL URL and entities (for pickers). */
export async function folderSchema(this: ILoadOptionsFunctions): Promise<{ x3: X3Connection; url: string; entities: EntityDescriptor[] }> {
	const folderName = String(this.getCurrentNodeParameter('folder', { extractValue: true }) ?? '').trim();
	if (!folderName) throw new NodeOperationError(this.getNode(), 'Choose a folder first');
	const x3 = await createX3Connection.call(this);
	const url = requireFolderUrl(this, await listFolders.call(this, x3), folderName, 'dataService', 0);
	return { x3, url, entities: await schemaEntities.call(this, { connection: x3.connection, key: url, url: () => url, action: 'Reading the Sage X3 folder schema' }) };
}

/** The entities of the folder the node's Folder parameter names (the Sage X3 Trigger's pickers too). */
export async function folderEntities(this: ILoadOptionsFunctions): Promise<EntityDescriptor[]> {
	return (await folderSchema.call(this)).entities;
}
