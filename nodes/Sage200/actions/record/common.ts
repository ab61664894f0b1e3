import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { listLocatorProperty } from '../../../shared/descriptions';
import type { SageConnection } from '../../../shared/transport';
import { processItems, readMappedParameter, type OutputItems } from '../../../shared/utils';
import { locatorValue } from '../../helpers/connection';
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
	run: (this: IExecuteFunctions, item: RecordItem) => Promise<IDataObject[] | OutputItems>,
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

/**
 * The record an operation targets: picked from the resource's records (searched by code or name) or
 * given by its ID; older workflows' plain ID strings still read.
 */
export const recordIdProperty = (description: string): INodeProperties =>
	listLocatorProperty({
		displayName: 'Record',
		name: 'recordId',
		description: `${description}: pick it from the list (searched by reference, code or name) or give its ID, a whole number such as 27828`,
		searchListMethod: 'searchRecords',
		typedMode: { name: 'id', displayName: 'By ID', placeholder: '27828', pattern: { regex: '^[0-9]+$', errorMessage: 'A Sage 200 record ID is a whole number' } },
	});

/** A record ID from the node's "Record" parameter: Sage 200 IDs are 64-bit whole numbers. */
export function readRecordId(this: IExecuteFunctions, itemIndex: number, parameterName = 'recordId', label = 'Record'): string {
	const raw = readMappedParameter(this, parameterName, itemIndex, '');
	const value = locatorValue(raw);
	if (!/^\d+$/.test(value) || value === '0') {
		// A locator shows its value; an object from an expression shows as itself.
		const shown = raw && typeof raw === 'object' && (raw as { __rl?: unknown }).__rl === true ? value : raw;
		throw new NodeOperationError(this.getNode(), `"${label}" must be a Sage 200 record ID (a whole number above 0), got ${JSON.stringify(shown)}`, {
			itemIndex,
		});
	}
	return value;
}

/** The action named in error messages, e.g. "Getting customer 27828". */
export const describeAction = (verb: string, resource: Sage200Resource, id?: string) =>
	`${verb} ${resource.displayName.toLowerCase()}${id ? ` ${id}` : ''}`;
