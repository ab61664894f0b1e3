import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { TokenRenewal } from '../../shared/transport/credential-session';
import { extractSageError, toHttpFailure } from '../../shared/transport/errors';
import { isLoopbackHost } from '../../shared/transport/host-guard';

/** X3's two regional production gateways (SAGE-API-NOTES §1: `https://api.<region>-sagex3.com/v1`). */
export const X3_GATEWAYS = {
	europe: 'https://api.eu-prod-sagex3.com/v1',
	northAmerica: 'https://api.us-prod-sagex3.com/v1',
} as const;

export const DEFAULT_X3_SCOPE = 'businessDomain.ALL api.graphQL';

export const PAIR_AGAIN_MESSAGE = 'The Sage X3 refresh token is no longer valid: pair the credential again';

/**
 * X3 access tokens are renewed through the credential's preAuthentication, with a refresh token
 * X3 accepts once and replaces at every refresh: the transport spends each one at most once.
 */
export const X3_TOKEN_RENEWAL: TokenRenewal = {
	kind: 'preAuthentication',
	tokenField: 'accessToken',
	rotatingRefreshToken: { field: 'refreshToken', reauthorise: 'pair the credential again with the Sage X3 Pairing node' },
};

export interface X3CredentialData {
	clientId?: unknown;
	clientSecret?: unknown;
	gateway?: unknown;
	customGatewayUrl?: unknown;
	customerUrl?: unknown;
	scope?: unknown;
	refreshToken?: unknown;
	endpoint?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

const withoutTrailingSlash = (url: string) => url.replace(/\/+$/, '');

/** The gateway the user chose (where pairing starts). */
export function gatewayUrlOf(credentials: X3CredentialData): string {
	const gateway = text(credentials.gateway);
	if (gateway === 'custom') return withoutTrailingSlash(text(credentials.customGatewayUrl));
	return X3_GATEWAYS[gateway as keyof typeof X3_GATEWAYS] ?? X3_GATEWAYS.europe;
}

/** Where every call goes: the endpoint X3 returned at pairing, else the chosen gateway. */
export function apiRootOf(credentials: X3CredentialData): string {
	return withoutTrailingSlash(text(credentials.endpoint)) || gatewayUrlOf(credentials);
}

export function scopeOf(credentials: X3CredentialData): string {
	const scope = credentials.scope;
	const values = Array.isArray(scope) ? scope.map(String) : text(scope).split(/\s+/);
	const joined = values.filter(Boolean).join(' ');
	return joined || DEFAULT_X3_SCOPE;
}

export interface X3TokenResponse {
	access_token: string;
	refresh_token: string;
	expires_in?: number;
	refresh_token_expires_in?: number;
	scope?: string;
	token_type?: string;
}

export type TokenGrant =
	| { grant_type: 'refresh_token'; refresh_token: string }
	| { grant_type: 'authorization_code'; code: string; redirect_uri: string };

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/**
 * An error shaped like an HTTP failure whose body holds a message safe to show: the shared
 * transport reads `response.status` and `response.data`, wherever n8n wraps it; n8n's credential
 * test shows `response.statusText`.
 */
export class X3TokenError extends Error {
	readonly response: { status: number; statusText: string; data: IDataObject; headers: Record<string, string> };

	constructor(status: number, message: string, headers: Record<string, string> = {}) {
		super(message);
		this.name = 'X3TokenError';
		this.response = { status, statusText: message, data: { message }, headers };
	}
}

function sageMessageOf(error: unknown): { status: number; message: string } {
	const failure = toHttpFailure(error);
	const message = extractSageError(failure.body)?.message;
	return { status: failure.status ?? 0, message: message?.slice(0, 300) ?? (error instanceof Error && !failure.status ? error.message : '') };
}

/** Secrets only travel over https (plain http is accepted on loopback, for the local sandbox). */
export function assertSecureRoot(apiRoot: string): URL {
	if (!URL.canParse(apiRoot)) throw new X3TokenError(400, `The Sage X3 gateway URL is not a valid URL: "${apiRoot.slice(0, 100)}"`);
	const url = new URL(apiRoot);
	if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url;
	throw new X3TokenError(400, `The Sage X3 gateway URL must use https:// (got "${url.protocol}//${url.host}")`);
}

const X3_GATEWAY_HOSTS: readonly string[] = Object.values(X3_GATEWAYS).map((gateway) => new URL(gateway).host);

const customGatewayOf = (credentials: X3CredentialData): URL | undefined =>
	text(credentials.gateway) === 'custom' && URL.canParse(gatewayUrlOf(credentials)) ? new URL(gatewayUrlOf(credentials)) : undefined;

/** What a Regional Endpoint may be, for this credential (shown when one is refused). */
export function validRegionalEndpoints(credentials: X3CredentialData): string {
	const valid: string[] = [...Object.values(X3_GATEWAYS)];
	const custom = customGatewayOf(credentials);
	if (custom) valid.push(`${custom.origin}/.../v1 (the Custom Gateway URL's host)`);
	return `${valid.join(', ')}, or empty to use the Gateway`;
}

/**
 * Why `endpoint` cannot be the credential's Regional Endpoint, or undefined when it can. The client
 * secret and the refresh token are sent there, and X3 (or whoever answers the pairing callback)
 * chooses it: so only X3's own regional gateways (https, default port, `/v1`) qualify, or a
 * `.../v1` root on the host of the Custom Gateway URL the user typed.
 */
export function regionalEndpointProblem(credentials: X3CredentialData, endpoint: string): string | undefined {
	if (!URL.canParse(endpoint)) return 'it is not a valid URL';
	const url = new URL(endpoint);
	if (url.username || url.password || url.search || url.hash) return 'it must not carry a user name, a password, a query or a fragment';
	const path = url.pathname.replace(/\/$/, '');
	if (X3_GATEWAY_HOSTS.includes(url.host) && url.protocol === 'https:') {
		return path === '/v1' ? undefined : `the path must be /v1 (got "${url.pathname}")`;
	}
	const custom = customGatewayOf(credentials);
	if (custom && url.protocol === custom.protocol && url.host === custom.host) {
		if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return 'it must use https://';
		return path.endsWith('/v1') ? undefined : `the path must end with /v1 (got "${url.pathname}")`;
	}
	return `${url.protocol}//${url.host} is not a Sage X3 gateway`;
}

/**
 * The URL a token request may go to: the gateway the user chose (https, or loopback http), or a
 * Regional Endpoint that passes `regionalEndpointProblem`.
 */
function assertTokenRoot(apiRoot: string, credentials: X3CredentialData): void {
	const root = withoutTrailingSlash(apiRoot);
	if (root === gatewayUrlOf(credentials)) {
		assertSecureRoot(root);
		return;
	}
	const problem = regionalEndpointProblem(credentials, root);
	if (problem) {
		throw new X3TokenError(
			400,
			`The credential's "Regional Endpoint" was refused: ${problem}; nothing was sent. Valid: ${validRegionalEndpoints(credentials)}`,
		);
	}
}

/** Where a redirect pointed, reduced to its origin (the Location's query is not repeated). */
function redirectTargetOf(location: unknown, from: string): string {
	if (typeof location !== 'string' || location === '') return 'no Location';
	return URL.canParse(location, from) ? new URL(location, from).origin : 'an invalid Location';
}

/**
 * A token POST answered with a redirect. Following it would re-send the client secret and the
 * refresh token (a 307 keeps the body) to wherever it points, and store that host's answer as the
 * credential's tokens. The status and Location are kept so the node transport reports a redirect.
 */
function redirectRefused(failure: unknown, from: string): X3TokenError | undefined {
	const response = (failure as { response?: { status?: number; headers?: Record<string, unknown> } })?.response;
	const status = response?.status;
	if (typeof status !== 'number' || status < 300 || status > 399) return undefined;
	const target = redirectTargetOf(response?.headers?.location, from);
	return new X3TokenError(
		status,
		`The Sage X3 token endpoint answered with a redirect (HTTP ${status}) to ${target}; it was not followed, so neither the client secret nor the refresh token was sent there`,
		target.startsWith('http') ? { location: target } : {},
	);
}

/** The one clear error a failed token request becomes; built from Sage's answer, never the request. */
function tokenRequestError(grant: TokenGrant, failure: unknown): X3TokenError {
	const { status, message } = sageMessageOf(failure);
	if (grant.grant_type === 'refresh_token' && (status === 400 || status === 401 || status === 403) && !/client/i.test(message)) {
		return new X3TokenError(status, PAIR_AGAIN_MESSAGE);
	}
	if (/client credentials|client_id|client_secret/i.test(message)) {
		return new X3TokenError(status || 401, `Sage X3 refused the Client ID or Client Secret: ${message}`);
	}
	return new X3TokenError(status || 502, `The Sage X3 token request failed${message ? `: ${message}` : ''}`);
}

/**
 * POST a JSON token request to `<root>/token` (X3 refuses form bodies). Errors never carry the
 * request, so neither the client secret nor a token can leak through them.
 */
export async function requestX3Token(
	httpRequest: HttpRequest,
	apiRoot: string,
	credentials: X3CredentialData,
	grant: TokenGrant,
): Promise<X3TokenResponse> {
	assertTokenRoot(apiRoot, credentials);
	const clientId = text(credentials.clientId);
	const clientSecret = text(credentials.clientSecret);
	if (!clientId || !clientSecret) throw new X3TokenError(400, 'The Sage X3 credential needs a Client ID and a Client Secret');
	let response: unknown;
	let failure: unknown;
	try {
		response = await httpRequest({
			method: 'POST',
			url: `${withoutTrailingSlash(apiRoot)}/token`,
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: { ...grant, client_id: clientId, client_secret: clientSecret },
			json: true,
			disableFollowRedirect: true,
			timeout: 30_000,
		});
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) throw redirectRefused(failure, apiRoot) ?? tokenRequestError(grant, failure);
	const token = (typeof response === 'string' ? JSON.parse(response) : response) as Partial<X3TokenResponse>;
	if (!token || typeof token.access_token !== 'string' || typeof token.refresh_token !== 'string') {
		throw new X3TokenError(502, 'The Sage X3 token endpoint answered without an access token and a refresh token');
	}
	return token as X3TokenResponse;
}

/** Folder names granted by a token's scope ("... folder.SEED folder.X3"). */
export const foldersOfScope = (scope: string | undefined) =>
	(scope ?? '')
		.split(/\s+/)
		.filter((part) => part.startsWith('folder.'))
		.map((part) => part.slice('folder.'.length));
