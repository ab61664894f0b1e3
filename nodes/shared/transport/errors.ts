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
	/** The same diagnoses as Sage sent them, for Continue On Fail error items. */
	diagnosisList?: SageDiagnosis[];
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

/** One of Sage's diagnoses as it sent it: xtrem `{severity, path, message}`, X3/Sage 200 `{$severity, $message}`. */
export interface SageDiagnosis {
	message: string;
	severity?: number | string;
	path?: string[];
	[key: string]: unknown;
}

/** xtrem numbers severities (3 error, 4 exception); X3 and Sage 200 name them. */
const isErrorLevel = (diagnosis: SageDiagnosis) =>
	diagnosis.severity === undefined ||
	(typeof diagnosis.severity === 'number' ? diagnosis.severity >= 3 : /^(error|exception|fatal)$/i.test(diagnosis.severity));

const MAX_DIAGNOSES = 100;

/** Sage's diagnoses, wherever a response puts them (`extensions.diagnoses`, `diagnoses`, `$diagnoses`). */
export function diagnosisListOf(value: unknown): SageDiagnosis[] {
	if (!isObject(value)) return [];
	const lists = [(value.extensions as Json | undefined)?.diagnoses, value.diagnoses, value.$diagnoses].filter(Array.isArray) as unknown[][];
	return lists
		.flat()
		.slice(0, MAX_DIAGNOSES)
		.flatMap((diagnosis): SageDiagnosis[] => {
			if (!isObject(diagnosis)) return [];
			const message = diagnosis.message ?? diagnosis.$message;
			if (typeof message !== 'string') return [];
			const severity = diagnosis.severity ?? diagnosis.$severity;
			const path = Array.isArray(diagnosis.path) ? diagnosis.path.map(String) : undefined;
			return [
				{
					message,
					...(typeof severity === 'number' || typeof severity === 'string' ? { severity } : {}),
					...(path?.length ? { path } : {}),
				},
			];
		});
}

export const diagnosisText = (diagnosis: SageDiagnosis) => `${diagnosis.message}${diagnosis.path?.length ? ` (${diagnosis.path.join('.')})` : ''}`;

/** Text of Sage's diagnoses, e.g. "value must not be negative (creditLimit)". */
export function diagnosesOf(value: unknown): string[] {
	return diagnosisListOf(value).map(diagnosisText);
}

/** The message a user needs first: the first error-level diagnosis, then Sage's summary of it. */
function leadWithDiagnosis(summary: string, diagnoses: SageDiagnosis[]): string {
	const first = diagnoses.find(isErrorLevel);
	if (!first) return summary;
	const text = diagnosisText(first);
	return summary && !text.includes(summary) ? `${text} — ${summary}` : text;
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
		const list = diagnosisListOf({ $diagnoses: entries });
		// Sage 200 lists every message with its severity: errors first, warnings after.
		const ordered = [...list.filter(isErrorLevel), ...list.filter((entry) => !isErrorLevel(entry))];
		const lead = entries.find((entry) => isErrorLevel({ message: '', severity: entry.$severity as never })) ?? entries[0];
		return {
			message: ordered.map((entry) => entry.message).join('; '),
			code: typeof lead.$dataCode === 'string' && lead.$dataCode ? lead.$dataCode : undefined,
			diagnosisList: list.length > 1 ? list : undefined,
		};
	}
	if (!isObject(body)) return typeof body === 'string' && body.trim() ? { message: body.trim().slice(0, 500) } : undefined;
	if (Array.isArray(body.errors) && body.errors.length > 0) {
		const errors = body.errors.filter(isObject);
		const list = [...errors.flatMap(diagnosisListOf), ...diagnosisListOf(body)];
		const summary = errors.map((error) => String(error.message ?? 'GraphQL error')).join('; ');
		return {
			message: leadWithDiagnosis(summary, list),
			diagnoses: list.length ? list.map(diagnosisText) : undefined,
			diagnosisList: list.length ? list : undefined,
		};
	}
	if (typeof body.$message === 'string') {
		const list = diagnosisListOf(body);
		return {
			message: body.$message,
			code: typeof body.$dataCode === 'string' ? body.$dataCode : undefined,
			diagnoses: list.length ? list.map(diagnosisText) : undefined,
			diagnosisList: list.length ? list : undefined,
		};
	}
	if (typeof body.error_description === 'string' || typeof body.error === 'string') {
		return {
			message: String(body.error_description ?? body.error),
			code: typeof body.error === 'string' ? body.error : undefined,
		};
	}
	if (typeof body.message === 'string') {
		const list = diagnosisListOf(body);
		return {
			message: leadWithDiagnosis(body.message, list),
			diagnoses: list.length ? list.map(diagnosisText) : undefined,
			diagnosisList: list.length ? list : undefined,
		};
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
	if (details?.diagnosisList) error.context.diagnoses = details.diagnosisList as unknown as JsonObject[];
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
