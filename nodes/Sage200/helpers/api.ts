import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type ILoadOptionsFunctions,
	type IPollFunctions,
	type JsonObject,
} from 'n8n-workflow';

import { sageRequest, type SageConnection, type SageRequest, type SageResponse } from '../../shared/transport';
import { asNodeError } from '../../shared/utils';
import { accountConnection, type Sage200Account } from './connection';

/** A node run, a list being loaded in the editor, or a trigger's poll. */
export type Sage200Context = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;
type Context = Sage200Context;

export interface Sage200Site extends IDataObject {
	company_id: number;
	company_name: string;
	site_id: string;
	site_name: string;
	site_short_name?: string;
}

const SITE_DOWN =
	"The Sage 200 site did not respond: the on-premise connection (Sage 200 API service or Azure relay) is down";

/** Clear messages for what the API Management gateway and Sage 200 answer, keeping Sage's own words in the description. */
function explain(error: NodeApiError, action: string): NodeApiError {
	const response = (error.errorResponse ?? {}) as JsonObject;
	const status = Number(error.httpCode ?? response.httpCode);
	const code = typeof response.sageCode === 'string' ? response.sageCode : undefined;
	const sageMessage = typeof response.message === 'string' ? response.message : error.message;
	let message: string | undefined;
	let hint: string | undefined;
	if (status === 504) {
		message = `${action} failed: ${SITE_DOWN}`;
		hint = 'Ask the Sage 200 administrator to check the on-premise API service, then try again.';
	} else if (code === 'HeaderNotFound') {
		message = `${action} failed: Sage 200 rejected the request because a required header is missing (${sageMessage})`;
		hint = 'Choose a Company and a Site in the node.';
	} else if (status === 401 && /subscription key/i.test(sageMessage)) {
		message = `${action} failed: the Sage API gateway rejected the subscription key (${sageMessage})`;
		hint = 'Check the Subscription Key in the Sage 200 credential.';
	} else if (status === 401) {
		message = `${action} failed: Sage ID did not accept the access token (${sageMessage})`;
		hint = 'Reconnect the Sage 200 credential.';
	} else if (code === 'AccessDenied') {
		message = `${action} failed: ${sageMessage}`;
		hint = 'Check that the Company belongs to the Site and that the signed-in Sage ID user may use it.';
	}
	if (!message) return error;
	return new NodeApiError(error.node, { ...response, message: sageMessage }, {
		message,
		description: [error.description, hint].filter(Boolean).join('. '),
		httpCode: String(status || ''),
		itemIndex: (error.context?.itemIndex as number | undefined) ?? undefined,
	});
}

/** Every Sage 200 request of the node goes through here (and so through the shared transport). */
export async function sage200Request<T>(
	this: Context,
	connection: SageConnection,
	baseUrl: string,
	request: Pick<SageRequest, 'qs' | 'itemIndex' | 'keepJsonBytes' | 'readJson' | 'onHeaders'> & { method: IHttpRequestMethods; path: string; body?: IDataObject; action: string },
): Promise<SageResponse<T>> {
	try {
		return (await sageRequest.call(this, connection, {
			method: request.method,
			url: new URL(request.path, baseUrl).toString(),
			qs: request.qs,
			body: request.body,
			headers: request.body ? { 'content-type': 'application/json' } : undefined,
			action: request.action,
			itemIndex: request.itemIndex,
			keepJsonBytes: request.keepJsonBytes,
			readJson: request.readJson,
			onHeaders: request.onHeaders,
		})) as SageResponse<T>;
	} catch (error) {
		throw error instanceof NodeApiError ? explain(error, request.action) : asNodeError(this.getNode(), error, request.itemIndex);
	}
}

/** GET sites: the companies and sites the signed-in user may use. Empty means the site is offline. */
export async function listSites(this: Context, account: Sage200Account, itemIndex?: number): Promise<Sage200Site[]> {
	const response = await sage200Request.call(this, accountConnection(account), account.baseUrl, {
		method: 'GET',
		path: 'sites',
		action: 'Listing Sage 200 sites',
		itemIndex,
	});
	const sites = Array.isArray(response.body) ? (response.body as Sage200Site[]) : [];
	if (sites.length === 0) {
		throw new NodeOperationError(this.getNode(), `Sage 200 returned no sites: ${SITE_DOWN}, or the Sage ID user has no site access`, {
			itemIndex,
			description: 'GET sites answered with an empty list.',
		});
	}
	return sites;
}
