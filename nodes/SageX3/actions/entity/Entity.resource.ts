import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteEntity from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { create, deleteEntity as delete, get, getAll, update, upsert };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a record of any entity', action: 'Create a record' },
			{ name: 'Create or Update', value: 'upsert', description: 'Create a new record, or update the current one if it already exists (upsert)', action: 'Create or update a record' },
			{ name: 'Delete', value: 'delete', description: 'Delete a record of any entity', action: 'Delete a record' },
			{ name: 'Get', value: 'get', description: 'Get records by key, many items per request', action: 'Get a record' },
			{ name: 'Get Many', value: 'getAll', description: 'List records with a filter and sort order', action: 'Get many records' },
			{ name: 'Update', value: 'update', description: 'Update a record of any entity', action: 'Update a record' },
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...create.description,
	...update.description,
	...deleteEntity.description,
	...upsert.description,
];
