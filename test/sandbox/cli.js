#!/usr/bin/env node
'use strict';
/**
 * Runs the Sage sandbox standalone and prints what to paste into n8n credentials.
 * Usage: npm run sandbox [-- --port 4545 --latency 25 --tls]
 * --tls serves HTTPS with a CA made at start: start n8n with NODE_EXTRA_CA_CERTS=<the CA file printed>.
 */
const { startSandbox } = require('./index');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > -1 ? Number(process.argv[index + 1]) : fallback;
}

(async () => {
	const sandbox = await startSandbox({ port: option('port', 4545), latencyMs: option('latency', 0), tls: process.argv.includes('--tls') });
	const { url } = sandbox;
	const x3 = sandbox.x3;
	const sdmo = sandbox.sdmo.demo;
	const s200 = sandbox.sage200.demo;
	const pairing = x3.pair({ region: 'eu' });
	const lines = [
		`Sage sandbox listening on ${url}`,
		...(sandbox.tls ? [`  Its CA (trust it in n8n): NODE_EXTRA_CA_CERTS=${sandbox.tls.caPath}`] : []),
		'',
		'Sage X3 (credential "Sage X3 API")',
		`  Gateway (custom URL): ${x3.gatewayUrl('eu')}`,
		`  Client ID / Secret:   ${x3.clientId} / ${x3.clientSecret}`,
		`  Customer X3 URL:      ${x3.sites[0].url}   (other region: ${x3.sites[1].url})`,
		`  Refresh token (pre-paired, single use, rotates): ${pairing.refresh_token}`,
		'',
		'Sage DMO (credential "Sage DMO API")',
		`  Token URL:            ${url}/sdmo/v1/token`,
		`  Client ID / Secret:   ${sdmo.clientId} / ${sdmo.clientSecret}`,
		`  Tenant ID:            ${sdmo.tenantId}   (not accepted: ${sdmo.notAcceptedTenantId})`,
		'',
		'Sage 200 (credential "Sage 200 OAuth2 API")',
		`  Authorization URL:    ${s200.authorizeUrl}`,
		`  Access Token URL:     ${s200.tokenUrl}`,
		`  API base URL:         ${s200.baseUrl}`,
		`  Client ID / Secret:   ${s200.clientId} / ${s200.clientSecret}`,
		`  Subscription key:     ${s200.subscriptionKey}`,
		'',
		'These are the sandbox\'s own demo values, not real secrets. Ctrl-C stops the sandbox.',
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})().catch((error) => {
	process.stderr.write(`${error.stack}\n`);
	process.exit(1);
});
