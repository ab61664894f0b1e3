/* Credential: token exchange with a JSON body, rotation persisted, endpoint switch, pair-again error. */
import { addPairedCredential, folder, newEngine, runX3, startX3Sandbox, type Sandbox } from './setup';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startX3Sandbox({ customers: 30, suppliers: 5, salesOrders: 5 });
});

afterAll(async () => {
	await sandbox.close();
});

beforeEach(() => {
	sandbox.server.resetCounters();
	sandbox.x3.clock.reset();
});

const listFolders = { resource: 'folder', operation: 'list' };

test('preAuthentication exchanges the refresh token with a JSON body and persists the rotated one', async () => {
	const engine = newEngine();
	const { id, refreshToken } = addPairedCredential(engine, sandbox);
	const result = await runX3(engine, id, { parameters: listFolders });
	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => item.json.name)).toEqual(['SEED', 'X3']);
	expect(result.items[0].json.dataService).toBe(`${sandbox.x3.gatewayUrl('eu')}/service/X3CLOUDV2_SEED/graphQL`);
	expect(result.items[0].pairedItem).toEqual({ item: 0 });

	const tokenRequests = sandbox.server.log.filter((entry: { name: string }) => entry.name === 'x3.token');
	expect(tokenRequests).toHaveLength(1);
	expect(tokenRequests[0].headers['content-type']).toMatch(/^application\/json/);
	const body = JSON.parse(tokenRequests[0].rawBody.toString('utf8'));
	expect(body).toEqual({
		grant_type: 'refresh_token',
		refresh_token: refreshToken,
		client_id: sandbox.x3.clientId,
		client_secret: sandbox.x3.clientSecret,
	});

	const stored = engine.store.get(id).data;
	const issued = sandbox.x3.issuedRefreshTokens;
	expect(stored.refreshToken).toBe(issued[issued.length - 1]);
	expect(stored.refreshToken).not.toBe(refreshToken);
	expect(typeof stored.accessToken).toBe('string');
	// Neither output nor error carries a token.
	expect(JSON.stringify(result.items)).not.toContain(String(stored.refreshToken));
});

test('the rotated refresh token survives across executions; one exchange per access-token lifetime', async () => {
	const engine = newEngine();
	const { id } = addPairedCredential(engine, sandbox);
	expect((await runX3(engine, id, { parameters: listFolders })).error).toBeUndefined();
	// Second run inside the access-token lifetime: no exchange at all.
	expect((await runX3(engine, id, { parameters: listFolders })).error).toBeUndefined();
	expect(sandbox.server.count('x3.token')).toBe(1);
	const afterFirst = engine.store.get(id).data.refreshToken;

	// Access token expired: the 401 makes n8n refresh once, with the token stored by run 1.
	sandbox.x3.expireAccessTokens();
	const second = await runX3(engine, id, { parameters: listFolders, items: [{}, {}, {}] });
	expect(second.error).toBeUndefined();
	expect(second.items).toHaveLength(6);
	expect(sandbox.server.count('x3.token')).toBe(2);
	const tokenBodies = sandbox.server.log
		.filter((entry: { name: string }) => entry.name === 'x3.token')
		.map((entry: { rawBody: Buffer }) => JSON.parse(entry.rawBody.toString('utf8')).refresh_token);
	expect(tokenBodies[1]).toBe(afterFirst);
	const afterSecond = engine.store.get(id).data.refreshToken;
	expect(afterSecond).not.toBe(afterFirst);
	expect(afterSecond).toBe(sandbox.x3.issuedRefreshTokens.at(-1));
});

test('an expired or revoked refresh token gives one clear "pair again" error without secrets', async () => {
	const engine = newEngine();
	const { id } = addPairedCredential(engine, sandbox);
	expect((await runX3(engine, id, { parameters: listFolders })).error).toBeUndefined();
	const stored = engine.store.get(id).data;
	sandbox.x3.revokeRefreshTokens();
	sandbox.x3.expireAccessTokens();
	const result = await runX3(engine, id, { parameters: listFolders });
	expect(result.error?.message).toContain('The Sage X3 refresh token is no longer valid: pair the credential again');
	const everything = JSON.stringify(result.error) + String(result.error?.description ?? '');
	expect(everything).not.toContain(String(stored.refreshToken));
	expect(everything).not.toContain(sandbox.x3.clientSecret);
});

test('an empty refresh token asks for pairing before any request', async () => {
	const engine = newEngine();
	const { id } = addPairedCredential(engine, sandbox);
	engine.store.get(id).data.refreshToken = '';
	const result = await runX3(engine, id, { parameters: listFolders });
	expect(result.error?.message).toContain('pair the credential again');
	expect(sandbox.server.count('x3')).toBe(0);
});

test('a wrong client secret is reported as such, not as a pairing problem', async () => {
	const engine = newEngine();
	const { id } = addPairedCredential(engine, sandbox);
	engine.store.get(id).data.clientSecret = 'wrong-secret';
	const result = await runX3(engine, id, { parameters: listFolders });
	expect(result.error?.message).toContain('Client ID or Client Secret');
	expect(JSON.stringify(result.error)).not.toContain('wrong-secret');
});

test('the endpoint X3 returned at pairing is used for the token and every later call', async () => {
	const engine = newEngine();
	// A US customer paired through the EU gateway: X3 sent endpoint = US gateway.
	const withEndpoint = addPairedCredential(engine, sandbox, { region: 'us', gatewayRegion: 'eu', withEndpoint: true });
	const result = await runX3(engine, withEndpoint.id, {
		parameters: { resource: 'customer', operation: 'getAll', folder: folder('SEED'), returnAll: false, limit: 3 },
	});
	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(3);
	const paths = sandbox.server.log.map((entry: { path: string }) => entry.path);
	// Token, folders, the folder schema, one page.
	expect(paths.length).toBe(4);
	for (const path of paths) expect(path.startsWith('/x3/us/v1/')).toBe(true);

	// Without the endpoint the EU gateway refuses the US token.
	const without = addPairedCredential(engine, sandbox, { region: 'us', gatewayRegion: 'eu', withEndpoint: false });
	const refused = await runX3(engine, without.id, { parameters: listFolders });
	expect(refused.error?.message).toContain('pair the credential again');
});

test('the credential test request lists folders at the right gateway', () => {
	const engine = newEngine();
	const type = engine.credentialsHelper.credentialType('sageX3Api');
	expect(type.test?.request.url).toBe('/folders');
	expect(String(type.test?.request.baseURL)).toContain('$credentials.endpoint');
	expect(type.properties.find((property) => property.name === 'accessToken')?.typeOptions?.expirable).toBe(true);
	expect(type.properties.find((property) => property.name === 'refreshToken')?.typeOptions?.password).toBe(true);
	expect(type.properties.find((property) => property.name === 'clientSecret')?.typeOptions?.password).toBe(true);
});

test('a folder URL outside the credential gateway never receives the token', async () => {
	const foreign = await startX3Sandbox({ customers: 5, suppliers: 1, salesOrders: 1, foreignFolderUrl: true });
	try {
		const engine = newEngine();
		const { id } = addPairedCredential(engine, foreign);
		const result = await runX3(engine, id, { parameters: { resource: 'customer', operation: 'get', folder: folder('SEED'), code: 'AE0001' } });
		expect(result.error?.message).toContain('outside the Sage gateway this credential belongs to; the token was not sent');
		expect(foreign.server.count('x3.graphql')).toBe(0);
	} finally {
		await foreign.close();
	}
});
