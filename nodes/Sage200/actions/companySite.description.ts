import type { INodeProperties } from 'n8n-workflow';

/** The Sage 200 site a node works on (X-Site), picked from GET sites or entered as its GUID. */
export const siteProperty: INodeProperties = {
	displayName: 'Site',
	name: 'site',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The Sage 200 site (sent as X-Site)',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchSites', searchable: true } },
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', errorMessage: 'A site ID is a GUID' },
				},
			],
		},
	],
};

/** The Sage 200 company a node works on (X-Company), picked from GET sites or entered as its number. */
export const companyProperty: INodeProperties = {
	displayName: 'Company',
	name: 'company',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	description: 'The Sage 200 company (sent as X-Company)',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchCompanies', searchable: true } },
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: '1',
			validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'A company ID is a whole number' } }],
		},
	],
};
