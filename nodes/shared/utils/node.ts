import type { INode } from 'n8n-workflow';

const runNodes = new WeakMap<object, INode>();

/**
 * The node of this run, copied once. n8n's `getNode()` deep-copies the node, every parameter
 * included, on each call: per item and per request that was a fifth of a 1,000-item lookup's own
 * CPU. Keyed weakly by the run's context, like every per-run cache here; treat it as read-only.
 */
export function runNode(context: { getNode(): INode }): INode {
	let node = runNodes.get(context);
	if (!node) {
		node = context.getNode();
		runNodes.set(context, node);
	}
	return node;
}
