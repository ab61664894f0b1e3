'use strict';
/**
 * The workflows the benchmark runs. Every workflow starts at a NoOp node named "Input": the run
 * request hands it the input items (codes, ids, a fresh refresh token for the baseline...), so
 * nothing has to be edited between runs. "ours" uses this package's nodes; "baseline" is what a
 * user builds today with n8n's HTTP Request node (a token request node, then the data request,
 * with the HTTP Request node's own pagination where the API pages) and, for the lookups by key
 * (W2, W3), also with n8n's GraphQL node.
 */

const PKG = 'n8n-nodes-sage-erp';

const X3_FIELDS = 'code companyName shortName category country currency isActive createdAt updatedAt';
const SDMO_FIELDS = '_id id name isActive creditLimit';

let nodeSeq = 0;
const node = (name, type, typeVersion, parameters, position, extra = {}) => ({
	id: `bench-node-${++nodeSeq}`,
	name,
	type,
	typeVersion,
	position,
	parameters,
	...extra,
});

const input = () => node('Input', 'n8n-nodes-base.noOp', 1, {}, [0, 0]);

/** Input -> a -> b -> ...; `parallel` nodes hang off Input too, above the chain (run first in v1 order). */
function workflow(id, name, chain, parallel = []) {
	const nodes = [input(), ...parallel, ...chain];
	const connections = {};
	const link = (from, to) => {
		connections[from] = connections[from] || { main: [[]] };
		connections[from].main[0].push({ node: to, type: 'main', index: 0 });
	};
	for (const p of parallel) link('Input', p.name);
	let previous = 'Input';
	for (const n of chain) {
		link(previous, n.name);
		previous = n.name;
	}
	return { id, name, nodes, connections, settings: { executionOrder: 'v1', saveManualExecutions: true }, last: previous };
}

const httpRequest = (name, parameters, position, extra) =>
	node(name, 'n8n-nodes-base.httpRequest', 4.2, { options: {}, ...parameters }, position, extra);

/** n8n's GraphQL node (1.1, JSON request format): one request per item, item after item. */
const graphqlNode = (name, { endpoint, query, variables, authorization }, position) =>
	node(
		name,
		'n8n-nodes-base.graphql',
		1.1,
		{
			endpoint,
			requestFormat: 'json',
			query,
			variables,
			headerParametersUi: { parameter: [{ name: 'Authorization', value: authorization }] },
		},
		position,
	);

const headers = (pairs) => ({ sendHeaders: true, headerParameters: { parameters: Object.entries(pairs).map(([name, value]) => ({ name, value })) } });

// ---- Sage X3 ---------------------------------------------------------------------------------

function x3Token(env, position, extra) {
	return httpRequest(
		'Get Token',
		{
			method: 'POST',
			url: `${env.x3Gateway}/token`,
			sendBody: true,
			specifyBody: 'json',
			// X3 rotates refresh tokens: each run gets a fresh one in its first input item.
			jsonBody: `={{ JSON.stringify({ grant_type: 'refresh_token', client_id: ${JSON.stringify(env.x3.clientId)}, client_secret: ${JSON.stringify(env.x3.clientSecret)}, refresh_token: $('Input').first().json.refreshToken }) }}`,
		},
		position,
		extra,
	);
}

const X3_LIST_QUERY = `query ($after: String) { sage { x3BusinessPartners { customer(first: 100, after: $after) { edges { node { ${X3_FIELDS} } } pageInfo { endCursor hasNextPage } } } } }`;

function x3Workflows(env) {
	const credentials = { sageX3Api: { id: env.x3CredentialId, name: 'Bench Sage X3' } };
	const folder = { __rl: true, mode: 'name', value: 'SEED' };
	const customerPath = '$response.body.data.sage.x3BusinessPartners.customer';
	return {
		w1Ours: workflow('benchW1Ours0001', 'W1 ours: X3 Get Many customers', [
			node('Sage X3', `${PKG}.sageX3`, 1, { resource: 'customer', operation: 'getAll', folder, returnAll: true, fields: X3_FIELDS }, [220, 0], { credentials }),
		]),
		w1Baseline: workflow('benchW1Base0001', 'W1 baseline: HTTP Request with pagination', [
			x3Token(env, [220, 0]),
			httpRequest(
				'Get Customers',
				{
					method: 'POST',
					url: env.x3SeedUrl,
					...headers({ Authorization: '=Bearer {{ $json.access_token }}' }),
					sendBody: true,
					specifyBody: 'json',
					jsonBody: JSON.stringify({ query: X3_LIST_QUERY, variables: { after: null } }),
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [
										{ type: 'body', name: 'variables', value: `={{ { after: $response.body.data ? ${customerPath}.pageInfo.endCursor : null } }}` },
									],
								},
								paginationCompleteWhen: 'other',
								completeExpression: `={{ !${customerPath}.pageInfo.hasNextPage }}`,
							},
						},
					},
				},
				[440, 0],
			),
			node('Split Out', 'n8n-nodes-base.splitOut', 1, { fieldToSplitOut: 'data.sage.x3BusinessPartners.customer.edges', options: {} }, [660, 0]),
		]),
		w2Ours: workflow('benchW2Ours0001', 'W2 ours: X3 Get customer by code x1000', [
			node('Sage X3', `${PKG}.sageX3`, 1, { resource: 'customer', operation: 'get', folder, code: '={{ $json.code }}', fields: X3_FIELDS }, [220, 0], { credentials }),
		]),
		w2Baseline: workflow(
			'benchW2Base0001',
			'W2 baseline: one HTTP request per item',
			[
				httpRequest(
					'Get Customer',
					{
						method: 'POST',
						url: env.x3SeedUrl,
						...headers({ Authorization: "=Bearer {{ $('Get Token').first().json.access_token }}" }),
						sendBody: true,
						specifyBody: 'json',
						jsonBody: `={{ JSON.stringify({ query: 'query ($filter: String) { sage { x3BusinessPartners { customer(first: 1, filter: $filter) { edges { node { ${X3_FIELDS} } } } } } }', variables: { filter: "{code: '" + $json.code + "'}" } }) }}`,
					},
					[220, 200],
				),
			],
			[x3Token(env, [220, 0], { executeOnce: true })],
		),
		w2GraphqlNode: workflow(
			'benchW2Gql00001',
			"W2 baseline: n8n's GraphQL node, one request per item",
			[
				graphqlNode(
					'Get Customer',
					{
						endpoint: env.x3SeedUrl,
						query: `query ($filter: String) { sage { x3BusinessPartners { customer(first: 1, filter: $filter) { edges { node { ${X3_FIELDS} } } } } } }`,
						variables: `={{ { filter: "{code: '" + $json.code + "'}" } }}`,
						authorization: "=Bearer {{ $('Get Token').first().json.access_token }}",
					},
					[220, 200],
				),
			],
			[x3Token(env, [220, 0], { executeOnce: true })],
		),
	};
}

// ---- SDMO --------------------------------------------------------------------------------------

function sdmoWorkflows(env) {
	const credentials = { sageDmoApi: { id: env.sdmoCredentialId, name: 'Bench Sage DMO' } };
	const token = httpRequest(
		'Get Token',
		{
			method: 'POST',
			url: env.sdmoTokenUrl,
			sendBody: true,
			contentType: 'form-urlencoded',
			bodyParameters: {
				parameters: [
					{ name: 'grant_type', value: 'client_credentials' },
					{ name: 'client_id', value: env.sdmo.clientId },
					{ name: 'client_secret', value: env.sdmo.clientSecret },
					{ name: 'scope', value: `tenantid:${env.sdmo.tenantId}` },
				],
			},
		},
		[220, 0],
		{ executeOnce: true },
	);
	return {
		w3Ours: workflow('benchW3Ours0001', 'W3 ours: SDMO Get customer by id x1000', [
			node(
				'Sage DMO',
				`${PKG}.sageDmo`,
				1,
				{ resource: 'customer', operation: 'get', app: 'sdmo', recordId: '={{ $json.id }}', options: { fields: SDMO_FIELDS } },
				[220, 0],
				{ credentials },
			),
		]),
		w3Baseline: workflow(
			'benchW3Base0001',
			'W3 baseline: one HTTP request per item',
			[
				httpRequest(
					'Get Customer',
					{
						method: 'POST',
						url: "={{ $('Get Token').first().json.urls.apps.sdmo.graphQL }}",
						...headers({ Authorization: "=Bearer {{ $('Get Token').first().json.access_token }}" }),
						sendBody: true,
						specifyBody: 'json',
						jsonBody: `={{ JSON.stringify({ query: 'query ($id: String!) { xtremMasterData { customer { read(_id: $id) { ${SDMO_FIELDS} } } } }', variables: { id: $json.id } }) }}`,
					},
					[220, 200],
				),
			],
			[token],
		),
		w3GraphqlNode: workflow(
			'benchW3Gql00001',
			"W3 baseline: n8n's GraphQL node, one request per item",
			[
				graphqlNode(
					'Get Customer',
					{
						endpoint: "={{ $('Get Token').first().json.urls.apps.sdmo.graphQL }}",
						query: `query ($id: String!) { xtremMasterData { customer { read(_id: $id) { ${SDMO_FIELDS} } } } }`,
						variables: '={{ { id: $json.id } }}',
						authorization: "=Bearer {{ $('Get Token').first().json.access_token }}",
					},
					[220, 200],
				),
			],
			[token],
		),
	};
}

// ---- Sage 200 ----------------------------------------------------------------------------------

const SAGE200_DEFAULT_TOP = 500;
/** The records a page the node asks Sage 200 for (its MAX_PAGE_SIZE), and W4's floors with it. */
const SAGE200_PAGE_SIZE = 5000;

function sage200Headers(env) {
	return headers({
		Authorization: '=Bearer {{ $json.token }}',
		'ocp-apim-subscription-key': env.sage200.subscriptionKey,
		'X-Site': env.sage200.siteId,
		'X-Company': '1',
	});
}

/** One Sage 200 sandbox (a size) = one credential = one pair of workflows. */
function sage200Workflows(env, s200, tag) {
	const credentials = { sage200OAuth2Api: { id: s200.credentialId, name: `Bench Sage 200 ${tag}` } };
	const target = { site: { __rl: true, mode: 'id', value: env.sage200.siteId }, company: { __rl: true, mode: 'id', value: '1' } };
	return {
		ours: workflow(`benchS2${tag}Ours`.padEnd(15, '0').slice(0, 15), `Sage 200 ours (${tag}): Get Many customers`, [
			node('Sage 200', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'getAll', returnAll: true, ...target }, [220, 0], { credentials }),
		]),
		// The same pull followed by n8n's Summarize node counting the items: checks a big output
		// without reading it back through n8n's REST API.
		oursCounted: workflow(`benchS2${tag}Cnt`.padEnd(15, '0').slice(0, 15), `Sage 200 ours (${tag}): Get Many customers, counted`, [
			node('Sage 200', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'getAll', returnAll: true, ...target }, [220, 0], { credentials }),
			node('Count', 'n8n-nodes-base.summarize', 1.1, { fieldsToSummarize: { values: [{ aggregation: 'count', field: 'id' }] }, options: {} }, [440, 0]),
		]),
		// W5's file mode: the same pull as Output: One File, the records written page by page into one NDJSON file.
		oursFile: workflow(`benchS2${tag}File`.padEnd(15, '0').slice(0, 15), `Sage 200 ours (${tag}): Get Many customers into one NDJSON file`, [
			node('Sage 200', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'getAll', returnAll: true, output: 'file', fileFormat: 'ndjson', ...target }, [220, 0], { credentials }),
		]),
		// The same with Concurrency 2 (the default is 4, as for Items): fewer pages held, more waiting.
		oursFile2: workflow(`benchS2${tag}Fil2`.padEnd(15, '0').slice(0, 15), `Sage 200 ours (${tag}): Get Many customers into one NDJSON file, 2 pages at once`, [
			node('Sage 200', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'getAll', returnAll: true, output: 'file', fileFormat: 'ndjson', listOptions: { concurrency: 2 }, ...target }, [220, 0], { credentials }),
		]),
		baseline: workflow(`benchS2${tag}Base`.padEnd(15, '0').slice(0, 15), `Sage 200 baseline (${tag}): HTTP Request, $skip pagination`, [
			httpRequest(
				'Get Customers',
				{
					method: 'GET',
					url: `${s200.baseUrl}customers`,
					...sage200Headers(env),
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: '$orderby', value: 'id' },
							{ name: '$top', value: String(SAGE200_DEFAULT_TOP) },
						],
					},
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: { parameters: [{ type: 'qs', name: '$skip', value: `={{ $pageCount * ${SAGE200_DEFAULT_TOP} }}` }] },
								paginationCompleteWhen: 'other',
								completeExpression: `={{ $response.body.length < ${SAGE200_DEFAULT_TOP} }}`,
							},
						},
					},
				},
				[220, 0],
			),
		]),
		// W4's floor inside n8n: a bench-only node reads the same pages with a bare client (bench/control-package).
		floorInN8n: workflow(`benchS2${tag}FlrN`.padEnd(15, '0').slice(0, 15), `Sage 200 floor in n8n (${tag}): a bare client's pages as items`, [
			node(
				'Bench Fetch Pages',
				'n8n-nodes-sage-bench-control.benchFetchPages',
				1,
				{ url: `${s200.baseUrl}customers`, headers: JSON.stringify({ 'ocp-apim-subscription-key': env.sage200.subscriptionKey, 'x-site': env.sage200.siteId, 'x-company': '1' }), pageSize: SAGE200_PAGE_SIZE },
				[220, 0],
			),
		]),
		getOurs: workflow(`benchS2${tag}GetO`.padEnd(15, '0').slice(0, 15), `Sage 200 ours (${tag}): Get customer per item`, [
			node('Sage 200', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'get', recordId: '={{ $json.id }}', ...target }, [220, 0], { credentials }),
		]),
		getHttp: workflow(`benchS2${tag}GetH`.padEnd(15, '0').slice(0, 15), `Sage 200 HTTP Request (${tag}): Get customer per item`, [
			httpRequest('Get Customer', { method: 'GET', url: `=${s200.baseUrl}customers/{{ $json.id }}`, ...sage200Headers(env) }, [220, 0]),
		]),
		// The HTTP Request node with this package's credential: n8n's own cost of an authenticated
		// request (credential read and decryption, OAuth2 wrapper), without our transport.
		getHttpAuth: workflow(`benchS2${tag}GetA`.padEnd(15, '0').slice(0, 15), `Sage 200 HTTP Request + credential (${tag}): Get customer per item`, [
			httpRequest(
				'Get Customer',
				{
					method: 'GET',
					url: `=${s200.baseUrl}customers/{{ $json.id }}`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'sage200OAuth2Api',
					// An OAuth2 credential adds only the bearer token: the key goes in by hand, as a user would add it.
					...headers({ 'ocp-apim-subscription-key': env.sage200.subscriptionKey, 'X-Site': env.sage200.siteId, 'X-Company': '1' }),
				},
				[220, 0],
				{ credentials },
			),
		]),
		control: workflow(`benchS2${tag}Ctrl`.padEnd(15, '0').slice(0, 15), `Control (${tag}): items through a NoOp`, [
			node('Pass', 'n8n-nodes-base.noOp', 1, {}, [220, 0]),
		]),
	};
}

/**
 * W5's control: a bench-only node (bench/control-package) outputs the rows of the page files in
 * `folder`: the node work every such pull needs (parse each page) without HTTP or latency.
 */
const controlRecordsWorkflow = (folder) =>
	workflow('benchCtrlRecords', 'Control: the same Sage 200 pages from disk, no HTTP', [
		node('Bench Records', 'n8n-nodes-sage-bench-control.benchRecords', 1, { folder }, [220, 0]),
	]);

// ---- W8: Create or Update of 1,000 customers -------------------------------------------------

/**
 * W8: ours is one Create or Update node; the baseline is what a user builds today with this
 * package's other nodes, item after item: Loop Over Items (one at a time) -> Get -> IF found ->
 * Update, else Create -> back to the loop. Its last node collects the loop's output.
 */
function upsertWorkflows(env, s200) {
	const x3Credentials = { sageX3Api: { id: env.x3CredentialId, name: 'Bench Sage X3' } };
	const s200Credentials = { sage200OAuth2Api: { id: s200.credentialId, name: `Bench Sage 200 ${s200.tag}` } };
	const folder = { __rl: true, mode: 'name', value: 'SEED' };
	const target = { site: { __rl: true, mode: 'id', value: env.sage200.siteId }, company: { __rl: true, mode: 'id', value: '1' } };
	const loopItem = (field) => `$('Loop Over Items').item.json.${field}`;
	const exists = (expression, type) => ({
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
			conditions: [{ id: 'w8-found', leftValue: `={{ ${expression} }}`, rightValue: '', operator: { type, operation: 'exists', singleValue: true } }],
			combinator: 'and',
		},
		options: {},
	});
	/** Input -> Loop -> get -> IF -> (update | create) -> Loop; Loop's done branch -> Done. */
	const loopWorkflow = (id, name, get, found, update, create) => {
		const nodes = [
			input(),
			node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, { batchSize: 1, options: {} }, [220, 0]),
			get,
			node('Found?', 'n8n-nodes-base.if', 2, exists(...found), [660, 0]),
			update,
			create,
			node('Done', 'n8n-nodes-base.noOp', 1, {}, [440, -200]),
		];
		const to = (target) => ({ node: target, type: 'main', index: 0 });
		const connections = {
			Input: { main: [[to('Loop Over Items')]] },
			'Loop Over Items': { main: [[to('Done')], [to(get.name)]] },
			[get.name]: { main: [[to('Found?')]] },
			'Found?': { main: [[to(update.name)], [to(create.name)]] },
			[update.name]: { main: [[to('Loop Over Items')]] },
			[create.name]: { main: [[to('Loop Over Items')]] },
		};
		return { id, name, nodes, connections, settings: { executionOrder: 'v1', saveManualExecutions: true }, last: 'Done' };
	};
	return {
		x3Ours: workflow('benchW8X3Ours01', 'W8 ours: X3 Create or Update customers', [
			node('Sage X3', `${PKG}.sageX3`, 1, { resource: 'customer', operation: 'upsert', folder, code: '={{ $json.code }}', companyName: '={{ $json.name }}', fields: ['code', 'companyName'] }, [220, 0], {
				credentials: x3Credentials,
			}),
		]),
		x3Baseline: loopWorkflow(
			'benchW8X3Base01',
			'W8 baseline: X3 Get, IF, Create or Update, item after item',
			node('Get Customer', `${PKG}.sageX3`, 1, { resource: 'customer', operation: 'get', folder, code: '={{ $json.code }}', fields: ['code'] }, [440, 0], {
				credentials: x3Credentials,
				onError: 'continueRegularOutput',
			}),
			// A code X3 does not know gives an error item (no code): create it.
			['$json.code', 'string'],
			node('Update Customer', `${PKG}.sageX3`, 1, { resource: 'customer', operation: 'update', folder, code: `={{ ${loopItem('code')} }}`, fieldsMode: 'json', data: `={{ JSON.stringify({ companyName: ${loopItem('name')} }) }}`, fields: ['code', 'companyName'] }, [880, -100], {
				credentials: x3Credentials,
			}),
			node('Create Customer', `${PKG}.sageX3`, 1, { resource: 'customer', operation: 'create', folder, code: `={{ ${loopItem('code')} }}`, companyName: `={{ ${loopItem('name')} }}`, fields: ['code', 'companyName'] }, [880, 100], {
				credentials: x3Credentials,
			}),
		),
		s200Ours: workflow('benchW8S2Ours01', 'W8 ours: Sage 200 Create or Update customers', [
			node('Sage 200', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'upsert', ...target, reference: '={{ $json.reference }}', upsertFields: '={{ JSON.stringify({ name: $json.name }) }}' }, [220, 0], {
				credentials: s200Credentials,
			}),
		]),
		s200Baseline: loopWorkflow(
			'benchW8S2Base01',
			'W8 baseline: Sage 200 Get Many by reference, IF, Create or Update, item after item',
			node('Find Customer', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'getAll', ...target, returnAll: false, limit: 1, filters: { filter: "=reference eq '{{ $json.reference }}'" } }, [440, 0], {
				credentials: s200Credentials,
				alwaysOutputData: true,
			}),
			// No match gives the one empty item of Always Output Data (no id): create it.
			['$json.id', 'number'],
			node('Update Customer', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'update', ...target, recordId: '={{ $json.id }}', updateFields: `={{ JSON.stringify({ name: ${loopItem('name')} }) }}` }, [880, -100], {
				credentials: s200Credentials,
			}),
			node('Create Customer', `${PKG}.sage200`, 1, { resource: 'customer', operation: 'create', ...target, reference: `={{ ${loopItem('reference')} }}`, name: `={{ ${loopItem('name')} }}` }, [880, 100], {
				credentials: s200Credentials,
			}),
		),
	};
}

module.exports = { x3Workflows, sdmoWorkflows, sage200Workflows, controlRecordsWorkflow, upsertWorkflows, X3_FIELDS, SDMO_FIELDS, SAGE200_DEFAULT_TOP, SAGE200_PAGE_SIZE };
