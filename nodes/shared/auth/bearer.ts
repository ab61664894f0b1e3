import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

/**
 * The access token of a credential renewed by preAuthentication (X3, SDMO): n8n runs
 * preAuthentication while this hidden expirable field is empty, and stores what it returns.
 */
export const ACCESS_TOKEN_PROPERTY: INodeProperties = {
	displayName: 'Access Token',
	name: 'accessToken',
	type: 'hidden',
	typeOptions: { expirable: true, password: true },
	default: '',
};

/**
 * The credential's `authenticate`. A function rather than a generic `=Bearer {{...}}` header:
 * n8n would evaluate that expression in an isolate on every request.
 */
export async function authenticateWithAccessToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.accessToken ?? '')}` } };
}
