import type { INodeProperties } from 'n8n-workflow';

import { recordLocatorProperty } from '../../../shared/graphql/record-search';

import { DEFAULT_CUSTOMER_FIELD_COUNT } from '../../helpers/customer';
import type { CustomerWriteKind } from '../../helpers/customer';

export const customerCodeProperty: INodeProperties = {
	displayName: 'Customer Code',
	name: 'code',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'AE003',
	description: 'Code of the customer (its _id on the V12 schema)',
};

/** The company name a new customer needs (Create, and Create or Update). */
export const companyNameProperty: INodeProperties = {
	displayName: 'Company Name',
	name: 'companyName',
	type: 'string',
	required: true,
	default: '',
};

/** The customer a Get, Update or Delete targets: picked from the folder's customers, or given by code. */
export const customerRecordProperty: INodeProperties = recordLocatorProperty({
	displayName: 'Customer',
	name: 'code',
	searchListMethod: 'searchCustomers',
	keyMode: { name: 'code', displayName: 'By Code', placeholder: 'AE003' },
	description: "The customer: pick it from the folder's customers (searched by code and company name) or give its code, its _id on the V12 schema, e.g. AE003",
});

export const customerFieldsProperty: INodeProperties = {
	displayName: 'Field Names or IDs',
	name: 'fields',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getCustomerFields', loadOptionsDependsOn: ['folder.value'] },
	default: [],
	description: `Fields to return, from the folder's customer type, e.g. code and companyName (from an expression: "code, companyName"). Leave empty for the key, code, company name and other fields up to ${DEFAULT_CUSTOMER_FIELD_COUNT}; choose (All Fields) for every field. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
};

/** Display name of the field list, also used in messages about it. */
export const valuesParameterName = (kind: CustomerWriteKind) => (kind === 'create' ? 'Additional Fields' : 'Update Fields');

/**
 * How create and update get their values: field by field, the names loaded from the folder's
 * input type (`CustomerInput`, `CustomerUpdateInput` or whatever the folder calls it), or as JSON.
 */
export const customerValuesProperties = (kind: CustomerWriteKind): INodeProperties[] => [
	{
		displayName: 'Set Fields',
		name: 'fieldsMode',
		type: 'options',
		options: [
			{ name: 'Field by Field', value: 'fields', description: 'Pick fields of the folder schema and give each a value' },
			{ name: 'Using JSON', value: 'json', description: 'Give the fields as one JSON object' },
		],
		default: 'fields',
	},
	{
		displayName: valuesParameterName(kind),
		name: 'fieldValues',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { fieldsMode: ['fields'] } },
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCustomerInputFields', loadOptionsDependsOn: ['folder.value'] },
						default: '',
						description:
							'Input field of the folder schema. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Converted to the field type: true/false for a Boolean, a number for Int and Float, JSON for a list or an object',
					},
				],
			},
		],
	},
	{
		displayName: 'Data (JSON)',
		name: 'data',
		type: 'json',
		default: '{}',
		description: 'Field values as a JSON object, checked against the input type of the folder schema',
		displayOptions: { show: { fieldsMode: ['json'] } },
	},
	{
		// Values of workflows saved before the fields were read from the schema; still sent, still checked.
		displayName: 'Earlier Values',
		name: kind === 'create' ? 'additionalFields' : 'updateFields',
		type: 'hidden',
		default: {},
	},
];
