import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { EntityDescriptor } from '../../shared/graphql/entities';
import { readByFieldBatch } from '../../shared/records/graphql-keys';
import { findByKey } from '../../shared/records/read-by-key';
import { upsertItems, type UpsertItem, type UpsertSettings } from '../../shared/records/upsert';
import { outcomeFields, runPlannedWrite, type PlannedWrite } from '../../shared/records/write-outcome';
import { inItemOrder } from '../../shared/utils';
import { MAX_PAGE_SIZE, prepareAndResolve, readBatch } from '../helpers/records';
import type { X3Session } from '../helpers/session';

/** An item of an X3 Create or Update, once its folder and entity are known. */
export interface X3UpsertItem extends UpsertItem {
	folderUrl: string;
	entity: EntityDescriptor;
	/** The field the key is a value of: the entity's key field, or another field the user picked. */
	keyField: string;
}

/**
 * Create or Update on X3: items checked (`prepare`, no I/O), each item's folder and entity
 * resolved (`resolve`), then the shared upsert: duplicate keys refused or merged, every key
 * looked up in requests of 100 (aliased `read` calls or an `$in`/`_in` filter on the key field),
 * then each record created or updated by `plan`, the outcome checked by key after a dropped connection.
 */
export async function upsertX3Records<P, T extends X3UpsertItem>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	session: X3Session,
	settings: UpsertSettings,
	prepare: (itemIndex: number) => P,
	resolve: (value: P, itemIndex: number) => Promise<T>,
	plan: (item: T, existing: IDataObject | undefined) => Promise<Omit<PlannedWrite, 'output'> & { json: (result: IDataObject) => IDataObject }>,
	merge?: (items: T[]) => T,
): Promise<INodeExecutionData[]> {
	const { resolved, failed: output } = await prepareAndResolve(context, items.length, prepare, resolve);
	if (resolved.length === 0) return inItemOrder(output);
	const { connection } = await session.connection();
	const upserted = await upsertItems(context, resolved, {
		settings,
		merge,
		lookup: async (writes) =>
			await findByKey(
				context,
				writes.map((write) => ({ ...write, selection: write.entity.keyField })),
				{
					groupOf: (write) => `${write.folderUrl}\n${write.entity.key}\n${write.keyField}`,
					readBatch: async (first, keys) =>
						first.keyField === first.entity.keyField
							? await readBatch.call(context, connection, first, keys)
							: await readByFieldBatch.call(context, connection, { url: first.folderUrl, entity: first.entity, field: first.keyField, selection: first.entity.keyField, maxPageSize: MAX_PAGE_SIZE }, keys),
				},
			),
		write: async (item, existing) => {
			const planned = await plan(item, existing);
			return await runPlannedWrite({ ...planned, output: (result) => ({ ...planned.json((result.answer ?? result.record ?? {}) as IDataObject), ...outcomeFields(result) }) });
		},
	});
	return inItemOrder([...output, ...upserted]);
}
