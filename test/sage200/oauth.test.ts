/* Sage ID OAuth2 as n8n drives it: authorize URL, code exchange, refresh on 401 with the rotated refresh token stored. */
import { ClientOAuth2 } from '@n8n/client-oauth2';
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { searchCompanies, searchSites } from '../../nodes/Sage200/methods/listSearch';
import { TestNodeTypes } from '../harness/node-types';
import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { startSage200Env, type Sage200Env } from './setup';

let env: Sage200Env;
beforeAll(async () => {
	env = await startSage200Env({ latencyMs: 5, sage200: { customers: 3000, customers2: 20 } });
});
afterAll(async () => await env.close());
beforeEach(() => env.server.resetCounters());

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

const getCustomer = { resource: 'customer', operation: 'get', recordId: '27828' };

describe('Sage 200 credential: the authorization-code flow', () => {
	test('authorize URL with audience and state, code exchange with the secret in the body, then a node run', async () => {
		// n8n resolves the credential's defaults before the flow.
		const resolve = async (data: IDataObject) => {
			env.engine.addCredential('resolve', 'sage200OAuth2Api', data);
			return (await env.engine.credentialsHelper.getDecrypted({} as never, { id: 'resolve', name: 'resolve' }, 'sage200OAuth2Api')) as IDataObject;
		};
		expect(await resolve({})).toMatchObject({
			authUrl: 'https://id.sage.com/authorize',
			accessTokenUrl: 'https://id.sage.com/oauth/token',
			authQueryParameters: 'audience=s200ukipd/sage200',
			scope: 'openid profile email offline_access',
			authentication: 'body',
			grantType: 'authorizationCode',
		});
		// Like n8n 2.41, stored values of the hidden OAuth fields are ignored; the URLs are visible fields.
		expect((await resolve({ grantType: 'clientCredentials' })).grantType).toBe('authorizationCode');
		const stored = await resolve({
			clientId: env.s200.demo.clientId,
			clientSecret: env.s200.demo.clientSecret,
			authUrl: env.s200.demo.authorizeUrl,
			accessTokenUrl: env.s200.demo.tokenUrl,
		});
		expect([stored.authUrl, stored.accessTokenUrl]).toEqual([env.s200.demo.authorizeUrl, env.s200.demo.tokenUrl]);
		// As n8n's OAuth2 credential controller: ClientOAuth2 code URI with a CSRF state, plus authQueryParameters.
		const state = Buffer.from(JSON.stringify({ token: 'csrf-secret', cid: 'cred-1' })).toString('base64');
		const scope = String(stored.scope);
		const client = new ClientOAuth2({
			clientId: String(stored.clientId),
			clientSecret: String(stored.clientSecret),
			accessTokenUri: String(stored.accessTokenUrl),
			authorizationUri: String(stored.authUrl),
			redirectUri: REDIRECT_URI,
			scopes: scope.split(','),
			scopesSeparator: scope.includes(',') ? ',' : ' ',
			authentication: 'body',
			state,
		});
		const authorizeUrl = `${client.code.getUri()}&${stored.authQueryParameters}`;
		const query = new URL(authorizeUrl).searchParams;
		expect([query.get('audience'), query.get('response_type'), query.get('scope'), query.get('state')]).toEqual(['s200ukipd/sage200', 'code', 'openid profile email offline_access', state]);

		const redirect = await fetch(authorizeUrl, { redirect: 'manual' });
		expect(redirect.status).toBe(302);
		const callback = new URL(redirect.headers.get('location')!);
		expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
		expect(callback.searchParams.get('state')).toBe(state);

		// As n8n's callback: with authentication 'body' the secret leaves the client options and goes in the form body.
		const callbackClient = new ClientOAuth2({ ...client.options, clientSecret: undefined });
		const token = await callbackClient.code.getToken(`${REDIRECT_URI}?${callback.searchParams.toString()}`, {
			body: { client_id: stored.clientId, client_secret: stored.clientSecret },
		});
		const exchange = env.s200.tokenRequests().at(-1);
		expect(exchange).toMatchObject({ grant_type: 'authorization_code', clientAuth: 'body', contentType: 'application/x-www-form-urlencoded', status: 200 });
		expect(token.data).toMatchObject({ token_type: 'Bearer', expires_in: 28800 });

		const credential = env.addCredential({}, token.data as IDataObject);
		const r = await env.run(getCustomer, { credential });
		expect(r.error).toBeUndefined();
		expect(r.items[0].json.name).toBe('ABS Garages Ltd');
	});

	test('a 401 refreshes once, stores the rotated refresh token, and the next run uses it', async () => {
		const first = env.s200.issue();
		const credential = env.addCredential({}, first);
		env.s200.expireAccessTokens();
		const before = env.s200.tokenRequests().length;

		const r = await env.run(getCustomer, { credential });
		expect(r.error).toBeUndefined();
		const refreshes = env.s200.tokenRequests().slice(before);
		expect(refreshes).toHaveLength(1);
		expect(refreshes[0]).toMatchObject({ grant_type: 'refresh_token', clientAuth: 'body', status: 200 });
		const storedToken = env.engine.store.get(credential).data.oauthTokenData as IDataObject;
		expect(storedToken.refresh_token).not.toBe(first.refresh_token);
		expect(storedToken.access_token).not.toBe(first.access_token);
		expect(env.server.count('s200.customers.get')).toBe(2);

		// The old refresh token is spent; a second run must use the stored pair without refreshing.
		const again = await env.run(getCustomer, { credential });
		expect(again.error).toBeUndefined();
		expect(env.s200.tokenRequests().length).toBe(before + 1);
	});

	test('concurrent pages after expiry share one refresh', async () => {
		const credential = env.addCredential();
		env.s200.expireAccessTokens();
		const before = env.s200.tokenRequests().length;
		const r = await env.run({ resource: 'customer', operation: 'getAll', returnAll: true, listOptions: { pageSize: 500, concurrency: 4, select: 'id' } }, { credential });
		expect(r.error).toBeUndefined();
		expect(r.items.map((i) => i.json.id)).toEqual(env.s200.records(1, 'customers').map((c: IDataObject) => c.id));
		expect(env.s200.tokenRequests().length).toBe(before + 1);
		expect(env.server.maxInFlight['s200.customers.list']).toBeLessThanOrEqual(4);
	});
});

describe('Sage 200 node: company and site pickers', () => {
	function loadOptionsContext(credential: string, parameters: IDataObject = {}) {
		const node: INode = {
			id: 'subject',
			name: 'Subject',
			type: 'sage200',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'customer', operation: 'get', site: { __rl: true, mode: 'list', value: '' }, company: { __rl: true, mode: 'list', value: '' }, ...parameters } as never,
			credentials: { sage200OAuth2Api: { id: credential, name: credential } },
		};
		const workflow = new Workflow({ id: 'w', name: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sage200: new Sage200() }) });
		const additionalData = { credentialsHelper: env.engine.credentialsHelper, restApiUrl: 'http://127.0.0.1/rest', currentNodeParameters: node.parameters } as unknown as IWorkflowExecuteAdditionalData;
		return new LoadOptionsContext(workflow, node, additionalData, 'parameters.company');
	}

	test('sites and companies come from GET sites, showing company and site names', async () => {
		const context = loadOptionsContext(env.addCredential());
		const sites = await searchSites.call(context);
		expect(sites.results).toEqual([{ name: 'Demo Site (DEMO)', value: env.s200.demo.siteId }]);
		const companies = await searchCompanies.call(context);
		expect(companies.results).toEqual([
			{ name: 'Stationery & Computer Mart UK (Demo Site)', value: '1' },
			{ name: 'Demo Data Company (Demo Site)', value: '2' },
		]);
		const filtered = await searchCompanies.call(context, 'demo data');
		expect(filtered.results.map((r) => r.value)).toEqual(['2']);
		const [request] = env.server.log.filter((e: IDataObject) => e.name === 's200.sites');
		expect(request.headers['ocp-apim-subscription-key']).toBe(env.s200.demo.subscriptionKey);
		expect(request.headers['x-company']).toBeUndefined();
	});

	test('an empty sites list says the on-premise connection is down', async () => {
		env.s200.options.emptySites = true;
		try {
			const context = loadOptionsContext(env.addCredential());
			await expect(searchCompanies.call(context)).rejects.toThrow(/Sage 200 returned no sites: .*on-premise connection .* is down/);
		} finally {
			env.s200.options.emptySites = false;
		}
	});
});
