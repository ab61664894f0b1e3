import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/operation';
import type { Sage200Session } from '../../helpers/session';
import { OPERATION_LABELS, SAGE200_RESOURCES, type Sage200Operation } from '../resources';
import { processRecordItems } from './common';
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

export const operations: Record<Sage200Operation, Operation<Sage200Session>> = {
	create,
	delete: del,
	get,
	getAll,
	update,
};

/** An operation no resource offers (a workflow edited by hand): every item fails as the resource check words it. */
export const unavailable = (operation: string): Operation<Sage200Session> => ({
	description: [],
	async execute(items, session) {
		return await processRecordItems.call(this, items, session, operation, async () => []);
	},
});
