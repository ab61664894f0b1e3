/**
 * A credential's "Test" button, run the way n8n 2.41's CLI runs a declarative credential test
 * (packages/cli/src/services/credentials-tester.service.ts): the type's `test.request` becomes the
 * routing of a temporary `n8n-nodes-base.noOp` node with one `temp` parameter, run by n8n-core's
 * RoutingNode. n8n's credentials helper sees that node and runs preAuthentication first.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type ICredentialsDecrypted,
	type IExecuteData,
	type INode,
	type INodeType,
	type INodeTypes,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import type { Engine } from '../harness/engine';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

export async function testCredential(engine: Engine, credentialId: string): Promise<CredentialTestResult> {
	const stored = engine.store.get(credentialId);
	const type = engine.credentialsHelper.credentialType(stored.type);
	if (!type.test) throw new Error(`${stored.type} has no declarative test`);
	const data = await engine.credentialsHelper.getDecrypted({} as IWorkflowExecuteAdditionalData, { id: stored.id, name: stored.name }, stored.type);
	const credentialsDecrypted: ICredentialsDecrypted = { id: stored.id, name: stored.name, type: stored.type, data };

	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: stored.type, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: type.test.request }, default: '' }],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(nodeType, 1),
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [0, 0],
		credentials: { [stored.type]: { id: stored.id, name: stored.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = { credentialsHelper: engine.credentialsHelper, variables: {} } as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(workflow, workflow.getNode('Temp-Node')!, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, executeData, []);
	try {
		await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		// The CLI's own reading of a failed test.
		const failure = error as { message: string; cause?: { response?: { status: number; statusText?: string }; code?: string } };
		if (failure.cause?.response) {
			const { status, statusText } = failure.cause.response;
			if (status < 199 || status > 299) return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (failure.cause?.code) {
			return { status: 'Error', message: failure.cause.code };
		}
		return { status: 'Error', message: String(failure.message) };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
