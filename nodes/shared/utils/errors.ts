import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';

/** Pass n8n's own errors through unchanged; wrap anything else so n8n shows it with the item. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
