import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { SageConnection } from '../../../shared/transport';
import { readMappedParameter } from '../../../shared/utils';
import type { Sage200Operation, Sage200Resource } from '../../helpers/resources';

/** What every operation gets: the item, the resource's table entry and a connection bound to the item's company. */
export interface OperationContext {
	itemIndex: number;
	resource: Sage200Resource;
	connection: SageConnection;
	baseUrl: string;
}

export type OperationExecute = (this: IExecuteFunctions, context: OperationContext) => Promise<IDataObject[]>;

export const showFor = (operation: Sage200Operation, resources: string[]) => ({
	show: { resource: resources, operation: [operation] },
});

/** The "ID" parameter of an operation that targets one record, read by readRecordId. */
export const recordIdProperty = (operation: Sage200Operation, resources: string[], description: string): INodeProperties => ({
	displayName: 'ID',
	name: 'recordId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '27828',
	description,
	displayOptions: showFor(operation, resources),
});

/** A record ID from the node's "ID" parameter: Sage 200 IDs are 64-bit whole numbers. */
export function readRecordId(this: IExecuteFunctions, itemIndex: number, parameterName = 'recordId', label = 'ID'): string {
	const raw = readMappedParameter(this, parameterName, itemIndex, '');
	const value = raw === undefined || raw === null ? '' : String(raw).trim();
	if (!/^\d+$/.test(value) || value === '0') {
		throw new NodeOperationError(this.getNode(), `"${label}" must be a Sage 200 record ID (a whole number above 0), got ${JSON.stringify(raw)}`, {
			itemIndex,
		});
	}
	return value;
}

/** The action named in error messages, e.g. "Getting customer 27828". */
export const describeAction = (verb: string, resource: Sage200Resource, id?: string) =>
	`${verb} ${resource.displayName.toLowerCase()}${id ? ` ${id}` : ''}`;
