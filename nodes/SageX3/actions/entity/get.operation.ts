import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readMappedParameter, requireNonEmptyString, runNodeCopy } from '../../../shared/utils';
import { lookupEach } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { entityFieldsProperty, entityKeyProperty, entityNameOf, entityProperties, entitySelection, resolveEntity } from './common';

const properties: INodeProperties[] = [...entityProperties, entityKeyProperty, entityFieldsProperty];

const displayOptions = { show: { resource: ['entity'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Keys of all items are read in shared requests of up to 100 (aliased `read` calls, or `$in`/`_in`). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await lookupEach(
		this,
		session,
		items.length,
		(itemIndex) => ({
			name: entityNameOf(this, itemIndex),
			key: requireNonEmptyString(runNodeCopy(this), readMappedParameter(this, 'key', itemIndex, ''), 'Key', itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ name, key, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveEntity.call(this, session, folderUrl, name, itemIndex);
			return { itemIndex, key, folderUrl, entity, selection: entitySelection.call(this, entity, itemIndex) };
		},
	);
}
