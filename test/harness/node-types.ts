import type { INodeType, INodeTypes, IVersionedNodeType, INodeTypeDescription, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/** The workflow's first node: emits the items a test hands it (stands in for a trigger). */
export class TestInput implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Input',
		name: 'testInput',
		group: ['input'],
		version: 1,
		description: 'Emits the items given in its "items" parameter',
		defaults: { name: 'Test Input' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as object[];
		return [items.map((json, index) => ({ json: json as never, pairedItem: { item: index } }))];
	}
}

export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType | IVersionedNodeType>();

	constructor(nodes: Record<string, INodeType | IVersionedNodeType>) {
		this.types.set('test.testInput', new TestInput());
		for (const [name, node] of Object.entries(nodes)) this.types.set(name, node);
	}

	getByName(nodeType: string) {
		const type = this.types.get(nodeType);
		if (!type) throw new Error(`Unknown node type ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = this.getByName(nodeType);
		if ('nodeVersions' in type) return type.getNodeType(version);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}
