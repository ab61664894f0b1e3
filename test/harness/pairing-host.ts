/*
 * A stand-in for n8n's webhook server hosting an active "Sage X3 Pairing" workflow: it parses the
 * request body as n8n does, builds n8n-core's own WebhookContext and calls the node's webhook().
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { WebhookContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWebhookDescription, type IWebhookResponseData } from 'n8n-workflow';

import { SageX3Pairing } from '../../nodes/SageX3Pairing/SageX3Pairing.node';
import type { Engine } from './engine';
import { TestNodeTypes } from './node-types';

export interface PairingHost {
	/** The trigger's production URL (`…/webhook/<webhookId>/pair`). */
	pairUrl: string;
	/** What webhook() returned, call by call. */
	emitted: IWebhookResponseData[];
	/** The node's static data, where pending `state` values live. */
	staticData: IDataObject;
	workflow: Workflow;
	close(): Promise<void>;
}

/** Hosts the pairing node on 127.0.0.1, using credential `credentialId` of `engine`. */
export async function startPairingHost(engine: Engine, { webhookId, credentialId }: { webhookId: string; credentialId: string }): Promise<PairingHost> {
	const pairingType = new SageX3Pairing();
	const node: INode = {
		id: 'pairing',
		name: 'Sage X3 Pairing',
		type: 'sageX3Pairing',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		webhookId,
		credentials: { sageX3Api: { id: credentialId, name: credentialId } },
	};
	const workflow = new Workflow({ id: 'pairing-workflow', nodes: [node], connections: {}, active: true, nodeTypes: new TestNodeTypes({ sageX3Pairing: pairingType }) });
	const emitted: IWebhookResponseData[] = [];
	const path = `/webhook/${webhookId}/pair`;
	let baseUrl = '';
	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', baseUrl);
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const raw = Buffer.concat(chunks).toString('utf8');
		if (url.pathname !== path) {
			res.statusCode = 404;
			res.end();
			return;
		}
		const request = Object.assign(req, {
			query: Object.fromEntries(url.searchParams),
			body: req.headers['content-type']?.startsWith('application/x-www-form-urlencoded') ? Object.fromEntries(new URLSearchParams(raw)) : {},
			params: {},
		});
		const description = pairingType.description.webhooks!.find((webhook) => webhook.httpMethod === req.method) as IWebhookDescription;
		const additionalData = {
			credentialsHelper: engine.credentialsHelper,
			webhookBaseUrl: `${baseUrl}/webhook`,
			webhookTestBaseUrl: `${baseUrl}/webhook-test`,
			httpRequest: request,
			httpResponse: res,
			executionId: 'pairing',
		} as never;
		const webhookData = { httpMethod: req.method, node: node.name, path: 'pair', webhookDescription: description, workflowId: workflow.id, isTest: false } as never;
		const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);
		try {
			emitted.push(await pairingType.webhook.call(context));
		} catch (error) {
			res.statusCode = 500;
			res.end(String(error));
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		pairUrl: `${baseUrl}${path}`,
		emitted,
		staticData: workflow.getStaticData('node', node) as IDataObject,
		workflow,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
