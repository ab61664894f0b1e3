import type { INodeProperties } from 'n8n-workflow';

import { simplifyProperty } from '../shared/descriptions';
import { EVENT_PROPERTY, pollOptionsProperty } from '../shared/trigger';
import { appProperty } from '../SageDmo/actions/common.descriptions';
import { fieldsOption } from '../SageDmo/actions/entity/common';
import { TRIGGER_RESOURCES } from './helpers/target';

const entityProperty: INodeProperties = {
	displayName: 'Entity Name or ID',
	name: 'entity',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTriggerEntities', loadOptionsDependsOn: ['app'] },
	required: true,
	default: '',
	displayOptions: { show: { resource: ['entity'] } },
	description:
		'Entity of the app with a creation or update timestamp, found by introspection, such as xtremMasterData.supplier. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/** The timestamp field, one property per event so each has its own default (xtrem's system stamps). */
const timestampFieldProperty = (event: 'recordCreated' | 'recordUpdated', fallback: string, what: string): INodeProperties => ({
	displayName: 'Timestamp Field Name or ID',
	name: 'timestampField',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getTimestampFields', loadOptionsDependsOn: ['resource', 'app', 'entity'] },
	default: fallback,
	displayOptions: { show: { event: [event] } },
	description: `Date and time field Sage sets when ${what}; ${fallback} where the entity has it. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
});

const productOptions: INodeProperties[] = [
	{
		...fieldsOption,
		description: 'GraphQL selection of the fields to return, as in Get Many; empty returns every field and the key of each reference',
	},
	{
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder: "{name: {_regex: 'Atlas'}, isActive: true}",
		description: 'Sage filter, as in Get Many: only matching records start the workflow (a JSON-like object with operators such as _eq, _ne, _gt, _in and _regex)',
	},
];

/** The Sage DMO Trigger's parameters: what to watch (app, resource, timestamp field), Simplify and the poll options. */
export const triggerProperties: INodeProperties[] = [
	EVENT_PROPERTY,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		// Each a TRIGGER_RESOURCES preset (found in the schema by name), or any entity picked.
		options: [
			{ name: 'Customer', value: 'customer', description: TRIGGER_RESOURCES.customer.description },
			{ name: 'Entity', value: 'entity', description: 'Any entity of the app with a creation or update timestamp' },
			{ name: 'Item', value: 'item', description: TRIGGER_RESOURCES.item.description },
			{ name: 'Sales Order', value: 'salesOrder', description: TRIGGER_RESOURCES.salesOrder.description },
			{ name: 'Work Order', value: 'workOrder', description: TRIGGER_RESOURCES.workOrder.description },
		],
		default: 'customer',
	},
	appProperty,
	entityProperty,
	timestampFieldProperty('recordUpdated', '_updateStamp', 'it creates or changes a record'),
	timestampFieldProperty('recordCreated', '_createStamp', 'it creates a record'),
	// Get Many's Simplify: the items have its shape.
	simplifyProperty(),
	pollOptionsProperty(productOptions),
];
