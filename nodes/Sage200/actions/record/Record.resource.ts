import type { INodeProperties } from 'n8n-workflow';

import { OPERATION_LABELS, SAGE200_RESOURCES, type Sage200Operation } from '../../helpers/resources';
import type { OperationExecute } from './common';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

/** One Operation selector per resource, listing only what the table (and so the OpenAPI) offers. */
const operationSelectors: INodeProperties[] = SAGE200_RESOURCES.map((entry) => {
	const operations = [...entry.operations].sort((a, b) => OPERATION_LABELS[a].name.localeCompare(OPERATION_LABELS[b].name));
	const singular = entry.displayName.toLowerCase();
	const defaultOperation = operations.includes('get') ? 'get' : operations[0];
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [entry.value] } },
		options: operations.map((operation) => ({
			name: OPERATION_LABELS[operation].name,
			value: operation,
			description: OPERATION_LABELS[operation].description.replace('a record', `a ${singular}`).replace('many records', `many ${singular} records`),
			action: `${OPERATION_LABELS[operation].verb} ${operation === 'getAll' ? `many ${singular} records` : `a ${singular}`}`,
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
];

export const operations: Record<Sage200Operation, OperationExecute> = {
	create: create.execute,
	delete: del.execute,
	get: get.execute,
	getAll: getAll.execute,
	update: update.execute,
};
