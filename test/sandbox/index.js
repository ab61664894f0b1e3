'use strict';
/**
 * The Sage sandbox: one local HTTP server that behaves like Sage X3, SDMO and Sage 200 as the
 * seeds and SAGE-API-NOTES describe them. `startSandbox()` returns the running server plus one
 * controller per product (demo credentials, data store, token switches).
 */
const { SandboxServer } = require('./core');
const { registerX3 } = require('./x3');
const { registerSdmo } = require('./sdmo');
const { registerSage200 } = require('./sage200');
const { generateCertificates } = require('./tls');

/**
 * @param {{ port?: number, latencyMs?: number, seed?: number, tls?: boolean | object, x3?: object, sdmo?: object, sage200?: object }} options
 *   tls: true serves HTTPS with certificates made at start (removed on close); or certificates from
 *   generateCertificates() (test/sandbox/tls.js), so that several sandboxes share one CA. The
 *   result's `tls.caPath` is the CA file a client trusts (NODE_EXTRA_CA_CERTS for n8n).
 */
async function startSandbox(options = {}) {
	const certificates = options.tls === true ? generateCertificates() : options.tls || undefined;
	const server = new SandboxServer({ latencyMs: options.latencyMs ?? 0, seed: options.seed ?? 42, tls: certificates });
	const x3 = registerX3(server, options.x3 ?? {});
	const sdmo = registerSdmo(server, options.sdmo ?? {});
	const sage200 = registerSage200(server, options.sage200 ?? {});
	const url = await server.start(options.port ?? 0);
	const close = async () => {
		await server.stop();
		if (options.tls === true) certificates.remove();
	};
	const tls = certificates ? { caPath: certificates.caPath, ca: certificates.ca } : undefined;
	return { url, server, x3, sdmo, sage200, tls, close };
}

module.exports = { startSandbox, generateCertificates };
