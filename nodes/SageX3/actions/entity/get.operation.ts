import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { asNodeError, requireNonEmptyString } from '../../../shared/utils';
import { emitLookups, type KeyLookup } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { entityFieldsProperty, entityKeyProperty, entityNameOf, entityProperties, entitySelection, resolveEntity } from './common';

export const description: INodeProperties[] = [...entityProperties(['get']), entityKeyProperty(['get']), entityFieldsProperty(['get'])];

/** Keys of all items are read in shared requests of up to 50 (aliased `read` calls, or `$in`/`_in`). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const lookups: KeyLookup[] = [];
	const failed = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const name = entityNameOf(this, itemIndex);
			const key = requireNonEmptyString(this.getNode(), this.getNodeParameter('key', itemIndex, ''), 'Key', itemIndex);
			const folderUrl = await session.folderUrl(folderNameOf.call(this, itemIndex), 'dataService', itemIndex);
			const entity = await resolveEntity.call(this, session, folderUrl, name, itemIndex);
			lookups.push({ itemIndex, key, folderUrl, entity, selection: entitySelection.call(this, entity, itemIndex) });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			failed.set(itemIndex, error);
		}
	}
	return await emitLookups.call(this, items.length, lookups, failed, session);
}
