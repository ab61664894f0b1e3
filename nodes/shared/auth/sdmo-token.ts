import { requestToken, TokenRequestError, type HttpRequest, type TokenFailure } from './token-request';

export const SDMO_DEFAULT_TOKEN_URL = 'https://api.erp.sage.com/v1/token';

/**
 * The hosts Sage documents for DMO: the token API (api.erp.sage.com), the URLs of its example
 * token answer (api.eu.erp.sage.com) and the GraphQL host of its request example
 * (api.na.sageintacctmanufacturing.com). Listed, not derived: a parent domain such as co.uk is
 * not Sage's.
 */
export const SDMO_SAGE_ORIGINS: readonly string[] = [
	'https://api.erp.sage.com',
	'https://api.eu.erp.sage.com',
	'https://api.na.sageintacctmanufacturing.com',
];

/** Where the token may go: the token URL's exact origin, and Sage's documented DMO hosts. */
export function allowedUrlsFor(tokenUrl: URL): string[] {
	return [...new Set([tokenUrl.origin, ...SDMO_SAGE_ORIGINS])];
}

export interface SdmoCredentialData {
	clientId?: unknown;
	clientSecret?: unknown;
	tenantId?: unknown;
	tokenUrl?: unknown;
}

/** The credential's Token URL, or Sage's token API when it is empty. */
export const tokenUrlOf = (credentials: SdmoCredentialData) => String(credentials.tokenUrl || SDMO_DEFAULT_TOKEN_URL);

/** What the credential stores: n8n persists what preAuthentication returns. */
export type SdmoToken = {
	accessToken: string;
	/** The `urls` block of the answer (invalidateToken, apps.<app>.graphQL), as JSON text. */
	urls: string;
};

function tokenRequestError(failure: TokenFailure): TokenRequestError {
	const { status, code } = failure;
	if (status === 403) {
		return new TokenRequestError(
			'Sage DMO refused the token request (403): either the client ID or client secret is wrong, or the tenant has not accepted this application. Check the credential, and ask the tenant administrator to accept the app.',
			{ status },
		);
	}
	if (status !== undefined) {
		return new TokenRequestError(`Sage DMO token request failed (HTTP ${status}): ${failure.sageMessage?.slice(0, 200) ?? 'no message'}`, { status });
	}
	return new TokenRequestError(`Sage DMO token request failed: ${code ?? failure.networkMessage}`, { code });
}

/** OAuth2 client credentials for one tenant (`scope=tenantid:<ID>`), as a form. */
export async function requestSdmoToken(httpRequest: HttpRequest, credentials: SdmoCredentialData): Promise<SdmoToken> {
	const url = tokenUrlOf(credentials);
	const body = await requestToken(httpRequest, {
		url,
		urlName: 'The credential\'s "Token URL"',
		allowedUrls: URL.canParse(url) ? allowedUrlsFor(new URL(url)) : [],
		body: {
			form: {
				grant_type: 'client_credentials',
				client_id: String(credentials.clientId ?? ''),
				client_secret: String(credentials.clientSecret ?? ''),
				scope: `tenantid:${String(credentials.tenantId ?? '')}`,
			},
		},
		product: 'Sage DMO',
		notSent: 'the client secret was not sent there',
		failure: tokenRequestError,
	});
	if (typeof body.access_token !== 'string' || body.access_token === '') {
		throw new TokenRequestError('Sage DMO token response has no access_token', { status: 502 });
	}
	return { accessToken: body.access_token, urls: JSON.stringify(body.urls ?? {}) };
}
