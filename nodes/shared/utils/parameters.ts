import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

/** Reads an item's parameter, as `this.getNodeParameter.bind(this)` does. */
export type ParameterReader = (name: string, itemIndex: number, fallbackValue?: unknown) => unknown;

/** A JSON parameter (object), accepting both text and an object already resolved by an expression. */
export function parseJsonObjectParameter(node: INode, value: unknown, parameterName: string, itemIndex: number): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as IDataObject;
	if (typeof value === 'string') {
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(node, `"${parameterName}" is not valid JSON: ${(error as Error).message}`, {
				itemIndex,
				description: 'Enter a JSON object, for example {"code": "AE003"}.',
			});
		}
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as IDataObject;
	}
	throw new NodeOperationError(node, `"${parameterName}" must be a JSON object`, {
		itemIndex,
		description: 'Enter a JSON object, for example {"code": "AE003"}.',
	});
}

/** A positive whole number no larger than `max`, or a NodeOperationError naming the parameter. */
export function requirePositiveInteger(
	node: INode,
	value: unknown,
	parameterName: string,
	itemIndex: number,
	max = Number.MAX_SAFE_INTEGER,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1 || number > max) {
		throw new NodeOperationError(node, `"${parameterName}" must be a whole number from 1 to ${max} (got ${JSON.stringify(value)})`, {
			itemIndex,
		});
	}
	return number;
}

/** A non-empty trimmed string, or a NodeOperationError naming the parameter. */
export function requireNonEmptyString(node: INode, value: unknown, parameterName: string, itemIndex: number): string {
	if ((typeof value === 'string' || typeof value === 'number') && String(value).trim() !== '') return String(value).trim();
	throw new NodeOperationError(node, `"${parameterName}" must not be empty`, { itemIndex });
}

export function chunk<T>(values: T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size) chunks.push(values.slice(start, start + size));
	return chunks;
}
