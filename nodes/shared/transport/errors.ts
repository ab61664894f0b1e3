import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/** A failed HTTP exchange reduced to what is safe to show: never the request, never its headers. */
export interface HttpFailure {
	status?: number;
	/** Network error code such as ECONNRESET, ECONNREFUSED or ECONNABORTED (timeout). */
	code?: string;
	headers?: Record<string, string>;
	body?: unknown;
}

export interface SageErrorDetails {
	message: string;
	/** Sage's own error code: X3/Sage 200 `$dataCode`, OAuth `error`. */
	code?: string;
	/** xtrem diagnoses (SDMO, X3 V12) flattened to text. */
	diagnoses?: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
		return parseBody(new TextDecoder().decode(body as ArrayBuffer));
	}
	return body;
}

/** Text of xtrem diagnoses, wherever a response puts them (`extensions.diagnoses`, `$diagnoses`). */
export function diagnosesOf(value: unknown): string[] {
	if (!isObject(value)) return [];
	const lists = [
		(value.extensions as Json | undefined)?.diagnoses,
		value.diagnoses,
		value.$diagnoses,
	].filter(Array.isArray) as unknown[][];
	return lists.flat().flatMap((diagnosis) => {
		if (!isObject(diagnosis)) return [];
		const text = diagnosis.message ?? diagnosis.$message;
		if (typeof text !== 'string') return [];
		const path = Array.isArray(diagnosis.path) && diagnosis.path.length ? ` (${diagnosis.path.join('.')})` : '';
		return [`${text}${path}`];
	});
}

/**
 * Sage's own message from any of its error shapes: X3 `{$message}`, Sage 200 APIM
 * `[{$severity,$dataCode,$message}]` and `{statusCode,message}`, GraphQL `{errors:[{message}]}`
 * with xtrem diagnoses, OAuth `{error,error_description}`, plain `{message}`.
 */
export function extractSageError(rawBody: unknown): SageErrorDetails | undefined {
	const body = parseBody(rawBody);
	if (Array.isArray(body)) {
		const entries = body.filter(isObject).filter((entry) => typeof entry.$message === 'string');
		if (entries.length === 0) return undefined;
		return {
			message: entries.map((entry) => entry.$message as string).join('; '),
			code: typeof entries[0].$dataCode === 'string' && entries[0].$dataCode ? entries[0].$dataCode : undefined,
		};
	}
	if (!isObject(body)) return typeof body === 'string' && body.trim() ? { message: body.trim().slice(0, 500) } : undefined;
	if (Array.isArray(body.errors) && body.errors.length > 0) {
		const errors = body.errors.filter(isObject);
		const diagnoses = [...errors.flatMap(diagnosesOf), ...diagnosesOf(body)];
		return {
			message: errors.map((error) => String(error.message ?? 'GraphQL error')).join('; '),
			diagnoses: diagnoses.length ? diagnoses : undefined,
		};
	}
	if (typeof body.$message === 'string') {
		return { message: body.$message, code: typeof body.$dataCode === 'string' ? body.$dataCode : undefined };
	}
	if (typeof body.error_description === 'string' || typeof body.error === 'string') {
		return {
			message: String(body.error_description ?? body.error),
			code: typeof body.error === 'string' ? body.error : undefined,
		};
	}
	if (typeof body.message === 'string') {
		const diagnoses = diagnosesOf(body);
		return { message: body.message, diagnoses: diagnoses.length ? diagnoses : undefined };
	}
	return undefined;
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNABORTED: 'The request to Sage timed out',
	ETIMEDOUT: 'The request to Sage timed out',
	ECONNRESET: 'The connection to Sage was reset',
	ECONNREFUSED: 'Sage refused the connection',
	ENOTFOUND: 'The Sage host name could not be resolved',
	EPIPE: 'The connection to Sage was closed',
};

export interface ApiErrorContext {
	/** What the node was doing, e.g. "Listing X3 folders". */
	action?: string;
	itemIndex?: number;
	/** How many attempts were made, when retries happened. */
	attempts?: number;
	/** What the retries were, said instead of the bare attempt count ("waited 60 s for Sage's rate limit ..."). */
	retried?: string;
	/** Extra advice shown under the message, e.g. "Pair the credential again". */
	hint?: string;
}

/** A NodeApiError carrying Sage's own message and the HTTP status, built only from safe data. */
export function sageApiError(node: INode, failure: HttpFailure, context: ApiErrorContext = {}): NodeApiError {
	const details = extractSageError(failure.body);
	const networkMessage = failure.code ? NETWORK_MESSAGES[failure.code] ?? `Network error ${failure.code}` : undefined;
	const sageMessage = details?.message ?? networkMessage ?? `Sage answered with HTTP ${failure.status ?? 'error'}`;
	const prefix = context.action ? `${context.action} failed: ` : '';
	const descriptionParts = [
		failure.status ? `HTTP ${failure.status}` : undefined,
		details?.code ? `Sage code ${details.code}` : undefined,
		details?.diagnoses?.length ? `Diagnoses: ${details.diagnoses.join('; ')}` : undefined,
		context.retried ?? (context.attempts && context.attempts > 1 ? `Gave up after ${context.attempts} attempts` : undefined),
		context.hint,
	].filter(Boolean);
	const safeError: JsonObject = {
		message: sageMessage,
		...(failure.status ? { httpCode: String(failure.status) } : {}),
		...(details?.code ? { sageCode: details.code } : {}),
		...(details?.diagnoses ? { diagnoses: details.diagnoses } : {}),
	};
	const message = `${prefix}${sageMessage}`;
	const error = new NodeApiError(node, safeError, {
		message,
		description: descriptionParts.join('. ') || undefined,
		httpCode: failure.status ? String(failure.status) : failure.code,
		itemIndex: context.itemIndex,
	});
	// n8n swaps the message of a network code (ECONNRESET, ECONNABORTED...) for a generic one that
	// drops the action and calls a timeout "aborted"; keep the one that names both.
	error.message = message;
	return error;
}

/** Reduce whatever n8n's request helpers threw to an HttpFailure, dropping request config and headers. */
export function toHttpFailure(error: unknown): HttpFailure {
	const candidates: unknown[] = [error];
	if (isObject(error) && error.cause) candidates.push(error.cause);
	for (const candidate of candidates) {
		if (!isObject(candidate)) continue;
		const response = candidate.response as Json | undefined;
		if (isObject(response) && typeof response.status === 'number') {
			const headers: Record<string, string> = {};
			if (isObject(response.headers)) {
				for (const [key, value] of Object.entries(response.headers)) {
					if (typeof value === 'string') headers[key.toLowerCase()] = value;
				}
			}
			return { status: response.status, headers, body: parseBody(response.data ?? response.body) };
		}
	}
	for (const candidate of candidates) {
		if (isObject(candidate) && typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) {
			return { code: candidate.code };
		}
	}
	const status = isObject(error) ? Number(error.httpCode) : NaN;
	return Number.isFinite(status) && status > 0 ? { status } : { code: 'EUNKNOWN' };
}

/**
 * n8n's own verdict on the credential (e.g. "The credential ... needs to be reconnected" when an
 * OAuth2 refresh token was revoked), wherever n8n's request helper wrapped it. It carries no HTTP
 * response, so reducing it to an HttpFailure would lose the one message that says what to do.
 */
export function credentialErrorOf(error: unknown): NodeOperationError | undefined {
	const candidates: unknown[] = [error];
	if (isObject(error) && error.cause) candidates.push(error.cause);
	return candidates.find(
		(candidate): candidate is NodeOperationError =>
			candidate instanceof NodeOperationError || (isObject(candidate) && candidate.name === 'NodeOperationError' && typeof candidate.message === 'string'),
	);
}
