/*
 * A stand-in for n8n's webhook server hosting an active "Sage X3 Pairing" workflow: it parses the
 * request body as n8n does, builds n8n-core's own WebhookContext and calls the node's webhook().
 * PairingBrowser plays the browser: a cookie jar that sends cookies the way browsers treat
 * SameSite=Lax (top-level GET navigations and same-site requests, not cross-site POSTs).
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
	/** A browser with its own cookies, as a user (or an attacker, or a victim) would use. */
	browser(): PairingBrowser;
	close(): Promise<void>;
}

/**
 * Hosts the pairing node on 127.0.0.1, using credential `credentialId` of `engine`. `publicUrl`
 * (e.g. `https://n8n.example`) is the address n8n believes it has (WEBHOOK_URL); it defaults to
 * the local server's own.
 */
export async function startPairingHost(
	engine: Engine,
	{ webhookId, credentialId, publicUrl }: { webhookId: string; credentialId: string; publicUrl?: string },
): Promise<PairingHost> {
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
			webhookBaseUrl: `${publicUrl ?? baseUrl}/webhook`,
			webhookTestBaseUrl: `${publicUrl ?? baseUrl}/webhook-test`,
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
		browser: () => new PairingBrowser(`${baseUrl}${path}`),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

type Cookie = { value: string; path: string; attributes: Record<string, string | true> };

export class PairingBrowser {
	/** Cookies of the n8n host, by name. */
	readonly cookies = new Map<string, Cookie>();

	constructor(readonly pairUrl: string) {}

	/**
	 * One request to n8n. `crossSite` marks a request started from another site's page (X3's
	 * callback form): a non-GET one then carries only SameSite=None cookies.
	 */
	async request(url: string, init: RequestInit = {}, { crossSite = false } = {}): Promise<Response> {
		const target = new URL(url);
		const method = (init.method ?? 'GET').toUpperCase();
		const sent = [...this.cookies]
			.filter(([, cookie]) => target.pathname.startsWith(cookie.path))
			.filter(([, cookie]) => !crossSite || method === 'GET' || String(cookie.attributes.samesite).toLowerCase() === 'none')
			.map(([name, cookie]) => `${name}=${cookie.value}`);
		const headers = new Headers(init.headers);
		if (sent.length) headers.set('cookie', sent.join('; '));
		const response = await fetch(url, { ...init, headers, redirect: 'manual' });
		for (const line of response.headers.getSetCookie()) this.store(line);
		return response;
	}

	/** A top-level navigation: GET, following redirects that stay on n8n (one to X3 is returned as is). */
	async open(url: string, { crossSite = false } = {}): Promise<Response> {
		let response = await this.request(url, {}, { crossSite });
		for (let hops = 0; hops < 5 && this.isRedirectToN8n(response); hops++) {
			response = await this.request(new URL(response.headers.get('location')!, url).toString(), {}, { crossSite });
		}
		return response;
	}

	/** Posts a form as a top-level navigation and follows n8n's redirects back to n8n as GETs. */
	async submit(action: string, fields: Record<string, string>, { crossSite = false } = {}): Promise<Response> {
		const response = await this.request(
			action,
			{ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() },
			{ crossSite },
		);
		return this.isRedirectToN8n(response) ? await this.open(new URL(response.headers.get('location')!, action).toString(), { crossSite }) : response;
	}

	/** Opens the Production URL and clicks its button; returns the X3 authorise URL it leads to. */
	async start(): Promise<URL> {
		const page = await this.open(this.pairUrl);
		const html = await page.text();
		const form = /<form method="post" action="([^"]+)">(.*?)<\/form>/s.exec(html);
		if (page.status !== 200 || !form) throw new Error(`no start button on the pairing page: ${page.status} ${html}`);
		const fields = Object.fromEntries([...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
		const response = await this.submit(form[1].replace(/&amp;/g, '&'), fields);
		if (response.status !== 303) throw new Error(`the start button answered ${response.status}: ${await response.text()}`);
		return new URL(response.headers.get('location')!);
	}

	/** X3's consent page auto-submits its callback form from X3's site: a cross-site POST. */
	async returnFromX3(callback: { action: string; fields: Record<string, string> }): Promise<Response> {
		return await this.submit(callback.action, callback.fields, { crossSite: true });
	}

	private isRedirectToN8n(response: Response): boolean {
		const location = response.headers.get('location');
		return response.status >= 300 && response.status < 400 && !!location && new URL(location, this.pairUrl).origin === new URL(this.pairUrl).origin;
	}

	private store(line: string): void {
		const [pair, ...parts] = line.split(';');
		const at = pair.indexOf('=');
		const name = pair.slice(0, at).trim();
		const attributes: Record<string, string | true> = {};
		for (const part of parts) {
			const [key, ...value] = part.trim().split('=');
			attributes[key.toLowerCase()] = value.length ? value.join('=') : true;
		}
		if (attributes['max-age'] !== undefined && Number(attributes['max-age']) <= 0) this.cookies.delete(name);
		else this.cookies.set(name, { value: pair.slice(at + 1).trim(), path: typeof attributes.path === 'string' ? attributes.path : '/', attributes });
	}
}
