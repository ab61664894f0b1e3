import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/** X3's two regional production gateways (SAGE-API-NOTES §1: `https://api.<region>-sagex3.com/v1`). */
export const X3_GATEWAYS = {
	europe: 'https://api.eu-prod-sagex3.com/v1',
	northAmerica: 'https://api.us-prod-sagex3.com/v1',
} as const;

export const DEFAULT_X3_SCOPE = 'businessDomain.ALL api.graphQL';

export const PAIR_AGAIN_MESSAGE = 'The Sage X3 refresh token is no longer valid: pair the credential again';

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
 * transport reads `response.status` and `response.data`, wherever n8n wraps it.
 */
export class X3TokenError extends Error {
	readonly response: { status: number; data: IDataObject };

	constructor(status: number, message: string) {
		super(message);
		this.name = 'X3TokenError';
		this.response = { status, data: { message } };
	}
}

function sageMessageOf(error: unknown): { status: number; message: string } {
	const response = (error as { response?: { status?: number; data?: unknown; body?: unknown } })?.response;
	const status = typeof response?.status === 'number' ? response.status : 0;
	let body = response?.data ?? response?.body;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			// keep the text
		}
	}
	const record = (body && typeof body === 'object' ? body : {}) as IDataObject;
	const message = [record.$message, record.error_description, record.message, record.error, typeof body === 'string' ? body : undefined].find(
		(value): value is string => typeof value === 'string' && value.trim() !== '',
	);
	return { status, message: message?.slice(0, 300) ?? (error instanceof Error && !status ? error.message : '') };
}

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/i;

/** Secrets only travel over https (plain http is accepted on loopback, for the local sandbox). */
export function assertSecureRoot(apiRoot: string): URL {
	if (!URL.canParse(apiRoot)) throw new X3TokenError(400, `The Sage X3 gateway URL is not a valid URL: "${apiRoot}"`);
	const url = new URL(apiRoot);
	if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname))) return url;
	throw new X3TokenError(400, `The Sage X3 gateway URL must use https:// (got "${url.protocol}//${url.host}")`);
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
	assertSecureRoot(apiRoot);
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
			timeout: 30_000,
		});
	} catch (error) {
		failure = error;
	}
	if (failure !== undefined) throw tokenRequestError(grant, failure);
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
