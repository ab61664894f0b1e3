import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { SageConnection } from '../../../shared/transport';
import { processItems, readMappedParameter } from '../../../shared/utils';
import type { Sage200Session } from '../../helpers/session';
import { findResource, offeredOperations, type Sage200NodeOperation, type Sage200Resource } from '../resources';

/** What an operation does with one item: the resource's table entry and a connection bound to the item's company. */
export interface RecordItem {
	itemIndex: number;
	resource: Sage200Resource;
	connection: SageConnection;
	baseUrl: string;
	/** What the operation's `check` returned for the item (parameters read before anything is sent). */
	checked?: unknown;
}

/**
 * Runs a record operation on all items: first every item's company, site and resource are checked
 * (nothing is sent if one is wrong and the run stops), with the operation's own `check` if it has
 * one, then each item in turn with `run`.
 */
export async function processRecordItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: Sage200Session,
	operation: string,
	run: (this: IExecuteFunctions, item: RecordItem) => Promise<IDataObject[]>,
	check?: (this: IExecuteFunctions, itemIndex: number, resource: Sage200Resource) => unknown,
): Promise<INodeExecutionData[]> {
	return await processItems(
		this,
		items.length,
		(itemIndex) => {
			const resourceValue = session.parameter('resource', itemIndex) as string;
			const target = session.companySite(itemIndex);
			const resource = findResource(resourceValue);
			if (!resource || !offeredOperations(resource).includes(operation as Sage200NodeOperation)) {
				throw new NodeOperationError(session.node, `The operation "${operation}" is not available for the resource "${resourceValue}"`, { itemIndex });
			}
			return { resource, target, checked: check?.call(this, itemIndex, resource) };
		},
		async ({ resource, target, checked }, itemIndex) => await run.call(this, { itemIndex, resource, checked, ...(await session.connect(target, itemIndex)) }),
	);
}

/** The "ID" parameter of an operation that targets one record, read by readRecordId. */
export const recordIdProperty = (description: string): INodeProperties => ({
	displayName: 'ID',
	name: 'recordId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '27828',
	description,
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
