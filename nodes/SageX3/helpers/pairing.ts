import type { IDataObject } from 'n8n-workflow';

import { gatewayUrlOf, scopeOf, type X3CredentialData } from './token';

/** How long a pairing started from n8n may take, approval page included. */
export const STATE_LIFETIME_MS = 10 * 60 * 1000;

const PENDING_KEY = 'pendingPairingStates';

type PendingStates = Record<string, number>;

function pendingStates(staticData: IDataObject): PendingStates {
	const existing = staticData[PENDING_KEY];
	if (existing && typeof existing === 'object' && !Array.isArray(existing)) return existing as PendingStates;
	const created: PendingStates = {};
	staticData[PENDING_KEY] = created as IDataObject;
	return created;
}

/** Remember a fresh state (kept in the workflow's static data, not in memory) and drop expired ones. */
export function rememberState(staticData: IDataObject, state: string, now: number): void {
	const pending = pendingStates(staticData);
	for (const [key, expiresAt] of Object.entries(pending)) if (expiresAt <= now) delete pending[key];
	pending[state] = now + STATE_LIFETIME_MS;
}

export type StateCheck = 'valid' | 'unknown' | 'expired';

/** Single use: a state is forgotten as soon as it is presented, valid or not. */
export function consumeState(staticData: IDataObject, state: unknown, now: number): StateCheck {
	const pending = pendingStates(staticData);
	if (typeof state !== 'string' || !state || !Object.prototype.hasOwnProperty.call(pending, state)) return 'unknown';
	const expiresAt = pending[state];
	delete pending[state];
	return expiresAt > now ? 'valid' : 'expired';
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
 * The gateway X3 asked to use. The client secret is sent there, so it must be https on a Sage X3
 * host, or on the configured gateway's own origin (custom gateways, the local sandbox).
 */
export function acceptableEndpoint(credentials: X3CredentialData, endpoint: unknown): string | undefined {
	if (typeof endpoint !== 'string' || !endpoint.trim()) return undefined;
	let url: URL;
	try {
		url = new URL(endpoint.trim());
	} catch {
		return undefined;
	}
	const gateway = new URL(gatewayUrlOf(credentials));
	const sageHost = url.protocol === 'https:' && (url.hostname === 'sagex3.com' || url.hostname.endsWith('.sagex3.com'));
	if (!sageHost && url.origin !== gateway.origin) return undefined;
	return url.toString().replace(/\/+$/, '');
}

const escapeHtml = (value: string) =>
	value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function htmlPage(title: string, paragraphs: string[], secrets: Array<{ label: string; value: string }> = []): string {
	const blocks = secrets
		.map(
			({ label, value }) =>
				`<p><strong>${escapeHtml(label)}</strong></p><textarea readonly rows="4" cols="80" onclick="this.select()">${escapeHtml(value)}</textarea>`,
		)
		.join('\n');
	return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; max-width: 48em; margin: 2em auto">
<h1>${escapeHtml(title)}</h1>
${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
${blocks}
</body>
</html>`;
}
