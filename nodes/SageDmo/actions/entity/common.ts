import type { INodeProperties } from 'n8n-workflow';

import { fieldPickerProperty } from '../../../shared/fields';
import { recordLocatorProperty } from '../../../shared/graphql/record-search';

/**
 * The field a new record is found again by, unless the user names another: `id`, the natural key
 * of xtrem's master data (customers, suppliers, items) that `#` record IDs such as #FR0006 refer to.
 */
export const DEFAULT_KEY_FIELD = 'id';

/** Largest page Get Many asks for: Sage documents the default (20) but no maximum, so a page is bounded here. */
export const MAX_PAGE_SIZE = 1000;

/** The Operation of a record resource (Customer, Entity): the same operations, in the alphabetical order n8n's linter wants. */
export function recordOperationProperty(resource: string, noun: string, plural: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: [
			{ name: 'Async Mutation', value: 'asyncMutation', description: `Start a long-running ${noun} operation and optionally wait for it`, action: `Run an async ${noun} mutation` },
			{ name: 'Bulk Update', value: 'bulkUpdate', description: `Update every ${noun} a filter matches`, action: `Bulk update ${plural}` },
			{ name: 'Create', value: 'create', description: `Create a ${noun}`, action: `Create a ${noun}` },
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: `Create or update a ${noun}`,
			},
			{ name: 'Delete', value: 'delete', description: `Delete a ${noun}`, action: `Delete a ${noun}` },
			{ name: 'Get', value: 'get', description: `Get a ${noun} by _id or natural key`, action: `Get a ${noun}` },
			{ name: 'Get Many', value: 'getMany', description: `Get many ${plural}`, action: `Get many ${plural}` },
			{ name: 'Update', value: 'update', description: `Update a ${noun}`, action: `Update a ${noun}` },
		],
		default: 'get',
	};
}

export const fieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: '',
	placeholder: '_id name currency { _id }',
	description: 'GraphQL selection of the fields to return; empty returns every field and the key of each reference',
};

/** Fields of Get and Get Many, picked from the entity's schema. */
export const fieldPicker: INodeProperties = fieldPickerProperty({
	loadOptionsMethod: 'getSelectFields',
	dependsOn: ['app', 'entity'],
	description:
		'Fields to return, from the entity\'s schema, e.g. _id, id and name (from an expression: "_id, id, name"); a reference such as currency comes back with its _id and id. Leave empty, or choose (All Fields), for every field and the key of each reference; Options → Fields (Selection) adds sub-fields and collections.',
});

/** Get and Get Many's GraphQL selection (parameter options.fields, as earlier workflows saved it), added to the picked fields. */
export const selectionOption: INodeProperties = {
	...fieldsOption,
	displayName: 'Fields (Selection)',
	description:
		'GraphQL selection of fields to return, for what the Fields list cannot pick (sub-fields, collections), e.g. _id name currency { _id name }; added to the picked fields; empty with no field picked returns every field and the key of each reference',
};

/** Options of Get, Create and Update: the fields to return. */
export const fieldsOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [fieldsOption],
};

/** The record a Get, Update or Delete targets: picked from the entity's records, or its _id / #natural key. */
export const recordIdProperty = (description: string): INodeProperties =>
	recordLocatorProperty({
		displayName: 'Record',
		name: 'recordId',
		searchListMethod: 'searchRecords',
		keyMode: { name: 'id', displayName: 'By ID or Key', placeholder: '#FR0006' },
		description: `${description}; From List searches the records by natural key and name`,
	});
