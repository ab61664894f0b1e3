import { createHash, randomBytes, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { gatewayUrlOf, regionalEndpointProblem, scopeOf, type X3CredentialData } from '../../shared/auth';
import { isLoopbackHost } from '../../shared/transport/host-guard';

/** How long a pairing started from n8n may take, approval page included. */
export const STATE_LIFETIME_MS = 10 * 60 * 1000;

/**
 * Pairings waiting for X3 at once. The webhook is public, so anyone can start one: beyond this
 * the oldest is dropped, which keeps the workflow's static data small whatever a visitor does.
 */
export const MAX_PENDING_STATES = 20;

const PENDING_KEY = 'pendingPairingStates';

/** `browser` is the SHA-256 of the cookie of the browser that started the pairing, never the cookie. */
type PendingState = { expiresAt: number; browser: string };
type PendingStates = Record<string, PendingState>;

const isPendingState = (value: unknown): value is PendingState =>
	!!value &&
	typeof value === 'object' &&
	typeof (value as PendingState).expiresAt === 'number' &&
	typeof (value as PendingState).browser === 'string';

function pendingStates(staticData: IDataObject): PendingStates {
	const existing = staticData[PENDING_KEY];
	if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as PendingStates;
	const created: PendingStates = {};
	staticData[PENDING_KEY] = created as IDataObject;
	return created;
}

const hashOf = (browserKey: string) => createHash('sha256').update(browserKey).digest('base64url');

/**
 * Remember a fresh state bound to `browserKey` (kept in the workflow's static data, not in memory).
 * Expired entries, entries without a browser binding and, beyond the cap, the oldest are dropped.
 */
export function rememberState(staticData: IDataObject, state: string, browserKey: string, now: number): void {
	const pending = pendingStates(staticData);
	for (const [key, entry] of Object.entries(pending)) if (!isPendingState(entry) || entry.expiresAt <= now) delete pending[key];
	const oldestFirst = Object.entries(pending).sort(([, a], [, b]) => a.expiresAt - b.expiresAt);
	for (const [key] of oldestFirst.slice(0, Math.max(0, oldestFirst.length - (MAX_PENDING_STATES - 1)))) delete pending[key];
	pending[state] = { expiresAt: now + STATE_LIFETIME_MS, browser: hashOf(browserKey) };
}

export type StateCheck = 'valid' | 'unknown' | 'expired' | 'otherBrowser';

/** Whether `state` is waiting for X3's answer, without using it up. */
export function peekState(staticData: IDataObject, state: unknown, now: number): StateCheck {
	const pending = pendingStates(staticData);
	if (typeof state !== 'string' || !state || !Object.prototype.hasOwnProperty.call(pending, state)) return 'unknown';
	const entry = pending[state];
	return isPendingState(entry) && entry.expiresAt > now ? 'valid' : 'expired';
}

/**
 * Single use: a state is forgotten as soon as it is presented, valid or not. It is valid only from
 * the browser that started the pairing (same cookie, compared as hashes in constant time).
 */
export function consumeState(staticData: IDataObject, state: unknown, browserKey: string | undefined, now: number): StateCheck {
	const check = peekState(staticData, state, now);
	if (check === 'unknown') return check;
	const entry = pendingStates(staticData)[state as string];
	delete pendingStates(staticData)[state as string];
	if (check === 'expired') return check;
	const expected = Buffer.from(entry.browser, 'base64url');
	const presented = Buffer.from(hashOf(browserKey ?? ''), 'base64url');
	return browserKey && expected.length === presented.length && timingSafeEqual(expected, presented) ? 'valid' : 'otherBrowser';
}

/** The cookie that ties a pairing to the browser that started it. */
export interface BrowserCookie {
	name: string;
	secure: boolean;
}

const BROWSER_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * `__Host-` makes browsers refuse the cookie unless it is Secure, host-only and Path=/, so a sibling
 * subdomain cannot plant one (which would bind a victim's browser to an attacker's pairing).
 * Only n8n on plain http on loopback (local use) goes without; other plain http gets no cookie:
 * the refresh token must not cross the network in clear.
 */
export function browserCookieFor(webhookUrl: string): BrowserCookie | undefined {
	let url: URL;
	try {
		url = new URL(webhookUrl);
	} catch {
		return undefined;
	}
	if (url.protocol === 'https:') return { name: '__Host-n8n-sage-x3-pairing', secure: true };
	if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return { name: 'n8n-sage-x3-pairing', secure: false };
	return undefined;
}

/** The browser's key from its `Cookie` header, if it has a well-formed one. */
export function browserKeyOf(cookieHeader: unknown, cookie: BrowserCookie): string | undefined {
	if (typeof cookieHeader !== 'string') return undefined;
	for (const part of cookieHeader.split(';')) {
		const [name, ...value] = part.trim().split('=');
		if (name === cookie.name && BROWSER_KEY.test(value.join('='))) return value.join('=');
	}
	return undefined;
}

export const newBrowserKey = () => randomBytes(32).toString('base64url');

/**
 * SameSite=Lax: sent on top-level GET navigations only, which is how the browser comes back
 * (see the node's webhook), and never on cross-site requests an attacker's page could make.
 */
export function browserCookieHeader(cookie: BrowserCookie, browserKey: string): string {
	return `${cookie.name}=${browserKey}; Max-Age=${STATE_LIFETIME_MS / 1000}; Path=/; HttpOnly; SameSite=Lax${cookie.secure ? '; Secure' : ''}`;
}

export function buildAuthoriseUrl(credentials: X3CredentialData, redirectUri: string, state: string): string {
	const query = new URLSearchParams({
		client_id: String(credentials.clientId ?? '').trim(),
		scope: scopeOf(credentials),
		customer: String(credentials.customerUrl ?? '').trim(),
		redirect_uri: redirectUri,
		state,
	});
	return `${gatewayUrlOf(credentials)}/token/authorise?${query.toString()}`;
}

/**
 * The gateway X3 asked to use. The client secret is sent there, so it must pass the Regional
 * Endpoint rule (an X3 regional gateway, or a /v1 root on the Custom Gateway URL's host).
 */
export function acceptableEndpoint(credentials: X3CredentialData, endpoint: unknown): string | undefined {
	if (typeof endpoint !== 'string' || !endpoint.trim()) return undefined;
	let url: URL;
	try {
		url = new URL(endpoint.trim());
	} catch {
		return undefined;
	}
	if (regionalEndpointProblem(credentials, url.toString())) return undefined;
	return url.toString().replace(/\/+$/, '');
}

const escapeHtml = (value: string) =>
	value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const PAGE_STYLE = 'body{font-family:sans-serif;max-width:48em;margin:2em auto}textarea{width:100%}';

/**
 * Sent with every answer of the trigger. The page that shows the refresh token runs no script,
 * loads nothing, cannot be framed, cached, sniffed or leak its URL (which holds the code) as a
 * referrer; the one style block is allowed by its hash.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
	'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(PAGE_STYLE).digest('base64')}'; base-uri 'none'; frame-ancestors 'none'`,
	'x-content-type-options': 'nosniff',
	'x-frame-options': 'DENY',
	'referrer-policy': 'no-referrer',
	'cache-control': 'no-store',
};

export interface PageContent {
	secrets?: Array<{ label: string; value: string }>;
	/** A button that posts `fields` to `action`. */
	form?: { action: string; fields: Record<string, string>; button: string };
}

export function htmlPage(title: string, paragraphs: string[], { secrets = [], form }: PageContent = {}): string {
	const blocks = secrets
		.map(({ label, value }) => `<p><strong>${escapeHtml(label)}</strong></p><textarea readonly rows="4">${escapeHtml(value)}</textarea>`)
		.join('\n');
	const button = form
		? `<form method="post" action="${escapeHtml(form.action)}">${Object.entries(form.fields)
				.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
				.join('')}<button type="submit">${escapeHtml(form.button)}</button></form>`
		: '';
	return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${blocks}${button}
</body>
</html>`;
}
