/* Credential data for the sandbox, as n8n stores it once a credential is connected. */
import type { IDataObject } from 'n8n-workflow';

/** A Sage 200 credential after the OAuth2 callback: `tokenData` is what Sage ID answered. */
export function sage200CredentialData(s200: { demo: IDataObject; issue(): IDataObject }, tokenData: IDataObject = s200.issue()): IDataObject {
	const demo = s200.demo as Record<string, string>;
	return {
		clientId: demo.clientId,
		clientSecret: demo.clientSecret,
		authUrl: demo.authorizeUrl,
		accessTokenUrl: demo.tokenUrl,
		edition: 'sage200extra',
		apiBaseUrl: demo.baseUrl,
		subscriptionApiKey: demo.subscriptionKey,
		oauthTokenData: tokenData,
	};
}
