import { NodeOperationError, type IDisplayOptions, type INode, type INodeProperties } from 'n8n-workflow';

import { requirePositiveInteger, type ParameterReader } from './utils';

/** Limit's default: 50, n8n's convention for every Limit (its node lint requires the literal below). */
const DEFAULT_LIMIT = 50;

export interface ReturnAllOrLimitOptions {
	maxLimit?: number;
	/** Paging a GraphQL connection on request defaults to everything; list operations to a limit. */
	returnAllByDefault?: boolean;
}

/** The usual Return All switch and the Limit it hides, shown where `displayOptions` says. */
export function returnAllOrLimit(displayOptions: IDisplayOptions, options: ReturnAllOrLimitOptions = {}): INodeProperties[] {
	const returnAll: INodeProperties = {
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions,
	};
	const limit: INodeProperties = {
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: options.maxLimit },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { ...displayOptions, show: { ...displayOptions.show, returnAll: [false] } },
	};
	return [options.returnAllByDefault ? { ...returnAll, default: true } : returnAll, limit];
}

/** The limit returnAllOrLimit asks for on an item: undefined with Return All, else a checked Limit. */
export function readReturnAllOrLimit(node: INode, getParameter: ParameterReader, itemIndex: number, options: ReturnAllOrLimitOptions = {}): number | undefined {
	if (getParameter('returnAll', itemIndex, options.returnAllByDefault ?? false)) return undefined;
	return requirePositiveInteger(node, getParameter('limit', itemIndex, DEFAULT_LIMIT), 'Limit', itemIndex, options.maxLimit);
}

/** n8n's usual Simplify switch of a read (parameter `simple`); what it simplifies is each node's to say. */
export function simplifyProperty(displayOptions?: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simple',
		type: 'boolean',
		default: true,
		description: 'Whether to return a simplified version of the response instead of the raw data',
		...(displayOptions && { displayOptions }),
	};
}

/** The item's Simplify: a boolean (an expression must give true or false), true when the parameter is absent. */
export function readSimplify(node: INode, getParameter: ParameterReader, itemIndex: number): boolean {
	const value = getParameter('simple', itemIndex, true);
	if (typeof value === 'boolean') return value;
	throw new NodeOperationError(node, `"Simplify" must be true or false, got ${JSON.stringify(value)}`, { itemIndex });
}

/**
 * Display options of a raw-syntax parameter (Filter (Advanced), Order By): hidden in the node's
 * AI tool variant (n8n's `@tool` is true there), so an agent fills Conditions and Sort instead.
 */
export const HIDDEN_IN_TOOLS: IDisplayOptions = { hide: { '@tool': [true] } };

/** How a resource locator's typed-in mode names the record, and the pattern the editor checks it with. */
export interface TypedLocatorMode {
	name: string;
	displayName: string;
	placeholder: string;
	pattern?: { regex: string; errorMessage: string };
}

/** A required resource locator: From List (`searchListMethod`, searchable) or the value typed in `typedMode`. */
export function listLocatorProperty(options: { displayName: string; name: string; description: string; searchListMethod: string; typedMode: TypedLocatorMode }): INodeProperties {
	const { name, displayName, placeholder, pattern } = options.typedMode;
	return {
		displayName: options.displayName,
		name: options.name,
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description: options.description,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: options.searchListMethod, searchable: true } },
			{ displayName, name, type: 'string', placeholder, ...(pattern && { validation: [{ type: 'regex', properties: pattern }] }) },
		],
	};
}
