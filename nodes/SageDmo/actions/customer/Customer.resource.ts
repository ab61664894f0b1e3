import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { appProperty } from '../common.descriptions';
import { recordOperationProperty } from '../entity/common';
import * as asyncMutation from './asyncMutation.operation';
import * as bulkUpdate from './bulkUpdate.operation';
import * as create from './create.operation';
import * as deleteCustomer from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** The Entity resource with its entity preset to xtremMasterData.customer: the same operations, no Entity picker. */
export { asyncMutation, bulkUpdate, create, deleteCustomer as delete, get, getMany, update, upsert };

export const description: INodeProperties[] = [
	recordOperationProperty('customer', 'customer', 'customers'),
	...updateDisplayOptions({ show: { resource: ['customer'] } }, [appProperty]),
	...[asyncMutation, bulkUpdate, create, deleteCustomer, get, getMany, update, upsert].flatMap((operation) => operation.description),
];
