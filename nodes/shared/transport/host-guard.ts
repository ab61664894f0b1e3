import { NodeOperationError, type INode } from 'n8n-workflow';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/i;

export const isLoopbackHost = (hostname: string) => LOOPBACK.test(hostname);

/** Whether a secret may travel to `url`: https, or plain http to loopback (it never leaves the machine). */
export const isSecureUrl = (url: URL) => url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));

/**
 * Parse a URL that a token is about to be sent to, refusing plain http except on loopback: a
 * request to 127.0.0.1 or localhost never leaves the machine n8n runs on.
 */
export function parseSecureUrl(node: INode, value: string, what: string, itemIndex?: number): URL {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new NodeOperationError(node, `${what} is not a valid URL: "${value}"`, { itemIndex });
	}
	if (isSecureUrl(url)) return url;
	throw new NodeOperationError(node, `${what} must use https:// (got "${url.protocol}//${url.host}")`, {
		itemIndex,
		description: 'Plain http:// is only accepted for loopback addresses (127.x.x.x, localhost, [::1]), which never leave this machine.',
	});
}

/**
 * Whether `url` belongs to one of the allowed places. An entry is either a URL prefix
 * ("https://api.eu-prod-sagex3.com/v1") or a host suffix ("*.erp.sage.com").
 */
export function isUrlAllowed(url: URL, allowed: readonly string[]): boolean {
	return allowed.some((entry) => {
		if (entry.startsWith('*.')) {
			const suffix = entry.slice(1).toLowerCase();
			return url.protocol === 'https:' && url.hostname.toLowerCase().endsWith(suffix);
		}
		let base: URL;
		try {
			base = new URL(entry);
		} catch {
			return false;
		}
		if (base.protocol !== url.protocol || base.host.toLowerCase() !== url.host.toLowerCase()) return false;
		const basePath = base.pathname.replace(/\/+$/, '');
		return url.pathname === basePath || url.pathname.startsWith(`${basePath}/`) || basePath === '';
	});
}

/** Refuse to send a credential's token anywhere but the gateway that credential belongs to. */
export function assertUrlAllowed(
	node: INode,
	value: string,
	allowed: readonly string[],
	what: string,
	itemIndex?: number,
): URL {
	const url = parseSecureUrl(node, value, what, itemIndex);
	if (!isUrlAllowed(url, allowed)) {
		throw new NodeOperationError(
			node,
			`${what} points to ${url.origin}, outside the Sage gateway this credential belongs to; the token was not sent`,
			{ itemIndex, description: `Allowed: ${allowed.join(', ')}` },
		);
	}
	return url;
}
