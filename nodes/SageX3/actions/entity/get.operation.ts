import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { simplifyProperty } from '../../../shared/descriptions';
import type { X3Session } from '../../helpers/session';
import { getRecordsByKey } from '../getByKey';
import { entityFieldsProperty, entityKeyProperty, entityNameOf, entityProperties, entitySelection, resolveEntity } from './common';

const properties: INodeProperties[] = [...entityProperties, entityKeyProperty, entityFieldsProperty, simplifyProperty()];

const displayOptions = { show: { resource: ['entity'], operation: ['get'] } };

export const description = updateDisplayOptions(displayOptions, properties);

/** Keys of all items are read in shared requests of up to 100 (aliased `read` calls, or `$in`/`_in`). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const key = { parameter: 'key', displayName: 'Key' };
	return await getRecordsByKey.call(this, items, session, key, (itemIndex) => entityNameOf(this, itemIndex), async (itemIndex, folderUrl) => {
		const entity = await resolveEntity.call(this, session, folderUrl, entityNameOf(this, itemIndex), itemIndex);
		return { entity, selection: entitySelection.call(this, entity, itemIndex) };
	});
}
