import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
} from 'n8n-workflow';

import { runNode } from '../utils/node';
import { credentialErrorOf, sageApiError, toHttpFailure } from './errors';
import { credentialSession, type TokenRenewal } from './credential-session';
import { assertUrlAllowed } from './host-guard';
import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs, type RetryPolicy } from './retry';

export type SageContext = IExecuteFunctions | ILoadOptionsFunctions;

/** Where and how a node talks to one Sage product; built once per execution from its credential. */
export interface SageConnection {
	credentialType: string;
	/** URL prefixes (or "*.host" suffixes) the credential's token may be sent to. */
	allowedUrls: readonly string[];
	timeoutMs?: number;
	retry?: Partial<RetryPolicy>;
	/** Headers every request of this product carries (e.g. Sage 200's X-Company). */
	headers?: Record<string, string>;
	/** How the credential's token is renewed; without it a run only picks up a credential changed meanwhile. */
	token?: TokenRenewal;
	/** Advice added to a 401 error, e.g. "pair the credential again". */
	unauthorizedHint?: string;
}

export interface SageRequest {
	method: IHttpRequestMethods;
	url: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	headers?: Record<string, string>;
	/** Defaults to GET/HEAD only; GraphQL queries pass true, mutations false. */
	idempotent?: boolean;
	/** Binary download: the body comes back as a Buffer. */
	binary?: boolean;
	/** What the request is for, shown in errors ("Listing folders"). */
	action?: string;
	itemIndex?: number;
}

export interface SageResponse<T> {
	body: T;
	headers: Record<string, string>;
	statusCode: number;
	attempts: number;
}

/**
 * The one place that sends requests to Sage: host guard, the run's credential (read once, renewed
 * through n8n's own token handling on a 401), retries with backoff, and Sage's error shapes.
 */
export async function sageRequest<T = unknown>(
	this: SageContext,
	connection: SageConnection,
	request: SageRequest,
): Promise<SageResponse<T>> {
	const node = runNode(this);
	const url = assertUrlAllowed(node, request.url, connection.allowedUrls, 'The request URL', request.itemIndex);
	const policy = { ...DEFAULT_RETRY_POLICY, ...connection.retry };
	const idempotent = request.idempotent ?? (request.method === 'GET' || request.method === 'HEAD');
	const options: IHttpRequestOptions = {
		method: request.method,
		url: url.toString(),
		qs: request.qs,
		body: request.body,
		headers: { accept: request.binary ? '*/*' : 'application/json', ...connection.headers, ...request.headers },
		json: !request.binary,
		encoding: request.binary ? 'arraybuffer' : undefined,
		returnFullResponse: true,
		timeout: connection.timeoutMs ?? 30_000,
	};

	const session = await credentialSession.call(this, connection.credentialType, connection.token);

	for (let attempt = 1; ; attempt++) {
		const { response, error } = await session.send(this, options);
		if (response) {
			return {
				body: response.body as T,
				headers: lowerCaseHeaders(response.headers),
				statusCode: response.statusCode,
				attempts: attempt,
			};
		}
		const credentialError = credentialErrorOf(error);
		if (credentialError) {
			throw new NodeOperationError(node, `${request.action ? `${request.action} failed: ` : ''}${credentialError.message}`, {
				itemIndex: request.itemIndex,
				description: credentialError.description ?? undefined,
			});
		}
		const failure = toHttpFailure(error);
		const delay =
			attempt < policy.maxAttempts && isRetryable(failure, idempotent)
				? retryDelayMs(failure, attempt, policy, Math.random, Date.now())
				: undefined;
		if (delay === undefined) {
			throw sageApiError(node, failure, {
				action: request.action,
				itemIndex: request.itemIndex,
				attempts: attempt,
				hint: failure.status === 401 ? connection.unauthorizedHint : undefined,
			});
		}
		await sleep(delay);
	}
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers)) {
			if (value !== undefined) result[key.toLowerCase()] = String(value);
		}
	}
	return result;
}
