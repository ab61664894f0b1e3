import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { schemaEntities, type EntityDescriptor } from '../../shared/graphql';
import { RunSession } from '../../shared/operation';
import { asNodeError } from '../../shared/utils';
import { createX3Connection, type X3Connection, type X3Context } from './connection';
import { listFolders, requireFolderUrl, type FolderUrlKind, type X3Folder } from './folders';

/**
 * What one execution shares between its items: the connection, the folder list, each folder's
 * schema and data delivery listing, so every item reuses one token and one introspection per folder.
 * A trigger's poll builds one too (context: IPollFunctions).
 */
export class X3Session<C extends X3Context = IExecuteFunctions> extends RunSession<C> {
	private x3?: Promise<X3Connection>;

	private folders?: Promise<X3Folder[]>;

	/** Each data delivery folder's file listing, by its URL (see findDeliveryFile). */
	readonly deliveryListings = new Map<string, Promise<IDataObject[]>>();

	async connection(): Promise<X3Connection> {
		this.x3 ??= createX3Connection.call(this.context);
		return await this.x3;
	}

	async listFolders(): Promise<X3Folder[]> {
		this.folders ??= this.connection().then(async (x3) => await listFolders.call(this.context, x3));
		try {
			return await this.folders;
		} catch (error) {
			// A failed listing is not cached: the next item may succeed.
			this.folders = undefined;
			throw asNodeError(this.node, error);
		}
	}

	async folderUrl(name: string, kind: FolderUrlKind, itemIndex: number): Promise<string> {
		// An empty name is knowably wrong: refuse it without asking X3 for the folder list.
		if (!name.trim()) return requireFolderUrl(this.context, [], name, kind, itemIndex);
		return requireFolderUrl(this.context, await this.listFolders(), name, kind, itemIndex);
	}

	/** The folder's entities, from the one introspection of its schema in this run. */
	async entities(folderUrl: string, itemIndex?: number): Promise<EntityDescriptor[]> {
		const { connection } = await this.connection();
		return await schemaEntities.call(this.context, {
			connection,
			key: folderUrl,
			url: () => folderUrl,
			action: 'Reading the Sage X3 folder schema',
			itemIndex,
		});
	}
}
