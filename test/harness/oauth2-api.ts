/**
 * n8n's generic OAuth2 credential (n8n-nodes-base/credentials/OAuth2Api.credentials.ts), the
 * parent of every `extends: ['oAuth2Api']` credential. n8n-nodes-base is not a dependency of this
 * package, so its properties (names and defaults that n8n-core's OAuth2 code reads) live here.
 */
import type { ICredentialType } from 'n8n-workflow';

export const oAuth2ApiType: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{ displayName: 'Use Dynamic Client Registration', name: 'useDynamicClientRegistration', type: 'boolean', default: false },
		{ displayName: 'Grant Type', name: 'grantType', type: 'options', options: [
			{ name: 'Authorization Code', value: 'authorizationCode' },
			{ name: 'Client Credentials', value: 'clientCredentials' },
			{ name: 'PKCE', value: 'pkce' },
		], default: 'authorizationCode' },
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '', required: true },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '', required: true },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'string', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'options', options: [
			{ name: 'Body', value: 'body' },
			{ name: 'Header', value: 'header' },
		], default: 'header' },
		{ displayName: 'Ignore SSL Issues (Insecure)', name: 'ignoreSSLIssues', type: 'boolean', default: false },
	],
};
