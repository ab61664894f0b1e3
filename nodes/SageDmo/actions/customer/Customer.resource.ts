import type { INodeProperties } from 'n8n-workflow';

import { recordOperationOptions } from '../record/operations';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: recordOperationOptions('customer', 'customers'),
		default: 'get',
	},
];
