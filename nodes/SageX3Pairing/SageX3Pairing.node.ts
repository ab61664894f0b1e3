import { randomBytes } from 'crypto';
import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import {
	acceptableEndpoint,
	buildAuthoriseUrl,
	consumeState,
	htmlPage,
	rememberState,
	STATE_LIFETIME_MS,
} from '../SageX3/helpers/pairing';
import { foldersOfScope, gatewayUrlOf, requestX3Token, type X3CredentialData } from '../SageX3/helpers/token';

type Reply = { status: number; html?: string; location?: string };

function send(context: IWebhookFunctions, reply: Reply): void {
	const res = context.getResponseObject();
	res.statusCode = reply.status;
	res.setHeader('cache-control', 'no-store');
	if (reply.location) res.setHeader('location', reply.location);
	if (reply.html !== undefined) res.setHeader('content-type', 'text/html; charset=utf-8');
	res.end(reply.html ?? '');
}

const field = (source: unknown, name: string): string | undefined => {
	const value = source && typeof source === 'object' ? (source as IDataObject)[name] : undefined;
	return typeof value === 'string' && value !== '' ? value : undefined;
};

export class SageX3Pairing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage X3 Pairing',
		name: 'sageX3Pairing',
		icon: { light: 'file:sageX3.svg', dark: 'file:sageX3.dark.svg' },
		subtitle: 'Pairs a Sage X3 credential',
		group: ['trigger'],
		version: 1,
		description: 'Pairs a Sage X3 credential: starts X3 approval and receives its callback',
		defaults: { name: 'Sage X3 Pairing' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sageX3Api', required: true }],
		webhooks: [
			// One URL for both: open it in a browser to start, X3 posts the approval back to it.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'pair' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'pair' },
		],
		properties: [
			{
				displayName:
					'Activate the workflow, register this node\'s Production URL as the redirect URI of your X3 application, then open that URL in a browser. After approval in X3 the page shows the refresh token to paste into the credential.',
				name: 'pairingNotice',
				type: 'notice',
				default: '',
			},
		],
	};

	// X3 has no API to register a callback: the redirect URI is set on the X3 application by hand,
	// so there is nothing to create, check or delete on X3's side.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const query = this.getQueryData() as IDataObject;
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const credentials = (await this.getCredentials('sageX3Api')) as X3CredentialData;
		const callbackUrl = this.getNodeWebhookUrl('default') ?? '';
		const staticData = this.getWorkflowStaticData('node');
		const now = Date.now();

		const code = field(body, 'authorizationCode') ?? field(query, 'authorizationCode') ?? field(query, 'code');
		const isCallback = request.method === 'POST' || code !== undefined || field(query, 'error') !== undefined;

		if (!isCallback) {
			const missing = (['clientId', 'clientSecret', 'customerUrl'] as const).filter((name) => !String(credentials[name] ?? '').trim());
			if (missing.length) {
				send(this, { status: 400, html: htmlPage('Sage X3 pairing cannot start', [`Fill in the credential fields first: ${missing.join(', ')}.`]) });
				return { noWebhookResponse: true };
			}
			const state = randomBytes(32).toString('base64url');
			rememberState(staticData, state, now);
			send(this, { status: 302, location: buildAuthoriseUrl(credentials, callbackUrl, state) });
			return { noWebhookResponse: true };
		}

		const source = request.method === 'POST' ? body : query;
		const stateCheck = consumeState(staticData, field(source, 'state'), now);
		if (stateCheck !== 'valid') {
			const why = stateCheck === 'expired' ? `it expired (a pairing must finish within ${STATE_LIFETIME_MS / 60000} minutes)` : 'it is unknown or was already used';
			send(this, {
				status: 400,
				html: htmlPage('Sage X3 pairing refused', [`This pairing answer was refused because ${why}.`, `Start again from ${callbackUrl}.`]),
			});
			return { noWebhookResponse: true };
		}
		const error = field(source, 'error');
		if (error || !code) {
			send(this, {
				status: 400,
				html: htmlPage('Sage X3 pairing not approved', [`X3 did not approve the pairing (${error ?? 'no authorization code'}).`, `Start again from ${callbackUrl}.`]),
			});
			return { noWebhookResponse: true };
		}
		const rawEndpoint = field(source, 'endpoint');
		const endpoint = acceptableEndpoint(credentials, rawEndpoint);
		if (rawEndpoint && !endpoint) {
			send(this, {
				status: 400,
				html: htmlPage('Sage X3 pairing refused', [`X3 asked to use ${rawEndpoint}, which is not a Sage X3 gateway; no secret was sent there.`]),
			});
			return { noWebhookResponse: true };
		}

		let token;
		try {
			token = await requestX3Token(async (options) => await this.helpers.httpRequest(options), endpoint ?? gatewayUrlOf(credentials), credentials, {
				grant_type: 'authorization_code',
				code,
				redirect_uri: callbackUrl,
			});
		} catch (failure) {
			send(this, {
				status: 502,
				html: htmlPage('Sage X3 pairing failed', [(failure as Error).message, `Start again from ${callbackUrl}.`]),
			});
			return { noWebhookResponse: true };
		}

		const folders = foldersOfScope(token.scope);
		const steps = [
			'Pairing approved. To finish, open the Sage X3 credential in n8n and:',
			'1. Paste the refresh token below into the "Refresh Token" field.',
			endpoint
				? `2. Paste the endpoint below into the "Regional Endpoint" field: X3 requires every call to go there.`
				: '2. Leave "Regional Endpoint" empty.',
			'3. Save the credential and click "Test": it lists the folders you approved. Then close this page: the token is shown only once.',
			`Folders approved: ${folders.join(', ') || 'none'}.`,
		];
		const secrets = [{ label: 'Refresh Token', value: token.refresh_token }, ...(endpoint ? [{ label: 'Regional Endpoint', value: endpoint }] : [])];
		send(this, { status: 200, html: htmlPage('Sage X3 pairing approved', steps, secrets) });

		const refreshExpires = typeof token.refresh_token_expires_in === 'number' ? new Date(now + token.refresh_token_expires_in * 1000).toISOString() : undefined;
		return {
			noWebhookResponse: true,
			workflowData: [
				[
					{
						json: {
							paired: true,
							customer: String(credentials.customerUrl ?? ''),
							folders,
							scope: token.scope ?? '',
							endpoint: endpoint ?? null,
							refreshTokenExpiresAt: refreshExpires ?? null,
						},
					},
				],
			],
		};
	}
}
