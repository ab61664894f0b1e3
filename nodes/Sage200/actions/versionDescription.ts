import { NodeConnectionTypes, type INodeTypeDescription } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../helpers/connection';
import { SAGE200_RESOURCES } from '../helpers/resources';
import * as record from './record/Record.resource';

export const versionDescription: INodeTypeDescription = {
	displayName: 'Sage 200',
	name: 'sage200',
	group: ['transform'],
	version: 1,
	description: 'Read and write Sage 200 Professional and Standard Online records',
	defaults: { name: 'Sage 200' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: CREDENTIAL_TYPE, required: true }],
	properties: [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: SAGE200_RESOURCES.map((entry) => ({ name: entry.displayName, value: entry.value })).sort((a, b) => a.name.localeCompare(b.name)),
			default: 'customer',
		},
		{
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
		},
		{
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
		},
		...record.description,
	],
};
