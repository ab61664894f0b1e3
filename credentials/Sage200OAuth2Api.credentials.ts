import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { RATE_LIMIT_WAIT_PROPERTY } from '../nodes/shared/transport/retry';

/** Sage ID's production address; another Sage ID tenant (a test one) is set in Authorization URL and Access Token URL. */
export const SAGE_ID_URL = 'https://id.sage.com';
export const SAGE_200_AUDIENCE = 's200ukipd/sage200';
export const SAGE_200_SCOPE = 'openid profile email offline_access';

export class Sage200OAuth2Api implements ICredentialType {
	name = 'sage200OAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Sage 200 OAuth2 API';

	documentationUrl = 'https://developer.sage.com/200/guides/getting-started/authentication/';

	icon = { light: 'file:../nodes/Sage200/sage200.svg', dark: 'file:../nodes/Sage200/sage200.dark.svg' } as const;

	properties: INodeProperties[] = [
		{ displayName: 'Grant Type', name: 'grantType', type: 'hidden', default: 'authorizationCode' },
		// Visible on purpose: n8n always takes hidden OAuth URLs from the credential type, and a
		// default computed by an expression would be evaluated on every request (~1 ms each).
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			default: `${SAGE_ID_URL}/authorize`,
			description: 'Sage ID\'s authorization endpoint; keep the default unless you connect to a test Sage ID tenant',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: `${SAGE_ID_URL}/oauth/token`,
			description: 'Sage ID\'s token endpoint; keep the default unless you connect to a test Sage ID',
		},
		// Sage ID (Auth0) only issues Sage 200 tokens for this audience.
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: `audience=${SAGE_200_AUDIENCE}` },
		{ displayName: 'Scope', name: 'scope', type: 'hidden', default: SAGE_200_SCOPE },
		// Sage's token endpoint expects client_id and client_secret in the form body.
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		{
			displayName: 'Edition',
			name: 'edition',
			type: 'options',
			options: [
				{ name: 'Sage 200 Professional', value: 'sage200extra' },
				{ name: 'Sage 200 Standard Online', value: 'sage200' },
			],
			default: 'sage200extra',
			description: 'Which Sage 200 product the API calls go to',
		},
		{
			displayName: 'Subscription Key',
			name: 'subscriptionApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Your Sage developer subscription key, sent as the ocp-apim-subscription-key header',
		},
		{
			displayName: 'API Base URL Override',
			name: 'apiBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.columbus.sage.com/uk/sage200extra/accounts/v1/',
			description:
				'Full versioned API base URL for another region or a test gateway; leave empty to use the UK gateway for the selected edition',
		},
		RATE_LIMIT_WAIT_PROPERTY,
	];

	// GET sites needs no company or site, so it proves the token and the subscription key together.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.apiBaseUrl ? $credentials.apiBaseUrl : "https://api.columbus.sage.com/uk/" + $credentials.edition + "/accounts/v1/"}}',
			url: 'sites',
			headers: { 'ocp-apim-subscription-key': '={{$credentials.subscriptionApiKey}}' },
		},
	};
}
