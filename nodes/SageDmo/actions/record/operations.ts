import type { INodePropertyOptions } from 'n8n-workflow';

import * as asyncMutation from './asyncMutation.operation';
import * as bulkUpdate from './bulkUpdate.operation';
import * as create from './create.operation';
import * as deleteRecord from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';

export const recordOperations = { asyncMutation, bulkUpdate, create, delete: deleteRecord, get, getMany, update };

export type RecordOperationName = keyof typeof recordOperations;

/** The operations Customer and Entity share, in the alphabetical order n8n's linter wants. */
export function recordOperationOptions(noun: string, plural: string): INodePropertyOptions[] {
	return [
		{ name: 'Async Mutation', value: 'asyncMutation', description: `Start a long-running ${noun} operation and optionally wait for it`, action: `Run an async ${noun} mutation` },
		{ name: 'Bulk Update', value: 'bulkUpdate', description: `Update every ${noun} a filter matches`, action: `Bulk update ${plural}` },
		{ name: 'Create', value: 'create', description: `Create a ${noun}`, action: `Create a ${noun}` },
		{ name: 'Delete', value: 'delete', description: `Delete a ${noun}`, action: `Delete a ${noun}` },
		{ name: 'Get', value: 'get', description: `Get a ${noun} by _id or natural key`, action: `Get a ${noun}` },
		{ name: 'Get Many', value: 'getMany', description: `Get many ${plural}`, action: `Get many ${plural}` },
		{ name: 'Update', value: 'update', description: `Update a ${noun}`, action: `Update a ${noun}` },
	];
}

export const recordDescriptions = Object.values(recordOperations).flatMap((operation) => operation.description);
