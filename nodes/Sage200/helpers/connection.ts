import { NodeOperationError, type IDataObject, type IExecuteFunctions, type ILoadOptionsFunctions, type INode, type IPollFunctions } from 'n8n-workflow';

import { parseSecureUrl, rateLimitBudgetOf, type RetryPolicy, type SageConnection } from '../../shared/transport';

export const CREDENTIAL_TYPE = 'sage200OAuth2Api';

const SITE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a Sage 200 call needs beyond the OAuth token n8n adds: the API root and the gateway key. */
export interface Sage200Account {
	baseUrl: string;
	subscriptionApiKey: string;
	rateLimit: Pick<RetryPolicy, 'rateLimitBudgetMs'>;
}

export interface CompanySite {
	companyId: string;
	siteId: string;
}

/** Read the credential once per execution: API base URL and subscription key, checked before any request. */
export async function getSage200Account(this: IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions, itemIndex?: number): Promise<Sage200Account> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	const node = this.getNode();
	const subscriptionApiKey = typeof credentials.subscriptionApiKey === 'string' ? credentials.subscriptionApiKey.trim() : '';
	if (!subscriptionApiKey) {
		throw new NodeOperationError(node, 'The Sage 200 credential has no subscription key', {
			itemIndex,
			description: 'Enter your Sage developer subscription key (ocp-apim-subscription-key) in the credential.',
		});
	}
	const edition = credentials.edition === 'sage200' ? 'sage200' : 'sage200extra';
	const override = typeof credentials.apiBaseUrl === 'string' ? credentials.apiBaseUrl.trim() : '';
	const raw = override || `https://api.columbus.sage.com/uk/${edition}/accounts/v1/`;
	const url = parseSecureUrl(node, raw, 'The Sage 200 API base URL', itemIndex);
	// n8n posts the client secret and the refresh token there when the access token expires.
	if (typeof credentials.accessTokenUrl === 'string' && credentials.accessTokenUrl.trim()) {
		parseSecureUrl(node, credentials.accessTokenUrl.trim(), 'The credential\'s Access Token URL', itemIndex);
	}
	const baseUrl = url.toString().endsWith('/') ? url.toString() : `${url.toString()}/`;
	return { baseUrl, subscriptionApiKey, rateLimit: rateLimitBudgetOf(credentials) };
}

/** A connection for account-wide calls (GET sites): no company or site headers. */
export function accountConnection(account: Sage200Account): SageConnection {
	return {
		credentialType: CREDENTIAL_TYPE,
		allowedUrls: [account.baseUrl],
		token: { kind: 'oAuth2' },
		// The gateway answers 504 while the on-premise site is unreachable; a few tries are enough.
		retry: { maxAttempts: 3, ...account.rateLimit },
		headers: { 'ocp-apim-subscription-key': account.subscriptionApiKey },
		unauthorizedHint: 'Check the subscription key and reconnect the Sage 200 credential if the Sage ID sign-in expired',
	};
}

/** A connection bound to one company on one site (X-Company / X-Site on every request). */
export function companyConnection(account: Sage200Account, target: CompanySite): SageConnection {
	const base = accountConnection(account);
	return { ...base, headers: { ...base.headers, 'X-Company': target.companyId, 'X-Site': target.siteId } };
}

/** The value of a resourceLocator parameter (or a plain string from older workflows / expressions). */
export function locatorValue(value: unknown): string {
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) {
		const inner = (value as IDataObject).value;
		return inner === undefined || inner === null ? '' : String(inner).trim();
	}
	return value === undefined || value === null ? '' : String(value).trim();
}

/** Company and site of an item, checked before any request. */
export function readCompanySite(node: INode, company: unknown, site: unknown, itemIndex?: number): CompanySite {
	const siteId = locatorValue(site);
	if (!siteId) {
		throw new NodeOperationError(node, 'Choose a Site: "Site" is empty', { itemIndex, description: 'Pick a site from the list or enter its site ID (a GUID).' });
	}
	if (!SITE_ID.test(siteId)) {
		throw new NodeOperationError(node, `"Site" must be a site ID (a GUID such as 5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01), got "${siteId}"`, { itemIndex });
	}
	const companyId = locatorValue(company);
	if (!companyId) {
		throw new NodeOperationError(node, 'Choose a Company: "Company" is empty', { itemIndex, description: 'Pick a company from the list or enter its company ID (a number).' });
	}
	if (!/^\d+$/.test(companyId)) {
		throw new NodeOperationError(node, `"Company" must be a company ID (a whole number), got "${companyId}"`, { itemIndex });
	}
	return { companyId, siteId };
}
