import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { appProperty } from '../common.descriptions';
import * as asyncMutation from './asyncMutation.operation';
import * as bulkUpdate from './bulkUpdate.operation';
import { recordOperationProperty } from './common';
import * as create from './create.operation';
import * as deleteRecord from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export { asyncMutation, bulkUpdate, create, deleteRecord as delete, get, getMany, update, upsert };

export const description: INodeProperties[] = [
	recordOperationProperty('entity', 'record', 'records'),
	...updateDisplayOptions({ show: { resource: ['entity'] } }, [
		appProperty,
		{
			displayName: 'Entity Name or ID',
			name: 'entity',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getEntities', loadOptionsDependsOn: ['app'] },
			required: true,
			default: '',
			description:
				'Entity of the app, found by introspection, such as xtremMasterData.supplier. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
	...[asyncMutation, bulkUpdate, create, deleteRecord, get, getMany, update, upsert].flatMap((operation) => operation.description),
];
