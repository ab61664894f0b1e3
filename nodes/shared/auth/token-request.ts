import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { extractSageError, toHttpFailure } from '../transport/errors';
import { isSecureUrl, isUrlAllowed } from '../transport/host-guard';
import { bufferErrorBody, formatBytes, parseJsonBody, readBody, ResponseTooLargeError } from '../transport/response-body';

/**
 * n8n's `httpRequest` helper: the same function in a credential's preAuthentication (the only
 * helper n8n hands it), in a node and in a webhook, so one token request serves all three.
 */
export type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** A token answer is a few fields (SDMO adds its app URLs): anything near this is not one. */
export const MAX_TOKEN_RESPONSE_BYTES = 1024 * 1024;

const TOKEN_REQUEST_TIMEOUT_MS = 30_000;

/**
 * An error shaped like an HTTP failure whose body holds a message safe to show: the node
 * transport reads `response.status` and `response.data` (or `code` without an answer) wherever
 * n8n wraps it; n8n's credential test shows `response.statusText`. It never holds the request.
 */
export class TokenRequestError extends Error {
	readonly response?: { status: number; statusText: string; data: IDataObject; headers: Record<string, string> };

	readonly code?: string;

	constructor(message: string, { status, code, headers = {} }: { status?: number; code?: string; headers?: Record<string, string> } = {}) {
		super(message);
		this.name = 'TokenRequestError';
		if (status !== undefined) this.response = { status, statusText: message, data: { message }, headers };
		if (code) this.code = code;
	}
}

/** What a failed token request came to, for the product to word its error. */
export interface TokenFailure {
	/** Sage's HTTP status, when it answered. */
	status?: number;
	/** Network error code (ECONNRESET, ECONNABORTED...), when it did not. */
	code?: string;
	/** Sage's own words from its answer, if any. */
	sageMessage?: string;
	/** Without an answer: what the HTTP client said (never the request). */
	networkMessage?: string;
}

export interface TokenRequest {
	/** The token endpoint. */
	url: string;
	/** How errors name the URL: "The credential's \"Token URL\"". */
	urlName: string;
	/** Where this credential's secrets may go (host-guard entries: URL prefixes or "*.host" suffixes). */
	allowedUrls: readonly string[];
	/** X3 takes a JSON body; OAuth2 client credentials (SDMO) a form. */
	body: { json: IDataObject } | { form: Record<string, string> };
	/** Who answered, in errors: "Sage X3", "Sage DMO". */
	product: string;
	/** What a refused redirect did not move, ending the sentence "it was not followed, so ...". */
	notSent: string;
	/** The product's wording of a refused or unanswered request. */
	failure: (failure: TokenFailure) => TokenRequestError;
}

/** Where a redirect pointed, reduced to its origin (the Location's query is not repeated). */
function redirectTargetOf(location: unknown, from: string): string {
	if (typeof location !== 'string' || location === '') return 'no Location';
	return URL.canParse(location, from) ? new URL(location, from).origin : 'an invalid Location';
}

/**
 * A token POST answered with a redirect. Following it would re-send the secrets (a 307 keeps the
 * body) to wherever it points, and store that host's answer as the credential's tokens. Status
 * and Location are kept so the node transport reports a redirect.
 */
function redirectRefused(request: TokenRequest, status: number, location: unknown): TokenRequestError {
	const target = redirectTargetOf(location, request.url);
	return new TokenRequestError(
		`${request.product} answered the token request with a redirect (HTTP ${status}) to ${target}; it was not followed, so ${request.notSent}`,
		{ status, headers: target.startsWith('http') ? { location: target } : {} },
	);
}

const isRedirect = (status: number | undefined): status is number => status !== undefined && status >= 300 && status < 400;

/** The URL the secrets may be posted to: https (plain http on loopback only), on an allowed host. */
function assertTokenUrl(request: TokenRequest): URL {
	const { url: value, urlName } = request;
	if (!URL.canParse(value)) throw new TokenRequestError(`${urlName} is not a valid URL: "${value.slice(0, 100)}"`, { status: 400 });
	const url = new URL(value);
	if (!isSecureUrl(url)) {
		throw new TokenRequestError(
			`${urlName} must use https:// (got "${url.protocol}//${url.host}"); the client secret was not sent. Plain http:// is only accepted for loopback addresses.`,
			{ status: 400 },
		);
	}
	if (!isUrlAllowed(url, request.allowedUrls)) {
		throw new TokenRequestError(`${urlName} points to ${url.origin}, outside the Sage hosts this credential belongs to; the client secret was not sent`, {
			status: 400,
		});
	}
	return url;
}

/** A token answer too large, too slow or cut off: nothing of it is used. */
function unreadableAnswer(request: TokenRequest, error: unknown): TokenRequestError {
	const reason = error instanceof ResponseTooLargeError ? `is larger than ${formatBytes(MAX_TOKEN_RESPONSE_BYTES)}` : `could not be read (${(error as Error).message})`;
	return new TokenRequestError(`The answer of ${request.product}'s token endpoint ${reason}; it was not used`, { status: 502 });
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (headers && typeof headers === 'object') {
		for (const [key, value] of Object.entries(headers)) if (value !== undefined) result[key.toLowerCase()] = String(value);
	}
	return result;
}

/**
 * The one place that POSTs to a Sage token endpoint (X3 refresh and pairing, SDMO client
 * credentials). Nothing is sent off an allowed https host; redirects are refused, not followed;
 * the answer is read within a size limit; errors carry Sage's words and never the request, so
 * neither a client secret nor a token can leak through them. Returns the parsed JSON answer.
 */
export async function requestToken(httpRequest: HttpRequest, request: TokenRequest): Promise<IDataObject> {
	const url = assertTokenUrl(request);
	const json = 'json' in request.body;
	let response: IN8nHttpFullResponse;
	try {
		response = (await httpRequest({
			method: 'POST',
			url: url.toString(),
			headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded', accept: 'application/json' },
			body: 'json' in request.body ? request.body.json : new URLSearchParams(request.body.form).toString(),
			json: true,
			encoding: 'stream',
			returnFullResponse: true,
			disableFollowRedirect: true,
			timeout: TOKEN_REQUEST_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		await bufferErrorBody(error);
		const failure = toHttpFailure(error);
		if (isRedirect(failure.status)) throw redirectRefused(request, failure.status, failure.headers?.location);
		throw request.failure({
			status: failure.status,
			// toHttpFailure's EUNKNOWN stands for "no code": the client's own words say more.
			code: failure.code === 'EUNKNOWN' ? undefined : failure.code,
			sageMessage: extractSageError(failure.body)?.message,
			networkMessage: failure.status === undefined && error instanceof Error ? error.message : undefined,
		});
	}
	const headers = lowerCaseHeaders(response.headers);
	if (isRedirect(response.statusCode)) {
		(response.body as { destroy?: () => void } | undefined)?.destroy?.();
		throw redirectRefused(request, response.statusCode, headers.location);
	}
	let body: unknown;
	try {
		body = parseJsonBody(await readBody(response.body, headers, MAX_TOKEN_RESPONSE_BYTES));
	} catch (error) {
		throw unreadableAnswer(request, error);
	}
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
}
