import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CUSTOMER_SELECTION } from '../../helpers/customer';

export const customerCodeProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Customer Code',
	name: 'code',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'AE003',
	description: 'Code of the customer',
	displayOptions: { show: { resource: ['customer'], operation: operations } },
});

export const customerFieldsProperty = (operations: string[]): INodeProperties => ({
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: DEFAULT_CUSTOMER_SELECTION,
	description: 'GraphQL selection of the customer fields to return, separated by spaces',
	displayOptions: { show: { resource: ['customer'], operation: operations } },
});

/** Customer fields X3 accepts on create and update, besides code and company name. */
export const customerValueOptions: INodeProperties[] = [
	{ displayName: 'Category', name: 'category', type: 'string', default: '', placeholder: 'NORM' },
	{ displayName: 'Company Name', name: 'companyName', type: 'string', default: '' },
	{ displayName: 'Country', name: 'country', type: 'string', default: '', placeholder: 'FR' },
	{ displayName: 'Currency', name: 'currency', type: 'string', default: '', placeholder: 'EUR' },
	{ displayName: 'Is Active', name: 'isActive', type: 'boolean', default: true },
	{
		displayName: 'Other Fields (JSON)',
		name: 'otherFields',
		type: 'json',
		default: '{}',
		description: 'Further input fields as a JSON object, merged into the data sent to X3',
	},
	{ displayName: 'Short Name', name: 'shortName', type: 'string', default: '' },
];
