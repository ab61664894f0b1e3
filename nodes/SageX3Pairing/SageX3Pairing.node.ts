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
	browserCookieFor,
	browserCookieHeader,
	browserKeyOf,
	buildAuthoriseUrl,
	consumeState,
	htmlPage,
	newBrowserKey,
	PAGE_HEADERS,
	peekState,
	rememberState,
	STATE_LIFETIME_MS,
	type StateCheck,
} from './helpers/pairing';
import { foldersOfScope, gatewayUrlOf, requestX3Token, type X3CredentialData } from '../shared/auth';

type Reply = { status: number; html?: string; location?: string; cookie?: string };

function send(context: IWebhookFunctions, reply: Reply): IWebhookResponseData {
	const res = context.getResponseObject();
	res.statusCode = reply.status;
	for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
	if (reply.cookie) res.setHeader('set-cookie', reply.cookie);
	if (reply.location) res.setHeader('location', reply.location);
	if (reply.html !== undefined) res.setHeader('content-type', 'text/html; charset=utf-8');
	res.end(reply.html ?? '');
	return { noWebhookResponse: true };
}

const field = (source: unknown, name: string): string | undefined => {
	const value = source && typeof source === 'object' ? (source as IDataObject)[name] : undefined;
	return typeof value === 'string' && value !== '' ? value : undefined;
};

const CALLBACK_FIELDS = ['code', 'authorizationCode', 'state', 'error'];

function refusal(check: Exclude<StateCheck, 'valid'>): string {
	if (check === 'expired') return `it expired (a pairing must finish within ${STATE_LIFETIME_MS / 60000} minutes)`;
	if (check === 'otherBrowser') return 'it did not come back to the browser that started the pairing (finish it in the browser where you opened this URL, with cookies allowed for n8n)';
	return 'it is unknown or was already used';
}

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
			// One URL for all steps of the flow described at webhook() below.
			{ name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'pair' },
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'pair' },
		],
		properties: [
			{
				displayName:
					'Activate the workflow, register this node\'s Production URL as the redirect URI of your X3 application, then open that URL in a browser and click Continue. After approval in X3, in the same browser, the page shows the refresh token to paste into the credential.',
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

	/*
	 * The flow, all on the one Production URL:
	 * 1. GET: a page with a "Continue" button; nothing is stored and nothing about the X3 application
	 *    is shown, so opening the URL (or a link preview doing so) starts nothing.
	 * 2. POST `pairing=start` (the button): a fresh `state`, bound to a cookie of this browser, and a
	 *    303 to X3's authorise page. Only here do the client id and customer URL appear.
	 * 3. POST from X3 (`authorizationCode`, `state`, `endpoint`): X3's page posts it from the browser,
	 *    cross-site, so the SameSite=Lax cookie does not come with it. It is answered with a 303 to
	 *    GET the same URL with the same answer, a top-level navigation that does carry the cookie.
	 * 4. GET `?code&state` (also how X3 may answer directly): accepted only with the cookie of the
	 *    browser that started step 2; then the code is exchanged and the refresh token shown.
	 * So a code approved with someone else's X3 account cannot be completed in a victim's browser.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const query = this.getQueryData() as IDataObject;
		const body = (this.getBodyData() ?? {}) as IDataObject;
		const credentials = (await this.getCredentials('sageX3Api')) as X3CredentialData;
		const callbackUrl = this.getNodeWebhookUrl('default') ?? '';
		const staticData = this.getWorkflowStaticData('node');
		const now = Date.now();
		const startAgain = `Start again from ${callbackUrl}.`;

		const cookie = browserCookieFor(callbackUrl);
		if (!cookie) {
			return send(this, {
				status: 400,
				html: htmlPage('Sage X3 pairing needs https', [
					`n8n's webhook URL ${callbackUrl} is plain http: the refresh token would cross the network in clear.`,
					'Serve n8n over https (WEBHOOK_URL set to its https address) and register that URL as the redirect URI in X3.',
				]),
			});
		}

		const isStartPage = request.method === 'GET' && !CALLBACK_FIELDS.some((name) => field(query, name));
		const isStart = request.method === 'POST' && field(body, 'pairing') === 'start' && !CALLBACK_FIELDS.some((name) => field(body, name));
		const missing = (['clientId', 'clientSecret', 'customerUrl'] as const).filter((name) => !String(credentials[name] ?? '').trim());
		if ((isStartPage || isStart) && missing.length) {
			return send(this, { status: 400, html: htmlPage('Sage X3 pairing cannot start', [`Fill in the credential fields first: ${missing.join(', ')}.`]) });
		}

		if (isStartPage) {
			return send(this, {
				status: 200,
				html: htmlPage(
					'Sage X3 pairing',
					[
						'This pairs an n8n Sage X3 credential with an X3 customer.',
						`Continue to sign in to Sage X3 and approve the folders n8n may use. Finish in this browser within ${STATE_LIFETIME_MS / 60000} minutes: X3 sends you back here, where the refresh token is shown.`,
					],
					{ form: { action: callbackUrl, fields: { pairing: 'start' }, button: 'Continue to Sage X3' } },
				),
			});
		}

		if (isStart) {
			// A browser already pairing keeps its key, so two pairings open in one browser both finish.
			const browserKey = browserKeyOf(request.headers.cookie, cookie) ?? newBrowserKey();
			const state = randomBytes(32).toString('base64url');
			rememberState(staticData, state, browserKey, now);
			return send(this, { status: 303, cookie: browserCookieHeader(cookie, browserKey), location: buildAuthoriseUrl(credentials, callbackUrl, state) });
		}

		if (request.method === 'POST') {
			const check = peekState(staticData, field(body, 'state'), now);
			if (check !== 'valid') {
				return send(this, { status: 400, html: htmlPage('Sage X3 pairing refused', [`This pairing answer was refused because ${refusal(check)}.`, startAgain]) });
			}
			const answer = new URLSearchParams();
			const code = field(body, 'authorizationCode') ?? field(body, 'code');
			if (code) answer.set('code', code);
			for (const name of ['state', 'endpoint', 'error']) {
				const value = field(body, name);
				if (value) answer.set(name, value);
			}
			return send(this, { status: 303, location: `${callbackUrl}?${answer.toString()}` });
		}

		const stateCheck = consumeState(staticData, field(query, 'state'), browserKeyOf(request.headers.cookie, cookie), now);
		if (stateCheck !== 'valid') {
			return send(this, { status: 400, html: htmlPage('Sage X3 pairing refused', [`This pairing answer was refused because ${refusal(stateCheck)}.`, startAgain]) });
		}
		const code = field(query, 'code') ?? field(query, 'authorizationCode');
		const error = field(query, 'error');
		if (error || !code) {
			return send(this, {
				status: 400,
				html: htmlPage('Sage X3 pairing not approved', [`X3 did not approve the pairing (${error ?? 'no authorization code'}).`, startAgain]),
			});
		}
		const rawEndpoint = field(query, 'endpoint');
		const endpoint = acceptableEndpoint(credentials, rawEndpoint);
		if (rawEndpoint && !endpoint) {
			return send(this, {
				status: 400,
				html: htmlPage('Sage X3 pairing refused', [`X3 asked to use ${rawEndpoint}, which is not a Sage X3 gateway; no secret was sent there.`]),
			});
		}

		let token;
		try {
			token = await requestX3Token(async (options) => await this.helpers.httpRequest(options), endpoint ?? gatewayUrlOf(credentials), credentials, {
				grant_type: 'authorization_code',
				code,
				redirect_uri: callbackUrl,
			});
		} catch (failure) {
			return send(this, { status: 502, html: htmlPage('Sage X3 pairing failed', [(failure as Error).message, startAgain]) });
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
		send(this, { status: 200, html: htmlPage('Sage X3 pairing approved', steps, { secrets }) });

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
