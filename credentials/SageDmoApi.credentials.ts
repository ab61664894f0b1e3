import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import { ACCESS_TOKEN_PROPERTY, authenticateWithAccessToken, requestSdmoToken, SDMO_DEFAULT_TOKEN_URL } from '../nodes/shared/auth';
import { RATE_LIMIT_WAIT_PROPERTY } from '../nodes/shared/transport/retry';

export class SageDmoApi implements ICredentialType {
	name = 'sageDmoApi';

	displayName = 'Sage DMO API';

	documentationUrl = 'https://developer.sage.com/dmo/';

	icon = { light: 'file:../nodes/SageDmo/sageDmo.svg', dark: 'file:../nodes/SageDmo/sageDmo.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'Client ID of the application registered at app-registry.sage.com',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Tenant ID',
			name: 'tenantId',
			type: 'string',
			default: '',
			required: true,
			description: 'The tenant that accepted the application; sent as scope tenantid:<ID>',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: SDMO_DEFAULT_TOKEN_URL,
			description: 'Sage token API; the GraphQL URLs of the apps come from its answer',
		},
		RATE_LIMIT_WAIT_PROPERTY,
		ACCESS_TOKEN_PROPERTY,
		{
			displayName: 'URLs',
			name: 'urls',
			type: 'hidden',
			default: '',
		},
	];

	// n8n runs preAuthentication before a credential test's request too, so the Token URL checks
	// and the refusal of redirects in requestSdmoToken guard the test as well.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await requestSdmoToken(async (options) => await this.helpers.httpRequest(options), credentials);
	}

	authenticate = authenticateWithAccessToken;

	// A credential test is one request, and the app URLs are only known from a token response:
	// the test fetches a token, which proves the client ID, secret and tenant acceptance (403 otherwise).
	// n8n runs preAuthentication (which refuses a plain-http Token URL) before this request.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.tokenUrl}}',
			disableFollowRedirect: true,
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: {
				grant_type: 'client_credentials',
				client_id: '={{$credentials.clientId}}',
				client_secret: '={{$credentials.clientSecret}}',
				scope: '=tenantid:{{$credentials.tenantId}}',
			},
		},
	};
}
