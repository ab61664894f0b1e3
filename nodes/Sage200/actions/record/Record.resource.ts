import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { Sage200Session } from '../../helpers/session';
import { OPERATION_LABELS, SAGE200_RESOURCES, UPSERT_LABEL, offeredOperations, type Sage200NodeOperation } from '../resources';
import { processRecordItems } from './common';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

/** One Operation selector per resource, listing only what the table (and so the OpenAPI) offers. */
const operationSelectors: INodeProperties[] = SAGE200_RESOURCES.map((entry) => {
	const labelOf = (operation: Sage200NodeOperation) => (operation === 'upsert' ? UPSERT_LABEL : OPERATION_LABELS[operation]);
	const operations = offeredOperations(entry).sort((a, b) => labelOf(a).name.localeCompare(labelOf(b).name));
	const singular = entry.displayName.toLowerCase();
	const defaultOperation = operations.includes('get') ? 'get' : operations[0];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [entry.value] } },
		options: operations.map((operation) => ({
			name: labelOf(operation).name,
			value: operation,
			description: labelOf(operation).description.replace('a record', `a ${singular}`).replace('many records', `many ${singular} records`),
			action: `${labelOf(operation).verb} ${operation === 'getAll' ? `many ${singular} records` : `a ${singular}`}`,
		})),
		default: defaultOperation,
	};
});

export const description: INodeProperties[] = [
	...operationSelectors,
	...get.description,
	...getAll.description,
	...create.description,
	...update.description,
	...del.description,
	...upsert.description,
];

export const operations: Record<Sage200NodeOperation, Operation<Sage200Session>> = {
	create,
	delete: del,
	get,
	getAll,
	update,
	upsert,
};

/** An operation no resource offers (a workflow edited by hand): every item fails as the resource check words it. */
export const unavailable = (operation: string): Operation<Sage200Session> => ({
	description: [],
	async execute(items, session) {
		return await processRecordItems.call(this, items, session, operation, async () => []);
	},
});
