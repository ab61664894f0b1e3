import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import type { HttpFailure } from './errors';

export interface RetryPolicy {
	/** Attempts in total for gateway errors, resets and timeouts, the first one included. */
	maxAttempts: number;
	/**
	 * How long one request may wait in all for Sage's rate limit (429) to lift, honouring Retry-After.
	 * Throttling says nothing about the request itself, so it is retried by time, not by count.
	 */
	rateLimitBudgetMs: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/** A Retry-After longer than this is not waited for: the error surfaces instead. */
	maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	rateLimitBudgetMs: 60_000,
	baseDelayMs: 500,
	maxDelayMs: 20_000,
	maxRetryAfterMs: 120_000,
};

/** 429s answered with `Retry-After: 0` would never use up the budget: a ceiling on their count too. */
const MAX_RATE_LIMITED_ATTEMPTS = 200;

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
	return backoffMs(attempt, policy, random);
}

/**
 * The retries one request has left: a small count for failures that may recur (5xx, resets,
 * timeouts), and a time budget for throttling (429), which every Sage product answers under load.
 */
export class RetryBudget {
	private failedAttempts = 0;

	private rateLimited = 0;

	private rateLimitWaitedMs = 0;

	constructor(
		private readonly policy: RetryPolicy,
		private readonly random: () => number = Math.random,
	) {}

	/** Attempts made so far, the first one included. */
	get attempts(): number {
		return 1 + this.failedAttempts + this.rateLimited;
	}

	/** How long to wait before sending again, or undefined when the failure is final. */
	next(failure: HttpFailure, idempotent: boolean, now: number): number | undefined {
		if (!isRetryable(failure, idempotent)) return undefined;
		if (failure.status === 429) {
			if (this.rateLimited >= MAX_RATE_LIMITED_ATTEMPTS) return undefined;
			const requested = retryAfterMs(failure, now);
			const delay = requested ?? backoffMs(this.rateLimited + 1, this.policy, this.random);
			if (this.rateLimitWaitedMs + delay > this.policy.rateLimitBudgetMs) return undefined;
			this.rateLimited++;
			this.rateLimitWaitedMs += delay;
			return delay;
		}
		if (this.failedAttempts + 1 >= this.policy.maxAttempts) return undefined;
		this.failedAttempts++;
		return retryDelayMs(failure, this.failedAttempts, this.policy, this.random, now);
	}

	/** Said in an error: what was tried before giving up. */
	describe(): string | undefined {
		const parts: string[] = [];
		if (this.rateLimited) parts.push(`waited ${Math.round(this.rateLimitWaitedMs / 100) / 10} s for Sage's rate limit over ${this.rateLimited} retries (budget ${this.policy.rateLimitBudgetMs / 1000} s)`);
		if (this.failedAttempts) parts.push(`${this.failedAttempts + 1} attempts`);
		return parts.length ? `Gave up after ${parts.join(' and ')}` : undefined;
	}
}

function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const MAX_RATE_LIMIT_WAIT_SECONDS = 3600;

/** The credential field that sets the rate-limit wait budget, the same in the three credentials. */
export const RATE_LIMIT_WAIT_PROPERTY: INodeProperties = {
	displayName: 'Max Wait on Rate Limit (Seconds)',
	name: 'rateLimitWaitSeconds',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_RATE_LIMIT_WAIT_SECONDS },
	// DEFAULT_RETRY_POLICY.rateLimitBudgetMs in seconds.
	default: 60,
	description:
		'How long one request may wait in all, honouring Sage\'s Retry-After, when Sage answers "too many requests" (429) before the item fails; 0 fails at the first 429',
};

/** The wait budget a credential sets; the default when the field is missing (credentials saved before it) or not a number. */
export function rateLimitBudgetOf(credentials: ICredentialDataDecryptedObject): Pick<RetryPolicy, 'rateLimitBudgetMs'> {
	const seconds = Number(credentials[RATE_LIMIT_WAIT_PROPERTY.name]);
	const valid = credentials[RATE_LIMIT_WAIT_PROPERTY.name] !== undefined && credentials[RATE_LIMIT_WAIT_PROPERTY.name] !== '' && Number.isFinite(seconds) && seconds >= 0;
	return { rateLimitBudgetMs: valid ? Math.min(seconds, MAX_RATE_LIMIT_WAIT_SECONDS) * 1000 : DEFAULT_RETRY_POLICY.rateLimitBudgetMs };
}
