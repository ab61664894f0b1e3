import type { IExecuteFunctions, INode, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { SageContext } from '../transport';
import { readCachedParameter, runNodeCopy } from '../utils';

/**
 * What one node run shares between its items and its requests, built once by the node's router:
 * the run's context, its node copy and run-constant parameters here; each product adds its
 * connection and per-run caches (folder list, schemas, account). Nothing outlives the run.
 */
export abstract class RunSession<C extends SageContext = IExecuteFunctions> {
	constructor(readonly context: C) {}

	/** The run's copy of its node (n8n's getNode() deep-copies on every call). */
	get node(): INode {
		return runNodeCopy(this.context);
	}

	/** A parameter that is the same for every item of the run (resource, operation, ...), read once. */
	parameter(name: string, itemIndex: number, fallback?: unknown): unknown {
		return readCachedParameter(this.context as IExecuteFunctions, name, itemIndex, fallback);
	}
}

/**
 * The one operation contract of the three nodes: each `actions/<resource>/<operation>.operation.ts`
 * exports its parameters and runs all input items at once (so reads by key can be batched), with
 * the run's session. Output items carry `pairedItem`, in input order.
 */
export interface Operation<S extends RunSession<SageContext>> {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, items: INodeExecutionData[], session: S): Promise<INodeExecutionData[]>;
}
