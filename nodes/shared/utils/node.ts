import type { INode } from 'n8n-workflow';

/**
 * The value a node run keeps under `cache`, created on first use. Keyed weakly by the run's own
 * context, so it lives and dies with the execution: n8n may run executions on several workers,
 * and nothing is shared between them.
 */
export function perRun<T>(cache: WeakMap<object, T>, context: object, create: () => T): T {
	let value = cache.get(context);
	if (value === undefined) {
		value = create();
		cache.set(context, value);
	}
	return value;
}

const nodeCopies = new WeakMap<object, INode>();

/**
 * The run's copy of its node, made once: `getNode()` where it is called per item or per request.
 * n8n's `getNode()` deep-copies the node, every parameter included, on each call: per item and
 * per request that was a fifth of a 1,000-item lookup's own CPU. Treat it as read-only.
 */
export function runNodeCopy(context: { getNode(): INode }): INode {
	return perRun(nodeCopies, context, () => context.getNode());
}
