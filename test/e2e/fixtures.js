'use strict';
/**
 * Credentials and workflows for a real n8n pointed at the Sage sandbox, shared by the e2e runner
 * (test/e2e/run.js) and the demo (scripts/demo.js). Plain JSON as `n8n import:credentials` and
 * `n8n import:workflow` take it; n8n encrypts the credential data on import.
 */

const { SITE_ID: SAGE200_SITE_ID } = require('../sandbox/sage200');

const PACKAGE = 'n8n-nodes-sage-erp';
const TYPE = {
	x3: `${PACKAGE}.sageX3`,
	x3Pairing: `${PACKAGE}.sageX3Pairing`,
	sdmo: `${PACKAGE}.sageDmo`,
	sage200: `${PACKAGE}.sage200`,
	manual: 'n8n-nodes-base.manualTrigger',
};

/** n8n ids are 16 alphanumerics in practice; any stable string of that shape imports fine. */
const CREDENTIAL_ID = {
	x3: 'sageX3DemoCred01',
	x3Unpaired: 'sageX3PairCred01',
	sdmo: 'sageDmoDemoCred1',
	sage200: 'sage200DemoCred1',
	sage200Unconnected: 'sage200OAuthCred',
};

const CREDENTIAL_NAME = {
	x3: 'Sage X3 (sandbox, paired)',
	x3Unpaired: 'Sage X3 (sandbox, to pair)',
	sdmo: 'Sage DMO (sandbox)',
	sage200: 'Sage 200 (sandbox, connected)',
	sage200Unconnected: 'Sage 200 (sandbox, to connect)',
};

const X3_SCOPE = ['businessDomain.ALL', 'api.graphQL', 'api.dataDelivery'];

function x3Application(sandbox) {
	return {
		clientId: sandbox.x3.clientId,
		clientSecret: sandbox.x3.clientSecret,
		gateway: 'custom',
		customGatewayUrl: sandbox.x3.gatewayUrl('eu'),
		customerUrl: sandbox.x3.sites[0].url,
		scope: X3_SCOPE,
		endpoint: '',
	};
}

function sage200Application(sandbox) {
	const demo = sandbox.sage200.demo;
	return {
		clientId: demo.clientId,
		clientSecret: demo.clientSecret,
		// The sandbox's Sage ID (the credential's visible URL fields default to id.sage.com).
		authUrl: demo.authorizeUrl,
		accessTokenUrl: demo.tokenUrl,
		edition: 'sage200extra',
		apiBaseUrl: demo.baseUrl,
		subscriptionApiKey: demo.subscriptionKey,
	};
}

/**
 * Ready-to-use credentials: X3 paired the quick way (the sandbox issues a refresh token), SDMO
 * (client credentials), Sage 200 with a token pair minted by the sandbox.
 */
function readyCredentials(sandbox) {
	const paired = sandbox.x3.pair({ region: 'eu', scope: X3_SCOPE.join(' ') });
	return [
		{
			id: CREDENTIAL_ID.x3,
			name: CREDENTIAL_NAME.x3,
			type: 'sageX3Api',
			data: { ...x3Application(sandbox), customerUrl: paired.customer, refreshToken: paired.refresh_token },
		},
		{
			id: CREDENTIAL_ID.sdmo,
			name: CREDENTIAL_NAME.sdmo,
			type: 'sageDmoApi',
			data: {
				clientId: sandbox.sdmo.demo.clientId,
				clientSecret: sandbox.sdmo.demo.clientSecret,
				tenantId: sandbox.sdmo.demo.tenantId,
				tokenUrl: `${sandbox.url}/sdmo/v1/token`,
			},
		},
		{
			id: CREDENTIAL_ID.sage200,
			name: CREDENTIAL_NAME.sage200,
			type: 'sage200OAuth2Api',
			data: { ...sage200Application(sandbox), oauthTokenData: sandbox.sage200.issue() },
		},
	];
}

/** Credentials that still need their interactive step: X3 pairing, Sage 200 OAuth2 connect. */
function interactiveCredentials(sandbox) {
	return [
		{ id: CREDENTIAL_ID.x3Unpaired, name: CREDENTIAL_NAME.x3Unpaired, type: 'sageX3Api', data: x3Application(sandbox) },
		{ id: CREDENTIAL_ID.sage200Unconnected, name: CREDENTIAL_NAME.sage200Unconnected, type: 'sage200OAuth2Api', data: sage200Application(sandbox) },
	];
}

const credentialRef = (key) => ({ id: CREDENTIAL_ID[key], name: CREDENTIAL_NAME[key] });
const folder = (name) => ({ __rl: true, mode: 'name', value: name });
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/**
 * Manual Trigger -> one or more nodes in a row. steps: [{ name, type, parameters, credentials }].
 */
function chain(id, name, steps, extra = {}) {
	const nodes = [{ id: `${id}-trigger`, name: 'Start', type: TYPE.manual, typeVersion: 1, position: [0, 0], parameters: {} }];
	const connections = {};
	let previous = 'Start';
	steps.forEach((step, index) => {
		nodes.push({
			id: `${id}-n${index + 1}`,
			name: step.name,
			type: step.type,
			typeVersion: 1,
			position: [260 * (index + 1), 0],
			parameters: step.parameters,
			credentials: step.credentials,
			...(step.extra || {}),
		});
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, ...extra };
}

const X3_GRAPHQL_CUSTOMERS = `query Customers {
  sage {
    x3BusinessPartners {
      customer(first: 100) {
        edges { node { code companyName country } }
      }
    }
  }
}`;

const UPDATED_SINCE = '2026-10-01T00:00:00Z';

/** The two conditions of the X3 Conditions workflows (the e2e one and the demo's). */
const X3_CONDITIONS = {
	country: { field: 'country', operator: 'equals', value: 'FR' },
	code: { field: 'code', operator: 'startsWith', value: 'AE1' },
};

const workflows = {
	x3Folders: (credential = 'x3') =>
		chain(credential === 'x3' ? 'e2eX3Folders0001' : 'e2eX3PairFolders', `Sage X3: list folders (${CREDENTIAL_NAME[credential]})`, [
			{ name: 'List Folders', type: TYPE.x3, parameters: { resource: 'folder', operation: 'list' }, credentials: { sageX3Api: credentialRef(credential) } },
		]),
	x3CustomersGetMany: () =>
		chain('e2eX3Customers01', 'Sage X3: all customers (Get Many)', [
			{
				name: 'Get Customers',
				type: TYPE.x3,
				parameters: { resource: 'customer', operation: 'getAll', folder: folder('SEED'), returnAll: true },
				credentials: { sageX3Api: credentialRef('x3') },
			},
		]),
	x3CustomersGraphql: () =>
		chain('e2eX3Graphql0001', 'Sage X3: all customers (GraphQL Execute, paged)', [
			{
				name: 'GraphQL Customers',
				type: TYPE.x3,
				parameters: {
					resource: 'graphql',
					operation: 'execute',
					folder: folder('SEED'),
					query: X3_GRAPHQL_CUSTOMERS,
					variables: '{}',
					paginate: true,
					connectionPath: 'sage.x3BusinessPartners.customer',
					returnAll: true,
				},
				credentials: { sageX3Api: credentialRef('x3') },
			},
		]),
	sdmoCustomers: () =>
		chain('e2eSdmoCustomer1', 'Sage DMO: all customers (Get Many)', [
			{
				name: 'Get Customers',
				type: TYPE.sdmo,
				parameters: { resource: 'customer', operation: 'getMany', app: 'sdmo', returnAll: true, options: { fields: '_id id name' } },
				credentials: { sageDmoApi: credentialRef('sdmo') },
			},
		]),
	sdmoRevokeThenQuery: () =>
		chain('e2eSdmoRevoke001', 'Sage DMO: revoke the token, then query again', [
			{
				name: 'First Customers',
				type: TYPE.sdmo,
				parameters: { resource: 'customer', operation: 'getMany', app: 'sdmo', returnAll: false, limit: 3, options: { fields: '_id id' } },
				credentials: { sageDmoApi: credentialRef('sdmo') },
			},
			{ name: 'Revoke Token', type: TYPE.sdmo, parameters: { resource: 'token', operation: 'revoke' }, credentials: { sageDmoApi: credentialRef('sdmo') } },
			{
				name: 'Customers Again',
				type: TYPE.sdmo,
				parameters: { resource: 'customer', operation: 'getMany', app: 'sdmo', returnAll: false, limit: 5, options: { fields: '_id id' } },
				credentials: { sageDmoApi: credentialRef('sdmo') },
			},
		]),
	sage200UpdatedSince: (credential = 'sage200') =>
		chain(credential === 'sage200' ? 'e2eS200Updated01' : 'e2eS200OAuthRun1', `Sage 200: customers updated since ${UPDATED_SINCE} (${CREDENTIAL_NAME[credential]})`, [
			{
				name: 'Customers Updated Since',
				type: TYPE.sage200,
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					site: byId(SAGE200_SITE_ID),
					company: byId(1),
					returnAll: true,
					filters: { updatedSince: UPDATED_SINCE },
					listOptions: { select: 'id,reference,name,date_time_updated' },
				},
				credentials: { sage200OAuth2Api: credentialRef(credential) },
			},
		]),
	// Get Many with Conditions (issue 23), one per product: fields, operators and values picked, no raw syntax.
	x3CustomersConditions: () =>
		chain('e2eX3Conditions1', 'Sage X3: French customers whose code starts with AE1 (Conditions)', [
			{
				name: 'Customers by Conditions',
				type: TYPE.x3,
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					folder: folder('SEED'),
					returnAll: true,
					conditions: { condition: [X3_CONDITIONS.country, X3_CONDITIONS.code] },
					sort: { rule: [{ field: 'code', direction: 'desc' }] },
					fields: ['code', 'companyName', 'country'],
				},
				credentials: { sageX3Api: credentialRef('x3') },
			},
		]),
	sdmoCustomersConditions: () =>
		chain('e2eSdmoConditio1', 'Sage DMO: Logistics customers with a credit limit of 5000 or more (Conditions)', [
			{
				name: 'Customers by Conditions',
				type: TYPE.sdmo,
				parameters: {
					resource: 'customer',
					operation: 'getMany',
					app: 'sdmo',
					returnAll: true,
					conditions: {
						condition: [
							{ field: 'name', operator: 'contains', value: 'Logistics' },
							{ field: 'creditLimit', operator: 'gte', value: '5000' },
						],
					},
					fields: ['_id', 'id', 'name', 'creditLimit'],
				},
				credentials: { sageDmoApi: credentialRef('sdmo') },
			},
		]),
	sage200CustomersConditions: () =>
		chain('e2eS200Conditio1', 'Sage 200: customers not on hold with a balance from 1000 to 5000 (Conditions)', [
			{
				name: 'Customers by Conditions',
				type: TYPE.sage200,
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					site: byId(SAGE200_SITE_ID),
					company: byId(1),
					returnAll: true,
					conditions: {
						condition: [
							{ field: 'balance', operator: 'between', value: '1000', valueTo: '5000' },
							{ field: 'on_hold', operator: 'isFalse' },
						],
					},
					fields: ['id', 'reference', 'balance', 'on_hold'],
				},
				credentials: { sage200OAuth2Api: credentialRef('sage200') },
			},
		]),
	x3Pairing: (webhookId) => ({
		id: 'e2eX3Pairing0001',
		name: 'Sage X3: pairing',
		nodes: [
			{
				id: 'e2eX3Pairing-n1',
				name: 'Sage X3 Pairing',
				type: TYPE.x3Pairing,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				webhookId,
				credentials: { sageX3Api: credentialRef('x3Unpaired') },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	}),
};

/** The three workflows `npm start` imports: Manual Trigger -> one Sage node, small outputs. */
function demoWorkflows(sandbox) {
	return [
		chain('sageDemoX3000001', 'Demo: Sage X3 customers in France (Conditions)', [
			{
				name: 'Sage X3',
				type: TYPE.x3,
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					folder: folder('SEED'),
					returnAll: false,
					limit: 10,
					conditions: { condition: [X3_CONDITIONS.country, X3_CONDITIONS.code] },
				},
				credentials: { sageX3Api: credentialRef('x3') },
			},
		]),
		chain('sageDemoDmo00001', 'Demo: Sage DMO customers', [
			{
				name: 'Sage DMO',
				type: TYPE.sdmo,
				parameters: { resource: 'customer', operation: 'getMany', app: 'sdmo', returnAll: false, limit: 10 },
				credentials: { sageDmoApi: credentialRef('sdmo') },
			},
		]),
		chain('sageDemoS2000001', 'Demo: Sage 200 customers updated since October 2026', [
			{
				name: 'Sage 200',
				type: TYPE.sage200,
				parameters: {
					resource: 'customer',
					operation: 'getAll',
					site: byId(sandbox.sage200.demo.siteId),
					company: byId(1),
					returnAll: false,
					limit: 10,
					filters: { updatedSince: UPDATED_SINCE },
					listOptions: { select: 'id,reference,name,balance,date_time_updated' },
				},
				credentials: { sage200OAuth2Api: credentialRef('sage200') },
			},
		]),
	];
}

module.exports = {
	PACKAGE,
	TYPE,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	UPDATED_SINCE,
	readyCredentials,
	interactiveCredentials,
	workflows,
	demoWorkflows,
};
