import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	INodeProperties,
} from 'n8n-workflow';

import {
	ACCESS_TOKEN_PROPERTY,
	apiRootOf,
	authenticateWithAccessToken,
	PAIR_AGAIN_MESSAGE,
	requestX3Token,
	TokenRequestError,
	X3_GATEWAYS,
} from '../nodes/shared/auth';
import { RATE_LIMIT_WAIT_PROPERTY } from '../nodes/shared/transport/retry';

export class SageX3Api implements ICredentialType {
	name = 'sageX3Api';

	displayName = 'Sage X3 API';

	icon = { light: 'file:../nodes/SageX3/sageX3.svg', dark: 'file:../nodes/SageX3/sageX3.dark.svg' } as const;

	documentationUrl = 'https://developer.sage.com/x3/';

	properties: INodeProperties[] = [
		{
			displayName:
				'Fill in the application fields, save, then pair with the "Sage X3 Pairing" node: it fills nothing by itself, it shows the refresh token (and an endpoint, if X3 sends one) to paste below.',
			name: 'pairingNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: 'Client ID of the application registered in the Sage X3 developer portal',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Gateway',
			name: 'gateway',
			type: 'options',
			options: [
				{ name: 'Europe', value: 'europe', description: X3_GATEWAYS.europe },
				{ name: 'North America', value: 'northAmerica', description: X3_GATEWAYS.northAmerica },
				{ name: 'Custom URL', value: 'custom' },
			],
			default: 'europe',
			description: 'Sage X3 cloud gateway where pairing starts',
		},
		{
			displayName: 'Custom Gateway URL',
			name: 'customGatewayUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api.eu-prod-sagex3.com/v1',
			displayOptions: { show: { gateway: ['custom'] } },
		},
		{
			displayName: 'Customer X3 URL',
			name: 'customerUrl',
			type: 'string',
			default: '',
			placeholder: 'https://x3.customer.com',
			description: 'URL of the customer X3 instance, sent as "customer" when pairing',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'multiOptions',
			options: [
				{ name: 'All Business Domains (businessDomain.ALL)', value: 'businessDomain.ALL' },
				{ name: 'Data Delivery (api.dataDelivery)', value: 'api.dataDelivery' },
				{ name: 'GraphQL (api.graphQL)', value: 'api.graphQL' },
			],
			default: ['businessDomain.ALL', 'api.graphQL'],
			description: 'What the pairing asks X3 to grant; changing it requires pairing again',
		},
		{
			displayName: 'Refresh Token',
			name: 'refreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Shown by the Sage X3 Pairing page; n8n replaces it with the new one X3 issues at every refresh',
		},
		{
			displayName: 'Regional Endpoint',
			name: 'endpoint',
			type: 'string',
			default: '',
			placeholder: 'https://api.us-prod-sagex3.com/v1',
			description: 'Only when the pairing page shows one: X3 then requires every call to go to this gateway',
		},
		RATE_LIMIT_WAIT_PROPERTY,
		ACCESS_TOKEN_PROPERTY,
	];

	// X3 rotates the refresh token at every refresh: the new one is returned so n8n stores it.
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const refreshToken = typeof credentials.refreshToken === 'string' ? credentials.refreshToken.trim() : '';
		if (!refreshToken) throw new TokenRequestError(`${PAIR_AGAIN_MESSAGE} (the Refresh Token field is empty)`, { status: 400 });
		const token = await requestX3Token(
			async (options) => await this.helpers.httpRequest(options),
			apiRootOf(credentials),
			credentials,
			{ grant_type: 'refresh_token', refresh_token: refreshToken },
		);
		return { accessToken: token.access_token, refreshToken: token.refresh_token };
	}

	authenticate = authenticateWithAccessToken;

	// n8n runs preAuthentication before a credential test's request, so the gateway checks and the
	// refusal of redirects in requestX3Token apply to the test too.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.endpoint || ($credentials.gateway === "custom" ? $credentials.customGatewayUrl : ($credentials.gateway === "northAmerica" ? "' +
				X3_GATEWAYS.northAmerica +
				'" : "' +
				X3_GATEWAYS.europe +
				'"))).replace(/\\/+$/, "") }}',
			url: '/folders',
			disableFollowRedirect: true,
		},
	};
}
