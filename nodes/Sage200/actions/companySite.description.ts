import type { INodeProperties } from 'n8n-workflow';

import { listLocatorProperty } from '../../shared/descriptions';

/** The Sage 200 site a node works on (X-Site), picked from GET sites or entered as its GUID. */
export const siteProperty: INodeProperties = listLocatorProperty({
	displayName: 'Site',
	name: 'site',
	description: 'The Sage 200 site (sent as X-Site)',
	searchListMethod: 'searchSites',
	typedMode: {
		name: 'id',
		displayName: 'ID',
		placeholder: '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01',
		pattern: { regex: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', errorMessage: 'A site ID is a GUID' },
	},
});

/** The Sage 200 company a node works on (X-Company), picked from GET sites or entered as its number. */
export const companyProperty: INodeProperties = listLocatorProperty({
	displayName: 'Company',
	name: 'company',
	description: 'The Sage 200 company (sent as X-Company)',
	searchListMethod: 'searchCompanies',
	typedMode: { name: 'id', displayName: 'ID', placeholder: '1', pattern: { regex: '^[0-9]+$', errorMessage: 'A company ID is a whole number' } },
});
