import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { extractSageError } from '../nodes/shared/transport/errors';
import { isLoopbackHost } from '../nodes/shared/transport/host-guard';
import { RATE_LIMIT_WAIT_PROPERTY } from '../nodes/shared/transport/retry';

export const SDMO_DEFAULT_TOKEN_URL = 'https://api.erp.sage.com/v1/token';

type Json = Record<string, unknown>;

/**
 * An error shaped like an HTTP failure, so the node's transport shows its text and status, and
 * nothing of the request. n8n's credential test shows `statusText`, so it carries the text too.
 */
function tokenError(message: string, status?: number, code?: string, headers: Record<string, string> = {}): Error {
	const error = new Error(message) as Error & { response?: unknown; code?: string };
	if (status !== undefined) error.response = { status, statusText: message, headers, data: { message } };
	if (code) error.code = code;
	return error;
}

/**
 * The token URL the client secret may be posted to: https, or plain http on loopback only. n8n
 * runs preAuthentication before a credential test's request too, so this also guards the test.
 */
function secureTokenUrl(value: string): URL {
	if (!URL.canParse(value)) throw tokenError(`The credential's "Token URL" is not a valid URL: "${value.slice(0, 100)}"`, 400);
	const url = new URL(value);
	if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url;
	throw tokenError(
		`The credential's "Token URL" must use https:// (got "${url.protocol}//${url.host}"); the client secret was not sent. Plain http:// is only accepted for loopback addresses.`,
		400,
	);
}

/**
 * A token POST answered with a redirect: following it would post the client secret again to
 * wherever it points. Status and Location are kept so the node transport reports a redirect.
 */
function redirectRefused(status: number, location: unknown, from: URL): Error {
	const target = typeof location === 'string' && URL.canParse(location, from.toString()) ? new URL(location, from).origin : 'no valid Location';
	return tokenError(
		`Sage DMO answered the token request with a redirect (HTTP ${status}) to ${target}; it was not followed, so the client secret was not sent there`,
		status,
		undefined,
		target.startsWith('http') ? { location: target } : {},
	);
}

export class SageDmoApi implements ICredentialType {
	name = 'sageDmoApi';

	displayName = 'Sage DMO API';

	documentationUrl = 'https://developer.sage.com/dmo/';

	icon = { light: 'file:../nodes/SageDmo/sageDmo.svg', dark: 'file:../nodes/SageDmo/sageDmo.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Client ID of the application registered at app-registry.sage.com',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'The tenant that accepted the application; sent as scope tenantid:<ID>',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: SDMO_DEFAULT_TOKEN_URL,
			description: 'Sage token API; the GraphQL URLs of the apps come from its answer',
		},
		RATE_LIMIT_WAIT_PROPERTY,
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'URLs',
			name: 'urls',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const tokenUrl = secureTokenUrl(String(credentials.tokenUrl || SDMO_DEFAULT_TOKEN_URL));
		const form = new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: String(credentials.clientId ?? ''),
			client_secret: String(credentials.clientSecret ?? ''),
			scope: `tenantid:${String(credentials.tenantId ?? '')}`,
		});
		let body: Json;
		try {
			body = (await this.helpers.httpRequest({
				method: 'POST',
				url: tokenUrl.toString(),
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
				body: form.toString(),
				json: true,
				disableFollowRedirect: true,
			})) as Json;
		} catch (error) {
			// Rethrown without the original: its request config holds the client secret.
			const response = (error as { response?: { status?: number; data?: unknown; headers?: Record<string, unknown> } }).response;
			const status = response?.status;
			if (status !== undefined && status >= 300 && status < 400) throw redirectRefused(status, response?.headers?.location, tokenUrl);
			if (status === 403) {
				throw tokenError(
					'Sage DMO refused the token request (403): either the client ID or client secret is wrong, or the tenant has not accepted this application. Check the credential, and ask the tenant administrator to accept the app.',
					403,
				);
			}
			if (status !== undefined) {
				throw tokenError(`Sage DMO token request failed (HTTP ${status}): ${extractSageError(response?.data)?.message.slice(0, 200) ?? 'no message'}`, status);
			}
			const code = (error as { code?: string }).code;
			throw tokenError(`Sage DMO token request failed: ${code ?? (error as Error).message}`, undefined, code);
		}
		if (typeof body?.access_token !== 'string' || body.access_token === '') {
			throw tokenError('Sage DMO token response has no access_token', 502);
		}
		return {
			accessToken: body.access_token,
			urls: JSON.stringify(body.urls ?? {}),
		};
	}

	// A function rather than a generic `=Bearer {{...}}` header: n8n would evaluate that
	// expression in an isolate on every request.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` } };
	}

	// A credential test is one request, and the app URLs are only known from a token response:
	// the test fetches a token, which proves the client ID, secret and tenant acceptance (403 otherwise).
	// n8n runs preAuthentication (which refuses a plain-http Token URL) before this request.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.tokenUrl}}',
			disableFollowRedirect: true,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: {
				grant_type: 'client_credentials',
				client_id: '={{$credentials.clientId}}',
				client_secret: '={{$credentials.clientSecret}}',
				scope: '=tenantid:{{$credentials.tenantId}}',
			},
		},
	};
}
