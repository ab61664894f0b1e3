'use strict';
/*
 * Runs one Sage 200 node through n8n's engine in a process of its own, so that a test can watch
 * the process survive (or die). The TypeScript sources are transpiled on require (no type check,
 * no build output). Usage: node sage200-child.js '<json: { apiBaseUrl, parameters }>'
 * Prints one JSON line: { error?: { name, message }, items }.
 */
const fs = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const source = fs.readFileSync(filename, 'utf8');
	const { outputText } = ts.transpileModule(source, {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true, resolveJsonModule: true },
	});
	module._compile(outputText, filename);
};

const { Engine } = require('../harness/engine.ts');
const { Sage200 } = require('../../nodes/Sage200/Sage200.node.ts');
const { Sage200OAuth2Api } = require('../../credentials/Sage200OAuth2Api.credentials.ts');

async function main() {
	const { apiBaseUrl, parameters } = JSON.parse(process.argv[2]);
	const engine = new Engine({ nodes: { sage200: new Sage200() }, credentials: [new Sage200OAuth2Api()] });
	engine.addCredential('c1', 'sage200OAuth2Api', {
		clientId: 'client',
		clientSecret: 'secret',
		authUrl: 'https://id.sage.com/authorize',
		accessTokenUrl: 'https://id.sage.com/oauth/token',
		edition: 'sage200extra',
		apiBaseUrl,
		subscriptionApiKey: 'subscription-key',
		oauthTokenData: { access_token: 'access-token', token_type: 'Bearer', refresh_token: 'refresh-token' },
	});
	const result = await engine.run({
		type: 'sage200',
		parameters: {
			site: { __rl: true, mode: 'id', value: '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01' },
			company: { __rl: true, mode: 'id', value: '1' },
			...parameters,
		},
		credentials: { sage200OAuth2Api: 'c1' },
	});
	const error = result.error ? { name: result.error.name, message: result.error.message } : undefined;
	process.stdout.write(`${JSON.stringify({ error, items: result.items.length })}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stdout.write(`${JSON.stringify({ crashed: String(error && error.stack) })}\n`);
		process.exit(2);
	},
);
