import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject, type IExecuteFunctions, type ILoadOptionsFunctions } from 'n8n-workflow';

import { assertUrlAllowed, credentialSession, rateLimitBudgetOf, EXPIRABLE_ACCESS_TOKEN, parseSecureUrl, sageRequest, type SageConnection } from '../../shared/transport';

export const SDMO_CREDENTIAL_TYPE = 'sageDmoApi';
const DEFAULT_TOKEN_URL = 'https://api.erp.sage.com/v1/token';

export type SdmoContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface SdmoUrls {
	invalidateToken?: string;
	apps: Record<string, { graphQL?: string }>;
}

/** Everything one execution needs to talk to SDMO; built once per execution. */
export interface SdmoSession {
	connection: SageConnection;
	tokenUrl: URL;
	/** Read through `urls()`: a token refresh mid-execution may store new ones. */
	urls: () => Promise<SdmoUrls>;
}

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

function parseUrls(value: unknown): SdmoUrls | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	try {
		const parsed = JSON.parse(value) as IDataObject;
		if (!parsed || typeof parsed !== 'object' || !parsed.apps || typeof parsed.apps !== 'object') return undefined;
		return parsed as unknown as SdmoUrls;
	} catch {
		return undefined;
	}
}

export async function createSdmoSession(this: SdmoContext): Promise<SdmoSession> {
	const node = this.getNode();
	const credential = await credentialSession.call(this, SDMO_CREDENTIAL_TYPE, EXPIRABLE_ACCESS_TOKEN);
	const credentials = credential.data;
	const tokenUrl = parseSecureUrl(node, String(credentials.tokenUrl || DEFAULT_TOKEN_URL), 'The credential\'s Token URL');
	const connection: SageConnection = {
		credentialType: SDMO_CREDENTIAL_TYPE,
		allowedUrls: allowedUrlsFor(tokenUrl),
		token: EXPIRABLE_ACCESS_TOKEN,
		retry: rateLimitBudgetOf(credentials),
		unauthorizedHint: 'Sage DMO refused the access token even after fetching a new one; check the credential',
	};
	const urls = async (): Promise<SdmoUrls> => {
		const stored = parseUrls(credential.data.urls);
		if (stored) return stored;
		// The app URLs come only with a token. A credential that never fetched one has none: any
		// request makes the run fetch (and n8n store) a token first. That request itself goes to the
		// token URL's host and its answer does not matter.
		try {
			await sageRequest.call(this, connection, { method: 'HEAD', url: tokenUrl.toString(), action: 'Fetching a Sage DMO access token' });
		} catch (error) {
			const fresh = parseUrls(credential.data.urls);
			if (fresh) return fresh;
			// Already a NodeApiError from the transport: the constructor hands it back unchanged.
			throw new NodeApiError(node, error as JsonObject);
		}
		const fresh = parseUrls(credential.data.urls);
		if (fresh) return fresh;
		throw new NodeOperationError(node, 'The Sage DMO token response listed no app URLs', {
			description: 'The credential fetched a token, but the answer had no "urls.apps" block to find the GraphQL endpoints in.',
		});
	};
	return { connection, tokenUrl, urls };
}

/** The GraphQL URL of an app listed in the token response, checked against the host guard. */
export async function appGraphqlUrl(this: SdmoContext, session: SdmoSession, app: string, itemIndex?: number): Promise<string> {
	const node = this.getNode();
	const urls = await session.urls();
	const name = String(app ?? '').trim();
	if (!name) throw new NodeOperationError(node, '"App" must not be empty', { itemIndex, description: `Apps of this tenant: ${Object.keys(urls.apps).join(', ')}` });
	const url = urls.apps[name]?.graphQL;
	if (typeof url !== 'string' || url === '') {
		throw new NodeOperationError(node, `The tenant has no app "${name}"`, {
			itemIndex,
			description: `Apps listed in the token response: ${Object.keys(urls.apps).join(', ') || 'none'}`,
		});
	}
	return assertUrlAllowed(node, url, session.connection.allowedUrls, `The GraphQL URL of app "${name}"`, itemIndex).toString();
}
