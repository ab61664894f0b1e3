import type { INodeProperties } from 'n8n-workflow';

import { simplifyProperty } from '../shared/descriptions';
import { EVENT_PROPERTY, pollOptionsProperty } from '../shared/trigger';
import { companyProperty, siteProperty } from '../Sage200/actions/companySite.description';
import { SAGE200_RESOURCES } from '../Sage200/actions/resources';

/** The table's resources whose records carry a change stamp (from Sage 200's OpenAPI). */
export const TRIGGER_RESOURCES = SAGE200_RESOURCES.filter((entry) => entry.tracksUpdates);

const withoutCreationStamp = TRIGGER_RESOURCES.filter((entry) => !entry.tracksCreation).map((entry) => entry.displayName);

export const properties: INodeProperties[] = [
	siteProperty,
	companyProperty,
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: TRIGGER_RESOURCES.map((entry) => ({ name: entry.displayName, value: entry.value })).sort((a, b) => a.name.localeCompare(b.name)),
		default: 'customer',
		description: 'The records to watch',
	},
	{
		...EVENT_PROPERTY,
		options: [
			{
				name: 'Record Created',
				value: 'recordCreated',
				description: `A new record (by date_time_created)${withoutCreationStamp.length ? `; not for ${withoutCreationStamp.join(', ')}, which have no creation stamp` : ''}`,
			},
			{ name: 'Record Updated', value: 'recordUpdated', description: 'A new record or a change to one (by date_time_updated, which Sage 200 also sets on creation)' },
		],
	},
	// Get Many's Simplify: the items have the shape Get Many gives the same records.
	simplifyProperty(),
	pollOptionsProperty([
		{
			displayName: 'Expand',
			name: 'expand',
			type: 'string',
			default: '',
			placeholder: 'contacts',
			description: 'Comma-separated related records to include ($expand), as in Get Many',
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'string',
			default: '',
			placeholder: 'id,name,reference',
			description: 'Comma-separated fields to return ($select), as Get Many\'s Select; the ID and the timestamp field are always included. Empty: every field.',
		},
		{
			displayName: 'Filter (OData)',
			name: 'filter',
			type: 'string',
			default: '',
			placeholder: "balance gt 0 and startswith(name, 'A')",
			description: 'Only records that match this OData $filter expression, as in Get Many',
		},
	]),
];
