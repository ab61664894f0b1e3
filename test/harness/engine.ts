/**
 * Runs nodes through n8n's real execution engine (n8n-core's WorkflowExecute), the way n8n runs a
 * workflow: a TestInput node feeds items into the node under test, credentials come from a
 * CredentialStore through a credentials helper that behaves like n8n's.
 */
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type ExecutionError,
} from 'n8n-workflow';

import { CredentialStore, TestCredentialsHelper } from './credentials-helper';
import { TestNodeTypes } from './node-types';

export interface RunNodeOptions {
	/** The node type's registered name, e.g. 'sageX3'. */
	type: string;
	parameters: INodeParameters;
	/** Credential type name → id of a credential in the store. */
	credentials?: Record<string, string>;
	/** Items fed into the node; one empty item by default, as after a manual trigger. */
	items?: IDataObject[];
	continueOnFail?: boolean;
	typeVersion?: number;
}

export interface RunNodeResult {
	items: INodeExecutionData[];
	/** Every output branch of the node (most nodes have one). */
	outputs: INodeExecutionData[][];
	error?: ExecutionError;
	run: IRun;
}

export interface PollNodeOptions {
	type: string;
	parameters: INodeParameters;
	credentials?: Record<string, string>;
	/** The workflow's static data for the node, as n8n keeps it between polls (mutated in place). */
	staticData?: IDataObject;
	/** 'trigger' for an activated workflow's poll, 'manual' for Fetch Test Event. */
	mode?: 'trigger' | 'manual';
	typeVersion?: number;
}

export interface PollNodeResult {
	/** The items the poll emitted (none: the poll returned null). */
	items: INodeExecutionData[];
	staticData: IDataObject;
}

let executionCounter = 0;

export class Engine {
	readonly store = new CredentialStore();

	readonly credentialsHelper: TestCredentialsHelper;

	private readonly nodeTypes: TestNodeTypes;

	constructor({ nodes, credentials }: { nodes: Record<string, INodeType | IVersionedNodeType>; credentials: ICredentialType[] }) {
		this.nodeTypes = new TestNodeTypes(nodes);
		this.credentialsHelper = new TestCredentialsHelper(this.store, credentials);
	}

	addCredential(id: string, type: string, data: IDataObject) {
		this.store.add({ id, name: `${type} ${id}`, type, data: data as never });
		return id;
	}

	/**
	 * One poll of a polling trigger through n8n-core's own PollContext (as n8n's poll executor
	 * calls it), with the node's static data kept by the caller between polls. Static data is
	 * written back only when the poll succeeds, as n8n commits it with the poll's execution.
	 */
	async poll(options: PollNodeOptions): Promise<PollNodeResult> {
		const staticData = options.staticData ?? {};
		const node: INode = {
			id: 'trigger',
			name: 'Trigger',
			type: options.type,
			typeVersion: options.typeVersion ?? 1,
			position: [0, 0],
			parameters: options.parameters,
			credentials: Object.fromEntries(
				Object.entries(options.credentials ?? {}).map(([type, id]) => [type, { id, name: this.store.get(id).name }]),
			),
		};
		const workflow = new Workflow({
			id: 'test-trigger-workflow',
			name: 'Test trigger',
			nodes: [node],
			connections: {},
			active: options.mode !== 'manual',
			nodeTypes: this.nodeTypes,
			settings: { executionOrder: 'v1' },
		});
		const staged = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		const additionalData = {
			executionId: String(++executionCounter),
			credentialsHelper: this.credentialsHelper,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new PollContext(
			workflow,
			node,
			additionalData,
			options.mode ?? 'trigger',
			options.mode === 'manual' ? 'manual' : 'activate',
			() => {},
			() => {},
			undefined,
			undefined,
			() => staged,
		);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (!nodeType.poll) throw new Error(`${node.type} is not a polling trigger`);
		const output = await nodeType.poll.call(context);
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, staged);
		return { items: output?.[0] ?? [], staticData };
	}

	async run(options: RunNodeOptions): Promise<RunNodeResult> {
		const [result] = await this.runChain([options], options.items);
		return result;
	}

	/**
	 * Run several nodes connected one after the other in ONE execution (each gets the previous
	 * node's output); returns each node's result in order.
	 */
	async runChain(steps: Array<Omit<RunNodeOptions, 'items'>>, items?: IDataObject[]): Promise<RunNodeResult[]> {
		const input: INode = {
			id: 'input',
			name: 'Input',
			type: 'test.testInput',
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(items ?? [{}]) },
		};
		const stepNodes: INode[] = steps.map((step, index) => ({
			id: `step-${index}`,
			name: index === 0 ? 'Subject' : `Subject ${index + 1}`,
			type: step.type,
			typeVersion: step.typeVersion ?? 1,
			position: [200 * (index + 1), 0],
			parameters: step.parameters,
			credentials: Object.fromEntries(
				Object.entries(step.credentials ?? {}).map(([type, id]) => [type, { id, name: this.store.get(id).name }]),
			),
			continueOnFail: step.continueOnFail ?? false,
			onError: step.continueOnFail ? 'continueRegularOutput' : 'stopWorkflow',
		}));
		const nodes = [input, ...stepNodes];
		const connections = Object.fromEntries(
			nodes.slice(0, -1).map((node, index) => [node.name, { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] }]),
		);
		const executionId = String(++executionCounter);
		const workflow = new Workflow({
			id: 'test-workflow',
			name: 'Test',
			nodes,
			connections: connections as never,
			active: false,
			nodeTypes: this.nodeTypes,
			settings: { executionOrder: 'v1' },
		});
		const hooks = new ExecutionLifecycleHooks('manual', executionId, {
			id: 'test-workflow',
			name: 'Test',
			active: false,
			isArchived: false,
			nodes: workflow.nodes ? Object.values(workflow.nodes) : [],
			connections: workflow.connectionsBySourceNode,
			createdAt: new Date(),
			updatedAt: new Date(),
		} as never);
		let resolveRun!: (run: IRun) => void;
		const finished = new Promise<IRun>((resolve) => (resolveRun = resolve));
		hooks.addHandler('workflowExecuteAfter', (fullRunData) => resolveRun(fullRunData));
		const additionalData = {
			executionId,
			hooks,
			credentialsHelper: this.credentialsHelper,
			restApiUrl: 'http://127.0.0.1/rest',
			instanceBaseUrl: 'http://127.0.0.1/',
			webhookBaseUrl: 'http://127.0.0.1/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
			formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
			variables: {},
			currentNodeParameters: undefined,
			executeWorkflow: async () => {
				throw new Error('Sub-workflows are not available in tests');
			},
			getRunExecutionData: async () => undefined,
			logAiEvent: async () => {},
			startRunnerTask: async () => {
				throw new Error('Code runners are not available in tests');
			},
			setExecutionStatus: () => {},
			sendDataToUI: () => {},
		} as unknown as IWorkflowExecuteAdditionalData;

		const runExecutionData: IRunExecutionData = {
			version: 1,
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				nodeExecutionStack: [{ node: input, data: { main: [[{ json: {} }]] }, source: null }],
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		} as unknown as IRunExecutionData;
		const workflowExecute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		await workflowExecute.processRunExecutionData(workflow);
		const run = await finished;
		return stepNodes.map((node) => {
			const taskData = run.data.resultData.runData[node.name]?.[0];
			const outputs = (taskData?.data?.main ?? []).map((branch) => branch ?? []);
			return { items: outputs[0] ?? [], outputs, error: taskData?.error ?? run.data.resultData.error, run };
		});
	}
}
