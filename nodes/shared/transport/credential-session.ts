import type {
	ICredentialDataDecryptedObject,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { perRun, runNode } from '../utils/node';
import { toHttpFailure } from './errors';
import { discardErrorBody } from './response-body';
import type { SageContext } from './request';

/** How a credential's access token is renewed, which decides how a node run reuses it. */
export type TokenRenewal =
	/** n8n runs the credential's preAuthentication when this hidden expirable field is empty (X3, SDMO). */
	| { kind: 'preAuthentication'; tokenField: string }
	/** n8n's OAuth2 handling: the token is `oauthTokenData.access_token` (Sage 200). */
	| { kind: 'oAuth2' };

/** X3 and SDMO: the credential's hidden expirable `accessToken` field. */
export const EXPIRABLE_ACCESS_TOKEN: TokenRenewal = { kind: 'preAuthentication', tokenField: 'accessToken' };

/** What sending gave: n8n's full response, or what it threw (the caller turns that into a node error). */
export type Sent = { response: IN8nHttpFullResponse; error?: undefined } | { response?: undefined; error: unknown };

type RenewalOutcome =
	| { kind: 'renewed' }
	| { kind: 'unchanged' }
	| { kind: 'failed'; error: unknown }
	/** The request that carried the renewal (preAuthentication refreshes on the way to sending one). */
	| { kind: 'carried'; sent: Sent };

// n8n's own refresh-and-resend after a 401 is switched off: a 401 is renewed here, once per run.
// (Older n8n 2.x releases ignore the option and refresh the object they were given in place.)
const NO_N8N_RETRY: number[] = [];

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

	/** Sends with the run's credential; on a 401, or with no token yet, renews once and sends again. */
	async send(context: SageContext, options: IHttpRequestOptions): Promise<Sent> {
		// A renewal under way will replace the token this request would be sent with.
		if (this.renewal) await this.renewal;
		const used = this.current;
		if (this.tokenOf(used) !== '') {
			const sent = await settle(this.sendWith(context, used, options));
			if (sent.error === undefined || toHttpFailure(sent.error).status !== 401) return sent;
			discardErrorBody(sent.error);
			const outcome = await this.renew(context, used, options);
			return outcome.kind === 'unchanged' ? sent : await this.afterRenewal(context, outcome, options);
		}
		return await this.afterRenewal(context, await this.renew(context, used, options), options);
	}

	private async afterRenewal(context: SageContext, outcome: RenewalOutcome, options: IHttpRequestOptions): Promise<Sent> {
		if (outcome.kind === 'carried') return outcome.sent;
		if (outcome.kind === 'failed') return { error: outcome.error };
		return await settle(this.sendWith(context, this.current, options));
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
		if (this.current !== used) return { kind: 'renewed' };
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
			if (await this.adoptStoredIfNewer(context, used)) return { kind: 'renewed' };
			if (!this.renewalKind) return { kind: 'unchanged' };
			const outcome = await this.refresh(context, this.renewalKind, options);
			// Another execution may have spent the same refresh token a moment earlier and stored its result.
			if (outcome.kind === 'failed' && (await this.adoptStoredIfNewer(context, used))) return { kind: 'renewed' };
			return outcome;
		} catch (error) {
			return { kind: 'failed', error };
		}
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
		const credential = runNode(context).credentials?.[this.credentialType];
		return (await context.helpers.httpRequestWithAuthentication.call(context, this.credentialType, request, {
			credentialsDecrypted: credential?.id ? { id: credential.id, name: credential.name, type: this.credentialType, data } : undefined,
			preAuthenticationRetryStatusCode: NO_N8N_RETRY,
		})) as IN8nHttpFullResponse;
	}
}

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
