import type { IDataObject } from 'n8n-workflow';

import { executeGraphql } from '../../shared/graphql';
import { asNodeError } from '../../shared/utils';
import { describeEntities, ENTITY_INTROSPECTION_QUERY, type EntityDescriptor, type IntrospectionData } from '../../shared/graphql/entities';
import { createX3Connection, type X3Connection, type X3Context } from './connection';
import { listFolders, requireFolderUrl, type FolderUrlKind, type X3Folder } from './folders';

/**
 * What one execution shares between its items: the connection, the folder list and each
 * folder's schema, so every item reuses one token and one introspection per folder.
 */
export class X3Session {
	private x3?: Promise<X3Connection>;

	private folders?: Promise<X3Folder[]>;

	private readonly schemas = new Map<string, Promise<EntityDescriptor[]>>();

	readonly deliveryListings = new Map<string, Promise<IDataObject[]>>();

	constructor(readonly context: X3Context) {}

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
			throw asNodeError(this.context.getNode(), error);
		}
	}

	async folderUrl(name: string, kind: FolderUrlKind, itemIndex: number): Promise<string> {
		// An empty name is knowably wrong: refuse it without asking X3 for the folder list.
		if (!name.trim()) return requireFolderUrl(this.context, [], name, kind, itemIndex);
		return requireFolderUrl(this.context, await this.listFolders(), name, kind, itemIndex);
	}

	async entities(folderUrl: string, itemIndex?: number): Promise<EntityDescriptor[]> {
		let entities = this.schemas.get(folderUrl);
		if (!entities) {
			entities = this.connection().then(async (x3) => {
				const result = await executeGraphql.call(this.context, x3.connection, {
					url: folderUrl,
					query: ENTITY_INTROSPECTION_QUERY,
					isMutation: false,
					action: 'Reading the Sage X3 folder schema',
					itemIndex,
				});
				return describeEntities(result.data as unknown as IntrospectionData);
			});
			this.schemas.set(folderUrl, entities);
			entities.catch(() => this.schemas.delete(folderUrl));
		}
		return await entities;
	}
}

