import type { INodeProperties } from 'n8n-workflow';

import { EVENT_PROPERTY, pollOptionsProperty } from '../shared/trigger';
import { folderLocator } from '../SageX3/actions/common.descriptions';

export type X3TriggerResource = 'customer' | 'entity' | 'salesOrder';

export const TRIGGER_RESOURCES: X3TriggerResource[] = ['customer', 'entity', 'salesOrder'];

/** The Sage X3 Trigger's parameters: what to watch (folder, resource, timestamp field) and the poll options. */
export const triggerProperties: INodeProperties[] = [
	EVENT_PROPERTY,
	folderLocator,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Customer', value: 'customer', description: "The folder's customer entity" },
			{ name: 'Entity', value: 'entity', description: 'Any entity of the folder schema with a date and time field' },
			{ name: 'Sales Order', value: 'salesOrder', description: "The folder's sales order entity" },
		],
		default: 'customer',
	},
	{
		displayName: 'Entity Name or ID',
		name: 'entity',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEntities', loadOptionsDependsOn: ['folder.value'] },
		required: true,
		default: '',
		displayOptions: { show: { resource: ['entity'] } },
		description:
			'Entity of the folder schema that has a date and time field, found by introspection; its ID is its path, such as x3Sales.salesOrder. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Timestamp Field Name or ID',
		name: 'timestampField',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTimestampFields', loadOptionsDependsOn: ['folder.value', 'resource', 'entity', 'event'] },
		default: '',
		description:
			'Field that holds when a record was created (Record Created) or last changed (Record Updated); leave empty for the field X3 usually names so (updDatTim, _updateStamp, updatedAt, ... or creDatTim, _createStamp, createdAt, ...). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	pollOptionsProperty([
		{
			displayName: 'Field Names or IDs',
			name: 'fields',
			type: 'multiOptions',
			typeOptions: { loadOptionsMethod: 'getRecordFields', loadOptionsDependsOn: ['folder.value', 'resource', 'entity'] },
			default: [],
			description:
				'Fields of each record, as Get Many returns them; leave empty for the fields Get Many returns by default. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Filter',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: "{country: {$eq: 'FR'}}",
			description: "Only records matching this filter, in the folder schema's dialect: $eq, $ne, $gt, $lt, $in, $regex on the older schema; _eq, _in, _regex on V12",
		},
	]),
];
