import {
	NodeOperationError,
	sleep,
	type ICredentialDataDecryptedObject,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';

import { perRun, runNodeCopy } from '../utils/node';
import { credentialErrorOf, extractSageError, toHttpFailure, type HttpFailure } from './errors';
import { discardErrorBody } from './response-body';
import type { SageContext } from './request';

/** A refresh token the API accepts once and replaces at every refresh (X3). */
export interface RotatingRefreshToken {
	/** The credential field that holds it. */
	field: string;
	/** What the user does once it is lost, e.g. "pair the credential again with the Sage X3 Pairing node". */
	reauthorise: string;
}

/** How a credential's access token is renewed, which decides how a node run reuses it. */
export type TokenRenewal =
	/** n8n runs the credential's preAuthentication when this hidden expirable field is empty (X3, SDMO). */
	| { kind: 'preAuthentication'; tokenField: string; rotatingRefreshToken?: RotatingRefreshToken }
	/** n8n's OAuth2 handling: the token is `oauthTokenData.access_token` (Sage 200). */
	| { kind: 'oAuth2' };

/** X3 and SDMO: the credential's hidden expirable `accessToken` field. */
export const EXPIRABLE_ACCESS_TOKEN: TokenRenewal = { kind: 'preAuthentication', tokenField: 'accessToken' };

/** What sending gave: n8n's full response, or what it threw (the caller turns that into a node error). */
export type Sent = { response: IN8nHttpFullResponse; error?: undefined } | { response?: undefined; error: unknown };

type RenewalOutcome =
	/** This run's own exchange (or n8n's OAuth2 refresh) gave a new token. */
	| { kind: 'renewed' }
	/**
	 * A token another execution (or another request of this run) obtained, possibly a while ago: it
	 * may have expired by the time this request carries it.
	 */
	| { kind: 'adopted' }
	| { kind: 'unchanged' }
	| { kind: 'failed'; error: unknown }
	/** The request that carried the renewal (preAuthentication refreshes on the way to sending one). */
	| { kind: 'carried'; sent: Sent };

// n8n's own refresh-and-resend after a 401 is switched off: a 401 is renewed here, once per run.
// (Older n8n 2.x releases ignore the option and refresh the object they were given in place.)
const NO_N8N_RETRY: number[] = [];

/**
 * Rotating refresh tokens being spent by an execution of this n8n process, keyed by credential id
 * and the token spent. Another execution that needs a new access token for the same credential
 * waits for that one exchange, then reads what n8n stored, instead of spending the token again.
 * Coordination only: an entry lives as long as its exchange and settles to the exchange's error
 * (undefined when a new token was stored).
 */
const exchangesInFlight = new Map<string, Promise<unknown>>();

/**
 * After a refused or unanswered exchange, how long to wait before each re-read of the stored
 * credential: another worker that spent the same token a moment earlier stores its successor once
 * its own answer arrives.
 */
const STORED_TOKEN_WAITS_MS = [250, 500, 1000, 2000];

/**
 * Renewals one request goes through at most. A token adopted from another execution can expire
 * before this request carries it (in queue mode another worker may have stored it minutes ago, or
 * a busy worker took long to store it): the 401 that follows renews again. The run's own exchange
 * ends the chain, and each refresh token is still spent at most once per n8n process.
 */
const RENEWALS_PER_REQUEST = 3;

/**
 * The credential as one node run knows it. n8n reads a credential from its database and decrypts
 * it on every authenticated request, the largest part of the CPU such a request cost; a run reads it
 * once, sends with it, and renews it only when Sage answers 401 (or there is no token yet). A
 * renewal first checks whether another execution already stored a newer token (X3 refresh tokens
 * are single use), then lets n8n refresh and persist it; concurrent requests of the run wait for
 * the one renewal instead of each spending the refresh token.
 */
export class CredentialSession {
	private renewal?: Promise<RenewalOutcome>;

	/** A rotating refresh token this run found refused or lost, and the error it gave: never spent again. */
	private lost?: { refreshToken: string; error: unknown };

	private constructor(
		readonly credentialType: string,
		private readonly renewalKind: TokenRenewal | undefined,
		private current: ICredentialDataDecryptedObject,
	) {}

	/** The credential data this run currently sends with. */
	get data(): ICredentialDataDecryptedObject {
		return this.current;
	}

	static async open(context: SageContext, credentialType: string, renewal: TokenRenewal | undefined): Promise<CredentialSession> {
		return new CredentialSession(credentialType, renewal, await context.getCredentials(credentialType));
	}

	/**
	 * Sends with the run's credential; on a 401, or with no token yet, renews and sends again (again
	 * after a 401 only when the token was adopted from another execution, see RENEWALS_PER_REQUEST).
	 */
	async send(context: SageContext, options: IHttpRequestOptions): Promise<Sent> {
		// A renewal under way will replace the token this request would be sent with.
		if (this.renewal) await this.renewal;
		let used = this.current;
		let sent: Sent | undefined;
		if (this.tokenOf(used) !== '') {
			sent = await settle(this.sendWith(context, used, options));
			if (!isUnauthorised(sent)) return sent;
		}
		for (let renewals = 1; ; renewals++) {
			if (sent) discardErrorBody(sent.error);
			const outcome = await this.renew(context, used, options);
			if (outcome.kind === 'unchanged' && sent) return sent;
			if (outcome.kind === 'carried') return outcome.sent;
			if (outcome.kind === 'failed') return { error: outcome.error };
			used = this.current;
			sent = await settle(this.sendWith(context, used, options));
			if (outcome.kind !== 'adopted' || !isUnauthorised(sent) || renewals >= RENEWALS_PER_REQUEST) return sent;
		}
	}

	/** '' when there is no token; undefined for credentials without one (nothing to renew). */
	private tokenOf(data: ICredentialDataDecryptedObject): string | undefined {
		if (!this.renewalKind) return undefined;
		if (this.renewalKind.kind === 'oAuth2') {
			const tokenData = data.oauthTokenData as { access_token?: unknown } | undefined;
			return typeof tokenData?.access_token === 'string' ? tokenData.access_token : '';
		}
		const token = data[this.renewalKind.tokenField];
		return typeof token === 'string' ? token : '';
	}

	private async renew(context: SageContext, used: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<RenewalOutcome> {
		// Another request of this run renewed meanwhile, maybe by adopting a stored token.
		if (this.current !== used) return { kind: 'adopted' };
		if (this.renewal) {
			const outcome = await this.renewal;
			// Someone else's request carried the renewal: this one still has to be sent.
			return outcome.kind === 'carried' ? { kind: 'renewed' } : outcome;
		}
		this.renewal = this.runRenewal(context, used, options);
		try {
			return await this.renewal;
		} finally {
			this.renewal = undefined;
		}
	}

	private async runRenewal(context: SageContext, used: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<RenewalOutcome> {
		try {
			const rotating = this.renewalKind?.kind === 'preAuthentication' ? this.renewalKind.rotatingRefreshToken : undefined;
			if (rotating) return await this.renewRotating(context, used, rotating, options);
			if (await this.adoptStoredIfNewer(context, used)) return { kind: 'adopted' };
			if (!this.renewalKind) return { kind: 'unchanged' };
			const outcome = await this.refresh(context, this.renewalKind, options);
			// Another execution may have spent the same refresh token a moment earlier and stored its result.
			if (outcome.kind === 'failed' && (await this.adoptStoredIfNewer(context, used))) return { kind: 'adopted' };
			return outcome;
		} catch (error) {
			return { kind: 'failed', error };
		}
	}

	/**
	 * Renews with a single-use refresh token: spent at most once per n8n process (its executions
	 * share one exchange), and only after a re-read found no successor stored by another worker.
	 */
	private async renewRotating(
		context: SageContext,
		used: ICredentialDataDecryptedObject,
		rotating: RotatingRefreshToken,
		options: IHttpRequestOptions,
	): Promise<RenewalOutcome> {
		const spending = String(this.current[rotating.field] ?? '');
		if (this.lost?.refreshToken === spending) {
			return (await this.adoptStoredIfNewer(context, used)) ? { kind: 'adopted' } : { kind: 'failed', error: this.lost.error };
		}
		const credentialId = runNodeCopy(context).credentials?.[this.credentialType]?.id;
		if (!credentialId) return await this.spendRefreshToken(context, used, spending, rotating, options);
		const key = `${this.credentialType}\n${credentialId}\n${spending}`;
		const inFlight = exchangesInFlight.get(key);
		if (inFlight) {
			const error = await inFlight;
			if (await this.adoptStoredIfNewer(context, used)) return { kind: 'adopted' };
			// The other execution spent the token: sending it again would be a reuse.
			return { kind: 'failed', error: error ?? this.lostError(context, rotating, 'another execution renewed it, but no new token was stored') };
		}
		// Registered before anything is awaited, so executions of this process cannot both pass here.
		let settle!: (error: unknown) => void;
		exchangesInFlight.set(key, new Promise((resolve) => (settle = resolve)));
		let outcome: RenewalOutcome = { kind: 'failed', error: undefined };
		try {
			outcome = await this.spendRefreshToken(context, used, spending, rotating, options);
			return outcome;
		} finally {
			exchangesInFlight.delete(key);
			settle(outcome.kind === 'failed' ? outcome.error : undefined);
		}
	}

	private async spendRefreshToken(
		context: SageContext,
		used: ICredentialDataDecryptedObject,
		spending: string,
		rotating: RotatingRefreshToken,
		options: IHttpRequestOptions,
	): Promise<RenewalOutcome> {
		// Re-read first: another worker may have spent the token already and stored its successor.
		if (await this.adoptStoredIfNewer(context, used)) return { kind: 'adopted' };
		const outcome = await this.refresh(context, this.renewalKind!, options);
		if (outcome.kind !== 'failed') return outcome;
		const failure = toHttpFailure(outcome.error);
		// A throttled exchange was not processed: the token is still unspent and may be sent again.
		if (failure.status === 429 || credentialErrorOf(outcome.error)) return outcome;
		// Refused: most often another worker spent the token a moment earlier and is storing its
		// successor. Unanswered (timeout, reset, 5xx): Sage may have rotated the token without our
		// receiving the new one, and sending the same token again is a reuse, which Sage may punish by
		// revoking every token of the pairing. Either way only a token stored meanwhile can help.
		for (const waitMs of STORED_TOKEN_WAITS_MS) {
			await sleep(waitMs);
			if (await this.adoptStoredIfNewer(context, used)) return { kind: 'adopted' };
		}
		const refused = failure.status !== undefined && failure.status >= 400 && failure.status < 500;
		const error = refused ? outcome.error : this.lostError(context, rotating, reasonOf(failure));
		this.lost = { refreshToken: spending, error };
		return { kind: 'failed', error };
	}

	/** An exchange whose outcome is unknown: the message says why nothing is resent and what to do. */
	private lostError(context: SageContext, rotating: RotatingRefreshToken, reason: string): NodeOperationError {
		return new NodeOperationError(
			runNodeCopy(context),
			`Renewing the access token did not complete (${reason}): Sage may have replaced the refresh token without n8n receiving the new one, so it was not sent again (Sage accepts each refresh token once)`,
			{ description: `Run the workflow again; if it fails again, ${rotating.reauthorise}.` },
		);
	}

	/** Takes the stored credential when another execution changed it since `used` was read. */
	private async adoptStoredIfNewer(context: SageContext, used: ICredentialDataDecryptedObject): Promise<boolean> {
		const stored = await context.getCredentials(this.credentialType);
		const storedToken = this.tokenOf(stored);
		const newer = storedToken === undefined ? JSON.stringify(stored) !== JSON.stringify(used) : storedToken !== '' && storedToken !== this.tokenOf(used);
		if (newer) this.current = stored;
		return newer;
	}

	/** Lets n8n refresh and persist the token. */
	private async refresh(context: SageContext, renewal: TokenRenewal, options: IHttpRequestOptions): Promise<RenewalOutcome> {
		if (renewal.kind === 'oAuth2') {
			// n8n's own refresh (n8n 2.0 and later): it persists the new token, and takes the stored one
			// instead when another execution refreshed first.
			await context.helpers.refreshOAuth2Token.call(context, this.credentialType);
			this.current = await context.getCredentials(this.credentialType);
			return { kind: 'renewed' };
		}
		// An empty expirable field makes n8n run preAuthentication, persist the new token and copy it
		// into the object it was given, on the way to sending this request.
		const renewing = { ...this.current, [renewal.tokenField]: '' };
		const sent = await settle(this.sendWith(context, renewing, options));
		if (this.tokenOf(renewing) === '') return sent.error === undefined ? { kind: 'carried', sent } : { kind: 'failed', error: sent.error };
		this.current = renewing;
		return { kind: 'carried', sent };
	}

	private async sendWith(context: SageContext, data: ICredentialDataDecryptedObject, options: IHttpRequestOptions): Promise<IN8nHttpFullResponse> {
		const request = withFreshHeaders(options);
		const token = this.tokenOf(data);
		// With a token in hand the request carries it as the credentials' authenticate does (Bearer):
		// n8n's authenticated helper would look the credential type up again on every request.
		if (token || this.renewalKind?.kind === 'oAuth2') {
			request.headers!.Authorization = `Bearer ${token}`;
			if (data.ignoreSSLIssues === true) request.skipSslCertificateValidation = true;
			if ('getExecutionCancelSignal' in context) request.abortSignal = context.getExecutionCancelSignal();
			return (await context.helpers.httpRequest(request)) as IN8nHttpFullResponse;
		}
		// No token yet (X3, SDMO): n8n runs the credential's preAuthentication on the way.
		const credential = runNodeCopy(context).credentials?.[this.credentialType];
		return (await context.helpers.httpRequestWithAuthentication.call(context, this.credentialType, request, {
			credentialsDecrypted: credential?.id ? { id: credential.id, name: credential.name, type: this.credentialType, data } : undefined,
			preAuthenticationRetryStatusCode: NO_N8N_RETRY,
		})) as IN8nHttpFullResponse;
	}
}

function reasonOf(failure: HttpFailure): string {
	const message = extractSageError(failure.body)?.message;
	return (message ?? (failure.status ? `HTTP ${failure.status}` : `network error ${failure.code ?? 'without a code'}`)).slice(0, 300);
}

const isUnauthorised = (sent: Sent) => sent.error !== undefined && toHttpFailure(sent.error).status === 401;

async function settle(request: Promise<unknown>): Promise<Sent> {
	try {
		return { response: (await request) as IN8nHttpFullResponse };
	} catch (error) {
		return { error };
	}
}

// n8n's authenticate step writes headers into the options it is given: each send gets its own.
function withFreshHeaders(options: IHttpRequestOptions): IHttpRequestOptions {
	return { ...options, headers: { ...options.headers } };
}

/** One session per node run and credential type. */
const sessions = new WeakMap<object, Map<string, Promise<CredentialSession>>>();

export function credentialSession(this: SageContext, credentialType: string, renewal?: TokenRenewal): Promise<CredentialSession> {
	const byType = perRun(sessions, this, () => new Map<string, Promise<CredentialSession>>());
	let session = byType.get(credentialType);
	if (!session) {
		session = CredentialSession.open(this, credentialType, renewal);
		// A failed read (no credential selected) is not cached: the next request reports it again.
		session.catch(() => byType.delete(credentialType));
		byType.set(credentialType, session);
	}
	return session;
}
