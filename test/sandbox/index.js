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

/**
 * @param {{ port?: number, latencyMs?: number, seed?: number, x3?: object, sdmo?: object, sage200?: object }} options
 */
async function startSandbox(options = {}) {
	const server = new SandboxServer({ latencyMs: options.latencyMs ?? 0, seed: options.seed ?? 42 });
	const x3 = registerX3(server, options.x3 ?? {});
	const sdmo = registerSdmo(server, options.sdmo ?? {});
	const sage200 = registerSage200(server, options.sage200 ?? {});
	const url = await server.start(options.port ?? 0);
	return { url, server, x3, sdmo, sage200, close: () => server.stop() };
}

module.exports = { startSandbox };
