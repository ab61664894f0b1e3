import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { credentialErrorOf, sageApiError, toHttpFailure, type HttpFailure } from './errors';
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
 * The one place that sends requests to Sage: host guard, n8n's credential handling
 * (preAuthentication and the 401 retry), retries with backoff, and Sage's error shapes.
 */
export async function sageRequest<T = unknown>(
	this: SageContext,
	connection: SageConnection,
	request: SageRequest,
): Promise<SageResponse<T>> {
	const node = this.getNode();
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

	let credentialBefore = await credentialAtStart.call(this, connection.credentialType);
	let retriedWithNewerCredential = false;

	for (let attempt = 1; ; attempt++) {
		let failure: HttpFailure;
		try {
			// Each attempt gets fresh options: n8n's authenticate step writes headers into them.
			const response = (await this.helpers.httpRequestWithAuthentication.call(this, connection.credentialType, {
				...options,
				headers: { ...options.headers },
			})) as IN8nHttpFullResponse;
			return {
				body: response.body as T,
				headers: lowerCaseHeaders(response.headers),
				statusCode: response.statusCode,
				attempts: attempt,
			};
		} catch (error) {
			const credentialError = credentialErrorOf(error);
			if (credentialError) {
				throw new NodeOperationError(node, `${request.action ? `${request.action} failed: ` : ''}${credentialError.message}`, {
					itemIndex: request.itemIndex,
					description: credentialError.description ?? undefined,
				});
			}
			failure = toHttpFailure(error);
		}
		if (failure.status === 401 && !retriedWithNewerCredential && credentialBefore !== undefined) {
			const credentialNow = await storedCredential.call(this, connection.credentialType);
			if (credentialNow !== undefined && credentialNow !== credentialBefore) {
				retriedWithNewerCredential = true;
				credentialBefore = credentialNow;
				continue;
			}
		}
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

/*
 * Another execution may rotate the credential's tokens while this one runs (X3 refresh tokens are
 * single use): a 401 once the stored credential differs from what this execution started with is
 * retried once. The snapshot is taken once per node run, not per request, because reading a
 * credential costs n8n a database read and a decryption. Keyed weakly by the run's own context, so
 * it lives and dies with the execution.
 */
const credentialSnapshots = new WeakMap<object, Promise<string | undefined>>();

function credentialAtStart(this: SageContext, credentialType: string): Promise<string | undefined> {
	let snapshot = credentialSnapshots.get(this);
	if (!snapshot) {
		snapshot = storedCredential.call(this, credentialType);
		credentialSnapshots.set(this, snapshot);
	}
	return snapshot;
}

async function storedCredential(this: SageContext, credentialType: string): Promise<string | undefined> {
	try {
		return JSON.stringify(await this.getCredentials(credentialType));
	} catch {
		return undefined;
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
