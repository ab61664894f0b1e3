import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IN8nHttpFullResponse,
	type INode,
	type JsonObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';

import { runNodeCopy } from '../utils/node';
import { credentialErrorOf, sageApiError, toHttpFailure, type HttpFailure } from './errors';
import { credentialSession, type TokenRenewal } from './credential-session';
import { assertUrlAllowed, isUrlAllowed, parseSecureUrl } from './host-guard';
import {
	bufferErrorBody,
	DEFAULT_MAX_DOWNLOAD_BYTES,
	DEFAULT_MAX_RESPONSE_BYTES,
	formatBytes,
	readBody,
	readJsonBody,
	ResponseInflatesTooMuchError,
	ResponseTooLargeError,
	ResponseTooSlowError,
} from './response-body';
import { DEFAULT_RETRY_POLICY, RetryBudget, type RetryPolicy } from './retry';

/** Where requests come from: a node run, a parameter list being loaded, a trigger's poll. */
export type SageContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

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
	/** Largest body accepted, inflated; defaults to 64 MB for JSON and 100 MB for downloads. */
	maxResponseBytes?: number;
	/**
	 * Downloads only: a redirect (a pre-signed file URL) is followed, without credentials or the
	 * product's headers, when it points to one of the connection's allowed URLs.
	 */
	followRedirectWithoutCredentials?: boolean;
	/** JSON only: the body's bytes come back beside it (`jsonBytes`) when it was JSON in valid UTF-8. */
	keepJsonBytes?: boolean;
	/**
	 * JSON only: reads a successful answer's bytes in place of JSON.parse where it can (One File's
	 * NDJSON takes a list's records as the bytes they came in); undefined leaves them to the parse.
	 */
	readJson?: (bytes: Buffer) => unknown;
	/**
	 * Called with a successful answer's headers before its body is read, so that work the headers
	 * allow (the next pages of a list whose total is a header) starts while the body still arrives.
	 * Returns true when it sent requests: the body's parse then leaves them a few turns of n8n's
	 * event loop to open their connections first (a page of 5,000 records holds the thread for tens
	 * of ms; over a WAN its transfer takes longer than that anyway). Must not throw.
	 */
	onHeaders?: (headers: Record<string, string>) => boolean | void;
	/** What the request is for, shown in errors ("Listing folders"). */
	action?: string;
	itemIndex?: number;
}

export interface SageResponse<T> {
	body: T;
	/** With keepJsonBytes: the bytes `body` was parsed from, valid UTF-8. */
	jsonBytes?: Buffer;
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
	const node = runNodeCopy(this);
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
		// Every body is streamed and read here, within limits (response-body.ts).
		encoding: 'stream',
		returnFullResponse: true,
		// n8n's client would follow a redirect with the Authorization header and Sage 200's
		// subscription key to whatever host it names: a Sage answer never moves a secret.
		disableFollowRedirect: true,
		timeout: connection.timeoutMs ?? 30_000,
	};
	const maxBytes = request.maxResponseBytes ?? (request.binary ? DEFAULT_MAX_DOWNLOAD_BYTES : DEFAULT_MAX_RESPONSE_BYTES);

	const session = await credentialSession.call(this, connection.credentialType, connection.token);
	const retries = new RetryBudget(policy);

	for (;;) {
		const attempt = retries.attempts;
		const { response, error } = await session.send(this, options);
		if (response) {
			const headers = lowerCaseHeaders(response.headers);
			const sentMore = request.onHeaders?.(headers) === true;
			const body = await readBodyOrFail(node, response.body, headers, maxBytes, request);
			if (sentMore) for (let turn = 0; turn < TURNS_BEFORE_PARSE; turn++) await sleep(0);
			if (request.binary) return { body: body as T, headers, statusCode: response.statusCode, attempts: attempt };
			const read = request.readJson?.(body);
			if (read !== undefined) return { body: read as T, headers, statusCode: response.statusCode, attempts: attempt };
			const json = readJsonBody(body);
			return {
				body: json.body as T,
				...(request.keepJsonBytes && json.validJson ? { jsonBytes: body } : {}),
				headers,
				statusCode: response.statusCode,
				attempts: attempt,
			};
		}
		await bufferErrorBody(error);
		const credentialError = credentialErrorOf(error);
		if (credentialError) {
			throw new NodeOperationError(node, `${request.action ? `${request.action} failed: ` : ''}${credentialError.message}`, {
				itemIndex: request.itemIndex,
				description: credentialError.description ?? undefined,
			});
		}
		const failure = toHttpFailure(error);
		if (isRedirect(failure)) {
			if (request.followRedirectWithoutCredentials) {
				return (await followWithoutCredentials.call(this, connection, request, failure, maxBytes, attempt)) as SageResponse<T>;
			}
			throw redirectError(node, failure, request);
		}
		const delay = retries.next(failure, idempotent, Date.now());
		if (delay === undefined) {
			throw sageApiError(node, failure, {
				action: request.action,
				itemIndex: request.itemIndex,
				attempts: attempt,
				retried: retries.describe(),
				hint: failure.status === 401 ? connection.unauthorizedHint : undefined,
			});
		}
		await sleep(delay);
	}
}

/**
 * Event-loop turns between a body's arrival and its parse when its headers started more requests:
 * enough for n8n's client to connect them and send (or start their TLS handshakes).
 */
const TURNS_BEFORE_PARSE = 3;

const MAX_DOWNLOAD_REDIRECTS = 3;

const isRedirect = (failure: HttpFailure) => failure.status !== undefined && failure.status >= 300 && failure.status < 400;

/** Where a redirect pointed, reduced to its origin: a pre-signed URL's query may itself be a secret. */
function redirectTarget(failure: HttpFailure, from: string): string {
	const location = failure.headers?.location;
	if (!location) return 'no Location';
	try {
		return new URL(location, from).origin;
	} catch {
		return 'an invalid Location';
	}
}

function redirectError(node: INode, failure: HttpFailure, request: SageRequest, reason = 'redirects are not followed') {
	return new NodeApiError(node, { message: `Sage answered with a redirect (HTTP ${failure.status})` } as JsonObject, {
		message: `${request.action ? `${request.action} failed: ` : ''}Sage answered with a redirect (HTTP ${failure.status}) to ${redirectTarget(failure, request.url)}; it was not followed and nothing was sent there`,
		description: `The package sends Sage credentials only to the Sage host they belong to, so ${reason}. Check the URL the credential or node points to.`,
		httpCode: String(failure.status),
		itemIndex: request.itemIndex,
	});
}

async function readBodyOrFail(node: INode, body: unknown, headers: Record<string, string>, maxBytes: number, request: SageRequest): Promise<Buffer> {
	try {
		return await readBody(body, headers, maxBytes);
	} catch (error) {
		const prefix = request.action ? `${request.action} failed: ` : '';
		if (error instanceof ResponseTooLargeError) {
			throw new NodeApiError(node, { message: error.message } as JsonObject, {
				message: `${prefix}the answer from Sage is larger than ${formatBytes(maxBytes)}; it was not read`,
				description: request.binary
					? 'Raise Max File Size in the operation\'s options if the file is expected to be this large.'
					: 'Ask for fewer records a request (a smaller page size or Limit), or fewer fields.',
				itemIndex: request.itemIndex,
			});
		}
		if (error instanceof ResponseTooSlowError || error instanceof ResponseInflatesTooMuchError) {
			throw new NodeApiError(node, { message: error.message } as JsonObject, { message: `${prefix}${error.message}`, itemIndex: request.itemIndex });
		}
		throw sageApiError(node, toHttpFailure(error), { action: request.action, itemIndex: request.itemIndex });
	}
}

/**
 * A download that Sage redirects to the file itself: followed by hand, hop by hop, each hop host
 * guarded, with no Authorization, no product headers and no cookies.
 */
async function followWithoutCredentials(
	this: SageContext,
	connection: SageConnection,
	request: SageRequest,
	first: HttpFailure,
	maxBytes: number,
	attempts: number,
): Promise<SageResponse<Buffer>> {
	const node = runNodeCopy(this);
	let failure = first;
	let from = request.url;
	for (let hop = 1; hop <= MAX_DOWNLOAD_REDIRECTS; hop++) {
		const location = failure.headers?.location;
		if (!location) throw redirectError(node, failure, request, 'a redirect without a Location cannot be followed');
		let target: URL;
		try {
			target = parseSecureUrl(node, new URL(location, from).toString(), 'The redirect', request.itemIndex);
		} catch {
			throw redirectError(node, failure, request, 'a redirect is only followed over https');
		}
		// Any path on a host the credential belongs to: storage paths differ from the API's.
		if (!isUrlAllowed(target, connection.allowedUrls.map(originOf))) {
			throw redirectError(node, failure, request, 'a redirect is only followed to the Sage hosts this credential belongs to');
		}
		let response: IN8nHttpFullResponse;
		try {
			response = (await this.helpers.httpRequest({
				method: 'GET',
				url: target.toString(),
				headers: { accept: '*/*' },
				encoding: 'stream',
				returnFullResponse: true,
				disableFollowRedirect: true,
				timeout: connection.timeoutMs ?? 30_000,
			})) as IN8nHttpFullResponse;
		} catch (error) {
			await bufferErrorBody(error);
			failure = toHttpFailure(error);
			if (!isRedirect(failure)) throw sageApiError(node, failure, { action: request.action, itemIndex: request.itemIndex });
			from = target.toString();
			continue;
		}
		const headers = lowerCaseHeaders(response.headers);
		const body = await readBodyOrFail(node, response.body, headers, maxBytes, request);
		return { body, headers, statusCode: response.statusCode, attempts };
	}
	throw redirectError(node, failure, request, `at most ${MAX_DOWNLOAD_REDIRECTS} redirects are followed`);
}

function originOf(allowed: string): string {
	if (allowed.startsWith('*.')) return allowed;
	try {
		return new URL(allowed).origin;
	} catch {
		return allowed;
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
