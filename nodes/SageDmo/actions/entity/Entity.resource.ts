import type { INodeProperties } from 'n8n-workflow';

import { recordOperationOptions } from '../record/operations';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['entity'] } },
		options: recordOperationOptions('record', 'records'),
		default: 'get',
	},
	{
		displayName: 'Entity Name or ID',
		name: 'entity',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEntities', loadOptionsDependsOn: ['app'] },
		required: true,
		default: '',
		description:
			'Entity of the app, found by introspection, such as xtremMasterData.supplier. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { resource: ['entity'] } },
	},
];
