import type { HttpFailure } from './errors';

export interface RetryPolicy {
	/** Attempts in total, the first one included. */
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error surfaces instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 120_000,
};

const TRANSIENT_STATUS = new Set([502, 503, 504]);
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN']);

/**
 * Whether a failed request may be sent again. A read (or GraphQL query) is retried on throttling,
 * gateway errors, resets and timeouts. A write is retried only when Sage provably did not process
 * it: a 429, or a connection that was refused before anything was sent.
 */
export function isRetryable(failure: HttpFailure, idempotent: boolean): boolean {
	if (failure.status === 429 || failure.code === 'ECONNREFUSED') return true;
	if (!idempotent) return false;
	if (failure.status !== undefined) return TRANSIENT_STATUS.has(failure.status);
	return failure.code !== undefined && TRANSIENT_NETWORK.has(failure.code);
}

/** Retry-After in milliseconds (seconds or an HTTP date), if the response carries one. */
export function retryAfterMs(failure: HttpFailure, now: number): number | undefined {
	const value = failure.headers?.['retry-after'];
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1): Retry-After when Sage sends one,
 * otherwise exponential backoff with full jitter. Undefined means "do not retry".
 */
export function retryDelayMs(
	failure: HttpFailure,
	attempt: number,
	policy: RetryPolicy,
	random: () => number,
	now: number,
): number | undefined {
	const requested = retryAfterMs(failure, now);
	if (requested !== undefined) return requested <= policy.maxRetryAfterMs ? requested : undefined;
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
