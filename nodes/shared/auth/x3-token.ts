import type { TokenRenewal } from '../transport/credential-session';
import { isSecureUrl } from '../transport/host-guard';
import { requestToken, TokenRequestError, type HttpRequest, type TokenFailure } from './token-request';

/** X3's two regional production gateways (`https://api.<region>-sagex3.com/v1`). */
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
		if (!isSecureUrl(url)) return 'it must use https://';
		return path.endsWith('/v1') ? undefined : `the path must end with /v1 (got "${url.pathname}")`;
	}
	return `${url.protocol}//${url.host} is not a Sage X3 gateway`;
}

/**
 * Where this credential's secrets may go: the gateway the user chose, X3's regional gateways, and
 * (with a Custom Gateway URL) its host, where a Regional Endpoint may put its /v1 root.
 */
function tokenHostsOf(credentials: X3CredentialData): string[] {
	const custom = customGatewayOf(credentials);
	return [gatewayUrlOf(credentials), ...Object.values(X3_GATEWAYS), ...(custom ? [custom.origin] : [])];
}

/** Refuses a token root that is neither the chosen gateway nor an acceptable Regional Endpoint. */
function assertTokenRoot(apiRoot: string, credentials: X3CredentialData): void {
	const root = withoutTrailingSlash(apiRoot);
	if (root === gatewayUrlOf(credentials)) return;
	const problem = regionalEndpointProblem(credentials, root);
	if (problem) {
		throw new TokenRequestError(
			`The credential's "Regional Endpoint" was refused: ${problem}; nothing was sent. Valid: ${validRegionalEndpoints(credentials)}`,
			{ status: 400 },
		);
	}
}

/** The one clear error a failed token request becomes; built from Sage's answer, never the request. */
function tokenRequestError(grant: TokenGrant, failure: TokenFailure): TokenRequestError {
	const status = failure.status ?? 0;
	const message = failure.sageMessage?.slice(0, 300) ?? (status ? '' : failure.networkMessage ?? '');
	if (grant.grant_type === 'refresh_token' && (status === 400 || status === 401 || status === 403) && !/client/i.test(message)) {
		return new TokenRequestError(PAIR_AGAIN_MESSAGE, { status });
	}
	if (/client credentials|client_id|client_secret/i.test(message)) {
		return new TokenRequestError(`Sage X3 refused the Client ID or Client Secret: ${message}`, { status: status || 401 });
	}
	return new TokenRequestError(`The Sage X3 token request failed${message ? `: ${message}` : ''}`, { status: status || 502 });
}

/** POST a JSON token request to `<root>/token` (X3 refuses form bodies). */
export async function requestX3Token(
	httpRequest: HttpRequest,
	apiRoot: string,
	credentials: X3CredentialData,
	grant: TokenGrant,
): Promise<X3TokenResponse> {
	assertTokenRoot(apiRoot, credentials);
	const clientId = text(credentials.clientId);
	const clientSecret = text(credentials.clientSecret);
	if (!clientId || !clientSecret) throw new TokenRequestError('The Sage X3 credential needs a Client ID and a Client Secret', { status: 400 });
	const token = (await requestToken(httpRequest, {
		url: `${withoutTrailingSlash(apiRoot)}/token`,
		urlName: 'The Sage X3 gateway URL',
		allowedUrls: tokenHostsOf(credentials),
		body: { json: { ...grant, client_id: clientId, client_secret: clientSecret } },
		product: 'Sage X3',
		notSent: 'neither the client secret nor the refresh token was sent there',
		failure: (failure) => tokenRequestError(grant, failure),
	})) as Partial<X3TokenResponse>;
	if (typeof token.access_token !== 'string' || typeof token.refresh_token !== 'string') {
		throw new TokenRequestError('The Sage X3 token endpoint answered without an access token and a refresh token', { status: 502 });
	}
	return token as X3TokenResponse;
}

/** Folder names granted by a token's scope ("... folder.SEED folder.X3"). */
export const foldersOfScope = (scope: string | undefined) =>
	(scope ?? '')
		.split(/\s+/)
		.filter((part) => part.startsWith('folder.'))
		.map((part) => part.slice('folder.'.length));
