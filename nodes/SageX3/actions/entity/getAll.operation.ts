import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import type { X3Session } from '../../helpers/session';
import { getManyRecords } from '../getMany';
import { entityFieldsProperty, entityNameOf, entityProperties, entitySelection, resolveEntity } from './common';

const properties: INodeProperties[] = [
	...entityProperties,
	...returnAllOrLimit({}),
	{
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder: "{code: {_regex: '^AE1'}}",
		description: "Filter in the schema's dialect: $eq/$in/$regex on the older schema, _eq/_in/_regex on V12",
	},
	{
		displayName: 'Order By',
		name: 'orderBy',
		type: 'string',
		default: '',
		placeholder: '{code: 1}',
		description: 'Sort order: 1 ascending, -1 descending',
	},
	entityFieldsProperty,
	simplifyProperty(),
];

const displayOptions = { show: { resource: ['entity'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await getManyRecords.call(this, items, session, (itemIndex) => entityNameOf(this, itemIndex), async (itemIndex, folderUrl) => {
		const entity = await resolveEntity.call(this, session, folderUrl, entityNameOf(this, itemIndex), itemIndex);
		return { entity, selection: entitySelection.call(this, entity, itemIndex) };
	});
}
