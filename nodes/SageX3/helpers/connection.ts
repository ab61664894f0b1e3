import { NodeOperationError, type IExecuteFunctions, type ILoadOptionsFunctions, type IPollFunctions } from 'n8n-workflow';

import { apiRootOf, regionalEndpointProblem, validRegionalEndpoints, X3_TOKEN_RENEWAL } from '../../shared/auth';
import { credentialSession, parseSecureUrl, rateLimitBudgetOf, type SageConnection } from '../../shared/transport';

export const X3_CREDENTIAL_TYPE = 'sageX3Api';

/** A node run, a parameter list being loaded, or a trigger's poll. */
export type X3Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface X3Connection {
	connection: SageConnection;
	/** Gateway every call goes to: the pairing endpoint when X3 sent one, else the chosen gateway. */
	apiRoot: string;
}

/** Built once per execution: tokens may only go to the credential's own gateway. */
export async function createX3Connection(this: X3Context): Promise<X3Connection> {
	const credentials = (await credentialSession.call(this, X3_CREDENTIAL_TYPE, X3_TOKEN_RENEWAL)).data;
	const endpoint = typeof credentials.endpoint === 'string' ? credentials.endpoint.trim() : '';
	const problem = endpoint ? regionalEndpointProblem(credentials, endpoint) : undefined;
	if (problem) {
		throw new NodeOperationError(this.getNode(), `The credential's "Regional Endpoint" was refused: ${problem}`, {
			description: `The client secret and the tokens are only sent to a Sage X3 gateway. Valid: ${validRegionalEndpoints(credentials)}. Nothing was sent.`,
		});
	}
	const apiRoot = apiRootOf(credentials);
	parseSecureUrl(this.getNode(), apiRoot, 'The Sage X3 gateway URL of the credential');
	return {
		apiRoot,
		connection: {
			credentialType: X3_CREDENTIAL_TYPE,
			allowedUrls: [apiRoot],
			token: X3_TOKEN_RENEWAL,
			retry: rateLimitBudgetOf(credentials),
			unauthorizedHint: 'If this keeps happening, the refresh token was revoked or expired: pair the credential again with the Sage X3 Pairing node',
		},
	};
}
