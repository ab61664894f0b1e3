import type { IDisplayOptions, INode, INodeProperties } from 'n8n-workflow';

import { requirePositiveInteger, type ParameterReader } from './utils';

export interface ReturnAllOrLimitOptions {
	defaultLimit: number;
	maxLimit?: number;
	/** Paging a GraphQL connection on request defaults to everything; list operations to a limit. */
	returnAllByDefault?: boolean;
}

/** The usual Return All switch and the Limit it hides, shown where `displayOptions` says. */
export function returnAllOrLimit(displayOptions: IDisplayOptions, options: ReturnAllOrLimitOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: options.returnAllByDefault ?? false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: options.maxLimit === undefined ? { minValue: 1 } : { minValue: 1, maxValue: options.maxLimit },
			default: options.defaultLimit,
			description: 'Max number of results to return',
			displayOptions: { ...displayOptions, show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/** The limit returnAllOrLimit asks for on an item: undefined with Return All, else a checked Limit. */
export function readReturnAllOrLimit(node: INode, getParameter: ParameterReader, itemIndex: number, options: ReturnAllOrLimitOptions): number | undefined {
	if (getParameter('returnAll', itemIndex, options.returnAllByDefault ?? false)) return undefined;
	return requirePositiveInteger(node, getParameter('limit', itemIndex, options.defaultLimit), 'Limit', itemIndex, options.maxLimit);
}
