'use strict';
/**
 * Sage X3 cloud API simulation (seeds 000 and 001, SAGE-API-NOTES section 1).
 *
 * Two regional gateways on the same server: `${origin}/x3/eu/v1` and `${origin}/x3/us/v1`.
 * Pairing (authorise page, decision, auto-submitted POST callback), JSON-only token endpoint with
 * rotating refresh tokens, folders, GraphQL (older `sage { ... }` schema on folder SEED, V12
 * `x3MasterData { ... }` schema on folder X3 and extra folders) and data delivery.
 * Everything is deterministic: no Math.random, time comes from `controller.clock`.
 */
const crypto = require('node:crypto');
const { buildSchema, defaultFieldResolver, execute } = require('graphql');
const { checkedDocument } = require('./documents');
const { parseJsonish } = require('./jsonish');

const REGIONS = ['eu', 'us'];
const REGION_CLAIM = { eu: 'eu-prod', us: 'us-prod' };
const ACCESS_TTL_S = 300;
const REFRESH_TTL_S = 2592000;
const CODE_TTL_MS = 10 * 60 * 1000;
const PENDING_TTL_MS = 10 * 60 * 1000;
const API_SCOPES = ['api.graphQL', 'api.dataDelivery', 'api.dataIngestion'];
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;
const DELIVERY_PAGE = 50;
const DELIVERY_FILES = 120;
const UNAUTHORISED = { message: 'Unauthorised' };

/** An error that makes the whole GraphQL request a 400 `{errors:[{message}]}` (paging, filter, cursor problems). */
class BadRequest extends Error {}

const sageError = (message, extra = {}) => ({ $severity: 'error', $message: message, ...extra });

function escapeHtml(value) {
	return String(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function unescapeHtml(value) {
	return String(value)
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const sha = (text, algo = 'sha256') => crypto.createHash(algo).update(text).digest('hex');
const pad = (n, width) => String(n).padStart(width, '0');

// ---------------------------------------------------------------------------------------------
// Demo data
// ---------------------------------------------------------------------------------------------

const COUNTRIES = ['FR', 'GB', 'US', 'DE', 'ES', 'IT'];
const CURRENCY = { FR: 'EUR', GB: 'GBP', US: 'USD', DE: 'EUR', ES: 'EUR', IT: 'EUR' };
const CATEGORIES = ['NORM', 'KEY', 'EXP'];
const PRODUCTS = ['BMSMN00201', 'BMSMN00202', 'BMSMN00203', 'SAFETY001', 'SAFETY002', 'TOOL0001'];
const BASE_TIME = Date.UTC(2017, 0, 1);
const DAY = 86400000;

/**
 * How change stamps (createdAt/updatedAt, creDatTim/updDatTim, _createStamp/_updateStamp) are
 * written; Sage's documents show none for X3. Switch `stampFormat`: 'milliseconds' (the default,
 * `2026-01-31T08:00:00.123Z`), 'seconds' (`2026-01-31T08:00:00Z`: X3 datetimes hold whole seconds,
 * so records changed in one second share a stamp), 'offset' (the server's local time with its
 * offset, `2026-01-31T10:00:00+02:00`). Filters compare stamps as instants, whatever their format.
 */
const STAMP_OFFSET_MINUTES = 120;
function stampFormatter(format = 'milliseconds') {
	if (!['milliseconds', 'seconds', 'offset'].includes(format)) throw new Error(`Unknown stampFormat ${format}`);
	return (ms) => {
		if (format === 'milliseconds') return new Date(ms).toISOString();
		if (format === 'seconds') return `${new Date(ms).toISOString().slice(0, 19)}Z`;
		return `${new Date(ms + STAMP_OFFSET_MINUTES * 60000).toISOString().slice(0, 19)}+02:00`;
	};
}
/** A datetime in a filter or a stored stamp as milliseconds; a time without a zone is UTC (X3 keeps datetimes in GMT). */
function instantOf(value) {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) return undefined;
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(value) || !value.includes('T') ? value : `${value}Z`;
	const ms = Date.parse(zoned);
	return Number.isNaN(ms) ? undefined : ms;
}

function makeCustomer(i, stamp = stampFormatter()) {
	const country = COUNTRIES[i % COUNTRIES.length];
	const created = BASE_TIME + i * 8 * 3600000;
	return {
		code: `AE${pad(i, 4)}`,
		companyName: `An Enterprise ${i}`,
		shortName: `Ent ${i}`,
		category: CATEGORIES[i % CATEGORIES.length],
		country,
		currency: CURRENCY[country],
		isActive: i % 17 !== 0,
		createdAt: stamp(created),
		updatedAt: stamp(created + (i % 30) * DAY),
	};
}

function makeSupplier(i, stamp = stampFormatter()) {
	const country = COUNTRIES[(i + 2) % COUNTRIES.length];
	const created = BASE_TIME + i * 20 * 3600000;
	return {
		code: `SU${pad(i, 4)}`,
		companyName: `A Supplier ${i}`,
		shortName: `Sup ${i}`,
		category: CATEGORIES[(i + 1) % CATEGORIES.length],
		country,
		currency: CURRENCY[country],
		isActive: i % 13 !== 0,
		createdAt: stamp(created),
		updatedAt: stamp(created + (i % 11) * DAY),
	};
}

function makeSalesOrder(i, customerCount, stamp = stampFormatter()) {
	const lines = [];
	for (let l = 0; l < (i % 3) + 1; l++) {
		lines.push({
			lineNumber: (l + 1) * 1000,
			product: PRODUCTS[(i + l) % PRODUCTS.length],
			quantity: ((i + l) % 9) + 1,
			price: Math.round((((i * 37 + l * 11) % 500) + 9.99) * 100) / 100,
		});
	}
	return {
		id: `SO${pad(i, 6)}`,
		orderDate: new Date(BASE_TIME + (i - 1) * DAY).toISOString().slice(0, 10),
		customer: `AE${pad(((i * 7) % customerCount) + 1, 4)}`,
		currency: 'EUR',
		amount: Math.round(lines.reduce((sum, line) => sum + line.quantity * line.price, 0) * 100) / 100,
		lines,
		creDatTim: stamp(BASE_TIME + (i - 1) * DAY),
		updDatTim: stamp(BASE_TIME + (i - 1) * DAY + (i % 5) * 3600000),
	};
}

function makeStore(counts, stamp) {
	const customers = [];
	for (let i = 1; i <= counts.customers; i++) customers.push(makeCustomer(i, stamp));
	const suppliers = [];
	for (let i = 1; i <= counts.suppliers; i++) suppliers.push(makeSupplier(i, stamp));
	const salesOrders = [];
	for (let i = 1; i <= counts.salesOrders; i++) salesOrders.push(makeSalesOrder(i, Math.max(1, counts.customers), stamp));
	return { customers, suppliers, salesOrders, nextOrder: counts.salesOrders + 1 };
}

// ---------------------------------------------------------------------------------------------
// JSON-ish filter / orderBy parsing (single quotes, unquoted keys; never eval)
// ---------------------------------------------------------------------------------------------


const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Compile a filter string into a predicate. spec: { entity, fields: string[], prefix: '$' | '_' }. */
function compileFilter(text, spec) {
	if (text === undefined || text === null || String(text).trim() === '') return () => true;
	const parsed = parseJsonish(text, 'filter', (message) => new BadRequest(message));
	const p = spec.prefix;
	const compileObject = (obj) => {
		if (!isPlainObject(obj)) throw new BadRequest(`Invalid filter: expected an object, got ${JSON.stringify(obj)}`);
		const preds = Object.keys(obj).map((k) => {
			const v = obj[k];
			if (k === `${p}and` || k === `${p}or`) {
				if (!Array.isArray(v)) throw new BadRequest(`Invalid filter: '${k}' expects an array`);
				const subs = v.map(compileObject);
				return k === `${p}and` ? (r) => subs.every((f) => f(r)) : (r) => subs.some((f) => f(r));
			}
			if (!spec.fields.includes(k)) throw new BadRequest(`Invalid filter: unknown property '${k}' on ${spec.entity}`);
			return compileCondition(k, v);
		});
		return (r) => preds.every((f) => f(r));
	};
	const dateTimes = new Set(spec.dateTimeFields ?? []);
	const compileCondition = (field, cond) => {
		if (Array.isArray(cond)) throw new BadRequest(`Invalid filter: use ${p}in to match '${field}' against a list`);
		if (dateTimes.has(field)) return compileDateTimeCondition(field, isPlainObject(cond) ? cond : { [`${p}eq`]: cond });
		if (!isPlainObject(cond)) return (r) => r[field] === cond;
		const ops = Object.keys(cond);
		if (ops.length === 0) throw new BadRequest(`Invalid filter: empty condition on '${field}'`);
		const regexOptions = cond[`${p}options`];
		const preds = [];
		for (const op of ops) {
			const v = cond[op];
			if (!op.startsWith(p)) throw new BadRequest(`Invalid filter: '${field}' is not a reference, cannot filter on '${field}.${op}'`);
			const name = op.slice(p.length);
			switch (name) {
				case 'eq':
					preds.push((r) => r[field] === v);
					break;
				case 'ne':
					preds.push((r) => r[field] !== v);
					break;
				case 'gt':
					preds.push((r) => r[field] !== null && r[field] !== undefined && r[field] > v);
					break;
				case 'gte':
					preds.push((r) => r[field] !== null && r[field] !== undefined && r[field] >= v);
					break;
				case 'lt':
					preds.push((r) => r[field] !== null && r[field] !== undefined && r[field] < v);
					break;
				case 'lte':
					preds.push((r) => r[field] !== null && r[field] !== undefined && r[field] <= v);
					break;
				case 'in':
				case 'nin': {
					if (!Array.isArray(v)) throw new BadRequest(`Invalid filter: '${op}' on '${field}' expects an array`);
					const values = new Set(v);
					preds.push(name === 'in' ? (r) => values.has(r[field]) : (r) => !values.has(r[field]));
					break;
				}
				case 'regex': {
					if (typeof v !== 'string') throw new BadRequest(`Invalid filter: '${op}' on '${field}' expects a string`);
					let re;
					try {
						re = new RegExp(v, typeof regexOptions === 'string' ? regexOptions : '');
					} catch (error) {
						throw new BadRequest(`Invalid filter: bad regular expression for '${field}': ${error.message}`);
					}
					preds.push((r) => typeof r[field] === 'string' && re.test(r[field]));
					break;
				}
				case 'options':
					if (cond[`${p}regex`] === undefined) throw new BadRequest(`Invalid filter: '${op}' without '${p}regex'`);
					break;
				default:
					throw new BadRequest(`Invalid filter: unknown operator '${op}' on '${field}'`);
			}
		}
		return (r) => preds.every((f) => f(r));
	};
	// A datetime field compares instants: '2026-01-31T10:00:00+02:00' equals '2026-01-31T08:00:00Z'.
	const compileDateTimeCondition = (field, cond) => {
		const compare = { eq: (a, b) => a === b, ne: (a, b) => a !== b, gt: (a, b) => a > b, gte: (a, b) => a >= b, lt: (a, b) => a < b, lte: (a, b) => a <= b };
		const preds = Object.keys(cond).map((op) => {
			const name = op.startsWith(p) ? op.slice(p.length) : undefined;
			if (!name || !compare[name]) throw new BadRequest(`Invalid filter: unknown operator '${op}' on datetime '${field}'`);
			const value = cond[op];
			if (value === null && (name === 'eq' || name === 'ne')) return (r) => (r[field] == null) === (name === 'eq');
			const wanted = instantOf(value);
			if (wanted === undefined) throw new BadRequest(`Invalid filter: ${JSON.stringify(value)} is not a datetime for '${field}'`);
			return (r) => {
				const actual = instantOf(r[field]);
				return actual !== undefined && compare[name](actual, wanted);
			};
		});
		return (r) => preds.every((f) => f(r));
	};
	return compileObject(parsed);
}

/** Parse orderBy into [[field, 1|-1], ...] with the primary key appended (unique sort). */
function parseOrderBy(text, spec) {
	let entries = [];
	if (text !== undefined && text !== null && String(text).trim() !== '') {
		const parsed = parseJsonish(text, 'orderBy', (message) => new BadRequest(message));
		if (!isPlainObject(parsed)) throw new BadRequest(`Invalid orderBy ${JSON.stringify(text)}: expected an object`);
		entries = Object.keys(parsed).map((k) => {
			if (!spec.fields.includes(k)) throw new BadRequest(`Invalid orderBy: unknown property '${k}' on ${spec.entity}`);
			const dir = parsed[k];
			if (dir !== 1 && dir !== -1) throw new BadRequest(`Invalid orderBy: '${k}' must be 1 or -1`);
			return [k === '_id' ? spec.key : k, dir];
		});
	}
	if (!entries.some(([k]) => k === spec.key)) entries.push([spec.key, 1]);
	return entries;
}

function compareValues(a, b) {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	return a < b ? -1 : a > b ? 1 : 0;
}

function cursorCheck(json, signature) {
	return parseInt(sha(`${json}|${signature}`).slice(0, 8), 16) % 100;
}

/** Relay connection over `all` with filter / orderBy / first / after / last / before. */
function connection(all, args, spec, view) {
	const { first, last } = args;
	for (const [name, value] of [
		['first', first],
		['last', last],
	]) {
		if (value === undefined || value === null) continue;
		if (value > MAX_PAGE) throw new BadRequest(`${name} must not exceed ${MAX_PAGE}`);
		if (value < 0) throw new BadRequest(`${name} must not be negative`);
	}
	if (first != null && last != null) throw new BadRequest('first and last cannot be used together');
	const predicate = compileFilter(args.filter, spec);
	const order = parseOrderBy(args.orderBy, spec);
	const signature = `${spec.entity}|${order.map(([k, d]) => `${k}:${d}`).join(',')}`;
	const dateTimes = new Set(spec.dateTimeFields ?? []);
	const keyOf = (r) => order.map(([k]) => (r[k] === undefined ? null : dateTimes.has(k) ? (instantOf(r[k]) ?? null) : r[k]));
	const cmpKey = (ka, kb) => {
		for (let i = 0; i < order.length; i++) {
			const c = compareValues(ka[i], kb[i]) * order[i][1];
			if (c !== 0) return c;
		}
		return 0;
	};
	// Each record's sort key is built once, not twice a comparison.
	const sorted = all
		.filter(predicate)
		.map((r) => ({ r, k: keyOf(r) }))
		.sort((a, b) => cmpKey(a.k, b.k));
	const list = sorted.map(({ r }) => r);
	const encode = (r) => {
		const json = JSON.stringify(keyOf(r));
		return `${json}#${cursorCheck(json, signature)}`;
	};
	const decode = (cursor, name) => {
		const text = String(cursor);
		const hash = text.lastIndexOf('#');
		let values;
		if (hash > 0) {
			try {
				values = JSON.parse(text.slice(0, hash));
			} catch {
				values = undefined;
			}
		}
		if (!Array.isArray(values) || values.length !== order.length || text.slice(hash + 1) !== String(cursorCheck(text.slice(0, hash), signature))) {
			throw new BadRequest(`Invalid cursor for '${name}': ${JSON.stringify(text)}`);
		}
		return values;
	};
	let start = 0;
	let end = list.length;
	if (args.after != null) {
		const k = decode(args.after, 'after');
		start = sorted.findIndex((entry) => cmpKey(entry.k, k) > 0);
		if (start < 0) start = list.length;
	}
	if (args.before != null) {
		const k = decode(args.before, 'before');
		end = sorted.findIndex((entry) => cmpKey(entry.k, k) >= 0);
		if (end < 0) end = list.length;
	}
	if (end < start) end = start;
	let s = start;
	let e = end;
	if (last != null) s = Math.max(start, end - last);
	else e = Math.min(end, start + (first ?? DEFAULT_PAGE));
	const page = list.slice(s, e);
	return {
		totalCount: list.length,
		// A function field: GraphQL computes the cursor (a hash) only when the query selects it.
		edges: page.map((r) => ({ node: view(r), cursor: () => encode(r) })),
		pageInfo: {
			startCursor: page.length ? encode(page[0]) : null,
			endCursor: page.length ? encode(page[page.length - 1]) : null,
			hasNextPage: e < list.length,
			hasPreviousPage: s > 0,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// GraphQL schemas
// ---------------------------------------------------------------------------------------------

const PAGE_ARGS = '(first: Int, after: String, last: Int, before: String, filter: String, orderBy: String)';
const PARTNER_FIELDS = `
	code: String!
	companyName: String
	shortName: String
	category: String
	country: String
	currency: String
	isActive: Boolean
	createdAt: DateTime
	updatedAt: DateTime`;
const PARTNER_INPUT_FIELDS = `
	shortName: String
	category: String
	country: String
	currency: String
	isActive: Boolean`;
const PAGE_INFO = `
type PageInfo { endCursor: String hasNextPage: Boolean! startCursor: String hasPreviousPage: Boolean! }`;

const SEED_SDL = `
scalar DateTime
type Query { sage: SageQuery! }
type Mutation { sage: SageMutation! }
${PAGE_INFO}
type SageQuery { x3BusinessPartners: X3BusinessPartnersQuery! x3Sales: X3SalesQuery! }
type X3BusinessPartnersQuery {
	customer${PAGE_ARGS}: CustomerConnection!
	supplier${PAGE_ARGS}: SupplierConnection!
}
type Customer {${PARTNER_FIELDS}
}
type Supplier {${PARTNER_FIELDS}
}
type CustomerEdge { node: Customer! cursor: String! }
type CustomerConnection { totalCount: Int! edges: [CustomerEdge!]! pageInfo: PageInfo! }
type SupplierEdge { node: Supplier! cursor: String! }
type SupplierConnection { totalCount: Int! edges: [SupplierEdge!]! pageInfo: PageInfo! }
type X3SalesQuery { salesOrder${PAGE_ARGS}: SalesOrderConnection! }
type SalesOrderLine { lineNumber: Int! product: String! quantity: Float! price: Float! }
type SalesOrder { id: String! orderDate: String customer: String currency: String amount: Float creDatTim: DateTime updDatTim: DateTime lines: [SalesOrderLine!]! }
type SalesOrderEdge { node: SalesOrder! cursor: String! }
type SalesOrderConnection { totalCount: Int! edges: [SalesOrderEdge!]! pageInfo: PageInfo! }
type SageMutation { x3BusinessPartners: X3BusinessPartnersMutation! x3Sales: X3SalesMutation! }
type X3BusinessPartnersMutation { customer: CustomerMutation! }
input CustomerInput { code: String! companyName: String!${PARTNER_INPUT_FIELDS} }
input CustomerUpdateInput { code: String! companyName: String${PARTNER_INPUT_FIELDS} }
type CustomerMutation {
	create(data: CustomerInput!): Customer
	update(data: CustomerUpdateInput!): Customer
	delete(code: String!): Boolean
}
type X3SalesMutation { salesOrder: SalesOrderMutation! }
input SalesOrderLineInput { product: String! quantity: Float! price: Float! }
input SalesOrderInput { customer: String! orderDate: String currency: String lines: [SalesOrderLineInput!]! }
type SalesOrderMutation { create(data: SalesOrderInput!): SalesOrder }
`;

const V12_SDL = `
scalar DateTime
scalar Datetime
type Query { x3MasterData: X3MasterData! x3Sales: X3Sales! }
type Mutation { x3MasterData: X3MasterDataMutation! }
${PAGE_INFO}
type X3MasterData {
	businessPartner: BusinessPartnerOperations!
	customer: CustomerOperations!
	supplier: SupplierOperations!
}
type BusinessPartner { _id: String!${PARTNER_FIELDS}
	isCustomer: Boolean!
	isSupplier: Boolean!
}
type Customer { _id: String!${PARTNER_FIELDS}
}
type Supplier { _id: String!${PARTNER_FIELDS}
}
type BusinessPartnerEdge { node: BusinessPartner! cursor: String! }
type BusinessPartnerConnection { totalCount: Int! edges: [BusinessPartnerEdge!]! pageInfo: PageInfo! }
type CustomerEdge { node: Customer! cursor: String! }
type CustomerConnection { totalCount: Int! edges: [CustomerEdge!]! pageInfo: PageInfo! }
type SupplierEdge { node: Supplier! cursor: String! }
type SupplierConnection { totalCount: Int! edges: [SupplierEdge!]! pageInfo: PageInfo! }
type BusinessPartnerOperations { query${PAGE_ARGS}: BusinessPartnerConnection! read(_id: String!): BusinessPartner }
type CustomerOperations { query${PAGE_ARGS}: CustomerConnection! read(_id: String!): Customer }
type SupplierOperations { query${PAGE_ARGS}: SupplierConnection! read(_id: String!): Supplier }
type X3Sales { salesOrder: SalesOrderOperations! }
type SalesOrderLine { lineNumber: Int! product: String! quantity: Float! price: Float! }
type SalesOrder { _id: String! id: String! orderDate: String customer: String currency: String amount: Float _createStamp: Datetime _updateStamp: Datetime lines: [SalesOrderLine!]! }
type SalesOrderEdge { node: SalesOrder! cursor: String! }
type SalesOrderConnection { totalCount: Int! edges: [SalesOrderEdge!]! pageInfo: PageInfo! }
type SalesOrderOperations { query${PAGE_ARGS}: SalesOrderConnection! read(_id: String!): SalesOrder }
type X3MasterDataMutation { customer: CustomerMutation! }
input CustomerInput { code: String! companyName: String!${PARTNER_INPUT_FIELDS} }
input CustomerUpdateInput { _id: String! companyName: String${PARTNER_INPUT_FIELDS} }
type CustomerMutation {
	create(data: CustomerInput!): Customer
	update(data: CustomerUpdateInput!): Customer
	delete(_id: String!): Boolean
}
`;

/**
 * Folder MINI (only when asked for with `folders: ['MINI']`): the older `sage { ... }` layout, but a
 * Customer type with three fields and a change stamp of its own name (`modifiedOn`), and input
 * types named differently, as real tenants' schemas differ from the seed's; a client that guesses
 * fields, stamps or input types fails here.
 */
const MINI_CUSTOMER_KEYS = ['code', 'companyName', 'country', 'modifiedOn'];
const MINI_SDL = `
scalar DateTime
type Query { sage: SageQuery! }
type Mutation { sage: SageMutation! }
${PAGE_INFO}
type SageQuery { x3BusinessPartners: X3BusinessPartnersQuery! }
type X3BusinessPartnersQuery { customer${PAGE_ARGS}: CustomerConnection! }
type Customer { code: String! companyName: String country: String modifiedOn: DateTime }
type CustomerEdge { node: Customer! cursor: String! }
type CustomerConnection { edges: [CustomerEdge!]! pageInfo: PageInfo! }
type SageMutation { x3BusinessPartners: X3BusinessPartnersMutation! }
type X3BusinessPartnersMutation { customer: CustomerMutation! }
input NewCustomer { code: String! companyName: String! country: String }
input CustomerChanges { code: String! companyName: String country: String }
type CustomerMutation {
	create(data: NewCustomer!): Customer
	update(data: CustomerChanges!): Customer
	delete(code: String!): Boolean
}
`;

/**
 * Sales order lines as Sage's X3 examples select them (switch `salesOrderLines: 'connection'`):
 * a connection on the older schema (`lines { edges { node { ... } } }`), an xtrem collection on
 * V12 (`lines { query { edges { node { ... } } } }`). Without the switch they are a plain list.
 */
const LINE_CONNECTION_SDL = `
type SalesOrderLineEdge { node: SalesOrderLine! cursor: String! }
type SalesOrderLineConnection { totalCount: Int! edges: [SalesOrderLineEdge!]! pageInfo: PageInfo! }
type SalesOrderLineCollection { query(first: Int, after: String): SalesOrderLineConnection! }`;
const withLineConnections = (sdl, field) => `${sdl.replace('lines: [SalesOrderLine!]! }', `${field} }`)}${LINE_CONNECTION_SDL}`;

const SDLS = {
	seed: SEED_SDL,
	v12: V12_SDL,
	mini: MINI_SDL,
	seedLineConnections: withLineConnections(SEED_SDL, 'lines(first: Int, after: String): SalesOrderLineConnection!'),
	v12LineConnections: withLineConnections(V12_SDL, 'lines: SalesOrderLineCollection!'),
};
const SCHEMAS = {
	seed: buildSchema(SEED_SDL),
	v12: buildSchema(V12_SDL),
	mini: buildSchema(MINI_SDL),
	seedLineConnections: buildSchema(withLineConnections(SEED_SDL, 'lines(first: Int, after: String): SalesOrderLineConnection!')),
	v12LineConnections: buildSchema(withLineConnections(V12_SDL, 'lines: SalesOrderLineCollection!')),
};
const LINE_KEYS = ['lineNumber', 'product', 'quantity', 'price'];

/** The GraphQL type of each entity whose fields `controller.renameField` may rename. */
const RENAMABLE_TYPES = { customer: 'Customer', supplier: 'Supplier', salesOrder: 'SalesOrder' };

/** `sdl` with fields of object types renamed: { Customer: { updatedAt: 'updDatTim' } }. */
function renameSdlFields(sdl, renamesByType) {
	let out = sdl;
	for (const [type, renamed] of Object.entries(renamesByType)) {
		const block = new RegExp(`(type ${type} \\{)([^}]*)(\\})`);
		if (!block.test(out)) throw new Error(`No type ${type} in the schema`);
		out = out.replace(block, (_all, open, body, close) => {
			let fields = body;
			for (const [from, to] of Object.entries(renamed)) {
				const field = new RegExp(`(^|[\\s{])${from}:`);
				if (!field.test(fields)) throw new Error(`Type ${type} has no field ${from}`);
				if (new RegExp(`(^|[\\s{])${to}:`).test(fields)) throw new Error(`Type ${type} already has a field ${to}`);
				fields = fields.replace(field, `$1${to}:`);
			}
			return `${open}${fields}${close}`;
		});
	}
	return out;
}

const PARTNER_KEYS = ['code', 'companyName', 'shortName', 'category', 'country', 'currency', 'isActive', 'createdAt', 'updatedAt'];
const ORDER_KEYS = ['id', 'orderDate', 'customer', 'currency', 'amount'];
const PARTNER_STAMPS = ['createdAt', 'updatedAt'];
/** Sales order stamps: X3's columns on the older schema, xtrem's names on V12. */
const ORDER_STAMPS = { $: ['creDatTim', 'updDatTim'], _: ['_createStamp', '_updateStamp'] };

function specFor(entity, prefix) {
	const v12 = prefix === '_';
	switch (entity) {
		case 'salesOrder':
			return { entity, prefix, key: 'id', fields: [...(v12 ? ['_id', ...ORDER_KEYS] : ORDER_KEYS), ...ORDER_STAMPS[prefix]], dateTimeFields: ORDER_STAMPS[prefix] };
		case 'businessPartner':
			return { entity, prefix, key: 'code', fields: ['_id', ...PARTNER_KEYS, 'isCustomer', 'isSupplier'], dateTimeFields: PARTNER_STAMPS };
		default:
			return { entity, prefix, key: 'code', fields: v12 ? ['_id', ...PARTNER_KEYS] : PARTNER_KEYS, dateTimeFields: PARTNER_STAMPS };
	}
}

// ---------------------------------------------------------------------------------------------
// registerX3
// ---------------------------------------------------------------------------------------------

/**
 * @param {import('./core').SandboxServer} server
 * @param {{ clientId?: string, clientSecret?: string, customers?: number, suppliers?: number, salesOrders?: number,
 *   folders?: string[], foreignFolderUrl?: boolean, graphqlFailures?: number, accessTokenTtlS?: number,
 *   revokeFamilyOnReuse?: boolean, rotationAnswerDelayMs?: number, salesOrderLines?: 'list' | 'connection',
 *   recordUrls?: boolean }} options
 *
 * Answer-shape switches: `salesOrderLines: 'connection'` serves sales order lines as a connection
 * (older schema) or an xtrem collection (V12) instead of a list; `recordUrls` adds `$urls` to every
 * record of a GraphQL answer.
 *
 * Refresh-token rotation switches: `accessTokenTtlS` (access-token lifetime, default 300 s; may be
 * fractional); `revokeFamilyOnReuse` (a refresh token presented a second time revokes every token
 * descended from the same pairing, access tokens included, as OAuth 2.0 Security BCP §4.14
 * recommends; also `controller.setRevokeFamilyOnReuse`); `rotationAnswerDelayMs` (the answer to a
 * successful refresh leaves that long after the rotation, as over a slow network: the new token
 * exists before its requester can store it). `controller.reuseEvents` counts refresh tokens
 * presented again; `controller.loseTokenAnswers(n)` rotates the next n refreshes, then drops the
 * connection instead of answering.
 */
function registerX3(server, options = {}) {
	const clientId = options.clientId ?? 'x3-demo-client';
	const clientSecret = options.clientSecret ?? 'x3-demo-secret';
	const counts = {
		customers: options.customers ?? 2500,
		suppliers: options.suppliers ?? 300,
		salesOrders: options.salesOrders ?? 200,
	};
	const folderNames = ['SEED', 'X3', ...(options.folders ?? []).filter((f) => f !== 'SEED' && f !== 'X3')];
	const sites = [
		{ url: 'https://x3.eu-customer.example', region: 'eu', folders: folderNames },
		{ url: 'https://x3.us-customer.example', region: 'us', folders: folderNames },
	];
	const siteByUrl = (url) => sites.find((s) => s.url === String(url).replace(/\/+$/, ''));

	const clock = {
		offsetMs: 0,
		now() {
			return Date.now() + this.offsetMs;
		},
		advance(ms) {
			this.offsetMs += ms;
			return this.offsetMs;
		},
		reset() {
			this.offsetMs = 0;
		},
	};

	const stamps = { format: stampFormatter(options.stampFormat) };
	/** Fields an upgrade renamed, per folder and entity (controller.renameField): folder -> entity -> { from: to }. */
	const renames = new Map();
	/** Called before each GraphQL request runs (`controller.onGraphql`): a test changes records while a client pages. */
	const hooks = { beforeGraphql: undefined };
	const stores = new Map();
	const storeFor = (url) => {
		const site = siteByUrl(url);
		if (!site) throw new Error(`Unknown X3 customer ${url}`);
		if (!stores.has(site.url)) stores.set(site.url, makeStore(counts, stamps.format));
		return stores.get(site.url);
	};

	const pending = new Map();
	const codes = new Map();
	const accessTokens = new Map();
	const refreshTokens = new Map();
	const issuedRefreshTokens = [];
	const rotation = {
		accessTtlS: options.accessTokenTtlS ?? ACCESS_TTL_S,
		revokeFamilyOnReuse: options.revokeFamilyOnReuse ?? false,
		answerDelayMs: options.rotationAnswerDelayMs ?? 0,
		reuseEvents: [],
		loseAnswers: 0,
		families: 0,
	};
	const mutationLog = [];
	const deliveries = new Map();
	const deliverySwitches = { downloadRedirect: undefined };
	let serial = 0;
	let graphqlRequests = 0;
	const failures = { remaining: options.graphqlFailures ?? 0, afterExecute: false };

	const gateway = (region) => `${server.url}/x3/${region}/v1`;
	const folderKind = (name) => (name === 'SEED' ? 'graphQL' : 'api');
	const serviceUrl = (region, name) => {
		const host = options.foreignFolderUrl && name === 'SEED' ? `http://127.0.0.2:${server.port}` : server.url;
		return `${host}/x3/${region}/v1/service/X3CLOUDV2_${name}/${folderKind(name)}`;
	};

	function jwt(kind, claims) {
		serial++;
		const header = b64url({ alg: 'HS512', typ: 'JWT' });
		const payload = b64url({ ...claims, typ: kind, jti: `${kind}-${serial}`, iat: Math.floor(clock.now() / 1000) });
		const signature = crypto.createHmac('sha512', 'x3-sandbox-signing-key').update(`${header}.${payload}`).digest('base64url');
		return `${header}.${payload}.${signature}`;
	}

	/** Issue an access + refresh pair for a grant { customer, region, scopes: string[], folders: string[] }. */
	function issue(grant) {
		const now = clock.now();
		const claims = { iss: 'x3-sandbox', region: REGION_CLAIM[grant.region], customer: grant.customer, client_id: clientId };
		const accessToken = jwt('access', { ...claims, exp: Math.floor(now / 1000) + Math.ceil(rotation.accessTtlS) });
		const refreshToken = jwt('refresh', { ...claims, exp: Math.floor(now / 1000) + REFRESH_TTL_S });
		accessTokens.set(accessToken, { ...grant, expiresAt: now + rotation.accessTtlS * 1000 });
		refreshTokens.set(refreshToken, { ...grant, expiresAt: now + REFRESH_TTL_S * 1000, used: false, revoked: false });
		issuedRefreshTokens.push(refreshToken);
		return {
			access_token: accessToken,
			scope: grantScope(grant),
			token_type: 'bearer',
			expires_in: rotation.accessTtlS,
			refresh_token: refreshToken,
			refresh_token_expires_in: REFRESH_TTL_S,
		};
	}
	const grantScope = (grant) => [...grant.scopes, ...grant.folders.map((f) => `folder.${f}`)].join(' ');

	const checkRegion = (ctx) => {
		if (REGIONS.includes(ctx.params.region)) return true;
		ctx.json(404, sageError(`Unknown region '${ctx.params.region}'.`));
		return false;
	};

	/** Bearer check: token must exist, be unexpired and belong to this gateway's region. */
	const authenticate = (ctx) => {
		const token = ctx.bearer();
		const record = token ? accessTokens.get(token) : undefined;
		if (!record || record.expiresAt <= clock.now() || record.region !== ctx.params.region) {
			ctx.json(401, UNAUTHORISED);
			return undefined;
		}
		return record;
	};

	// ---- gateway listing ---------------------------------------------------------------------
	server.route('GET', '/x3/:region/v1', 'x3.gateway', (ctx) => {
		if (!checkRegion(ctx)) return;
		const gw = gateway(ctx.params.region);
		ctx.json(200, {
			$region: REGION_CLAIM[ctx.params.region],
			$urls: {
				authorise: `${gw}/token/authorise`,
				token: `${gw}/token`,
				folders: `${gw}/folders`,
				graphQL: `${gw}/service/{endPoint}/api`,
				dataIngestion: `${gw}/dataingestion/{folder}`,
				dataDelivery: `${gw}/datadelivery/{folder}`,
				swagger: `${gw}/swagger`,
			},
		});
	});

	// ---- pairing -----------------------------------------------------------------------------
	server.route('GET', '/x3/:region/v1/token/authorise', 'x3.authorise', (ctx) => {
		if (!checkRegion(ctx)) return;
		const q = ctx.query;
		const bad = (message) => ctx.json(400, sageError(message));
		const cid = q.get('client_id');
		if (!cid) return bad('Missing parameter: client_id.');
		if (cid !== clientId) return bad(`Unknown client_id '${cid}'.`);
		const redirectUri = q.get('redirect_uri');
		if (!redirectUri) return bad('Missing parameter: redirect_uri.');
		let parsedRedirect;
		try {
			parsedRedirect = new URL(redirectUri);
		} catch {
			parsedRedirect = undefined;
		}
		if (!parsedRedirect || !/^https?:$/.test(parsedRedirect.protocol)) return bad(`Invalid redirect_uri '${redirectUri}': an absolute http(s) URL is required.`);
		const state = q.get('state');
		if (!state) return bad('Missing parameter: state.');
		const customer = q.get('customer');
		if (!customer) return bad('Missing parameter: customer.');
		const site = siteByUrl(customer);
		if (!site) return bad(`Unknown customer '${customer}'.`);
		const scopes = [...new Set((q.get('scope') || '').split(/\s+/).filter(Boolean))];
		if (scopes.length === 0) return bad('Missing parameter: scope.');
		for (const s of scopes) {
			if (!API_SCOPES.includes(s) && !/^businessDomain\.[A-Za-z0-9_]+$/.test(s)) return bad(`Invalid scope '${s}'.`);
		}
		if (!scopes.some((s) => API_SCOPES.includes(s))) return bad(`Invalid scope: at least one of ${API_SCOPES.join(', ')} is required.`);
		serial++;
		const requestId = `PR${sha(`pairing-${serial}`).slice(0, 20)}`;
		pending.set(requestId, { region: ctx.params.region, customer: site.url, customerRegion: site.region, redirectUri, state, scopes, expiresAt: clock.now() + PENDING_TTL_MS });
		const action = `${gateway(ctx.params.region)}/token/authorise/decision`;
		const boxes = site.folders
			.map((f) => `<label><input type="checkbox" name="folders" value="${escapeHtml(f)}"/> ${escapeHtml(f)}</label>`)
			.join('\n\t\t');
		ctx.html(
			200,
			`<!DOCTYPE html>
<html>
<head><title>Sage X3 - Application approval</title></head>
<body>
	<h1>Pending application approval</h1>
	<p>The application <strong>${escapeHtml(cid)}</strong> requests access to <strong>${escapeHtml(site.url)}</strong>
	with scope <code>${escapeHtml(scopes.join(' '))}</code>.</p>
	<form method="POST" action="${escapeHtml(action)}">
		<input type="hidden" name="request" value="${escapeHtml(requestId)}"/>
		<fieldset><legend>Folders</legend>
		${boxes}
		</fieldset>
		<button type="submit" name="decision" value="approve">Approve</button>
		<button type="submit" name="decision" value="reject">Reject</button>
	</form>
</body>
</html>`,
		);
	});

	server.route('POST', '/x3/:region/v1/token/authorise/decision', 'x3.decision', (ctx) => {
		if (!checkRegion(ctx)) return;
		if (ctx.contentType() !== 'application/x-www-form-urlencoded') return ctx.json(415, sageError('The decision must be posted as application/x-www-form-urlencoded.'));
		const form = new URLSearchParams(ctx.rawBody.toString('utf8'));
		const request = pending.get(form.get('request') || '');
		if (!request || request.region !== ctx.params.region) return ctx.json(400, sageError('Unknown pairing request.'));
		if (request.expiresAt <= clock.now()) {
			pending.delete(form.get('request'));
			return ctx.json(403, sageError('The pairing request has expired.'));
		}
		const decision = form.get('decision');
		if (decision !== 'approve' && decision !== 'reject') return ctx.json(400, sageError("decision must be 'approve' or 'reject'."));
		const site = siteByUrl(request.customer);
		const chosen = [...new Set(form.getAll('folders'))];
		const fields = [];
		if (decision === 'approve') {
			if (chosen.length === 0) return ctx.json(400, sageError('Select at least one folder.'));
			const unknown = chosen.find((f) => !site.folders.includes(f));
			if (unknown) return ctx.json(400, sageError(`Unknown folder '${unknown}'.`));
			pending.delete(form.get('request'));
			serial++;
			const code = sha(`code-${serial}-${request.customer}`).slice(0, 40);
			codes.set(code, {
				customer: request.customer,
				region: request.customerRegion,
				redirectUri: request.redirectUri,
				scopes: request.scopes,
				folders: site.folders.filter((f) => chosen.includes(f)),
				expiresAt: clock.now() + CODE_TTL_MS,
				used: false,
			});
			fields.push(['authorizationCode', code], ['state', request.state]);
			if (request.customerRegion !== request.region) fields.push(['endpoint', gateway(request.customerRegion)]);
		} else {
			pending.delete(form.get('request'));
			fields.push(['error', 'access_denied'], ['state', request.state]);
		}
		const inputs = fields.map(([n, v]) => `<input type="hidden" name="${n}" value="${escapeHtml(v)}"/>`).join('\n\t\t');
		ctx.html(
			200,
			`<!DOCTYPE html>
<html>
<head><title>Sage X3 - Redirecting</title></head>
<body onload="document.forms[0].submit()">
	<form method="post" action="${escapeHtml(request.redirectUri)}">
		${inputs}
		<noscript><button type="submit">Continue</button></noscript>
	</form>
</body>
</html>`,
		);
	});

	// ---- token -------------------------------------------------------------------------------
	/** Every refresh and access token descended from one pairing stops working. */
	const revokeFamily = (family) => {
		for (const record of refreshTokens.values()) if (record.family === family) record.revoked = true;
		for (const record of accessTokens.values()) if (record.family === family) record.expiresAt = 0;
	};

	server.route('POST', '/x3/:region/v1/token', 'x3.token', async (ctx) => {
		if (!checkRegion(ctx)) return;
		if (ctx.contentType() !== 'application/json') {
			return ctx.json(415, sageError('Unsupported content type: the token request body must be JSON (content-type: application/json).'));
		}
		const body = ctx.jsonBody();
		if (!isPlainObject(body)) return ctx.json(400, sageError('The request body is not valid JSON.'));
		const grantType = body.grant_type;
		if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
			return ctx.json(400, sageError(`Unsupported grant_type '${grantType ?? ''}': use authorization_code or refresh_token.`));
		}
		if (body.client_id !== clientId || body.client_secret !== clientSecret) return ctx.json(401, sageError('Invalid client credentials.'));
		const now = clock.now();
		if (grantType === 'authorization_code') {
			if (typeof body.code !== 'string' || !body.code) return ctx.json(400, sageError('Missing parameter: code.'));
			const record = codes.get(body.code);
			if (!record) return ctx.json(403, sageError('The pairing request has not been accepted.'));
			if (record.used || record.expiresAt <= now) return ctx.json(403, sageError('The pairing request has expired.'));
			if (record.region !== ctx.params.region) return ctx.json(403, sageError('The pairing request has not been accepted.'));
			if (body.redirect_uri !== record.redirectUri) return ctx.json(400, sageError('redirect_uri does not match the one of the pairing request.'));
			record.used = true;
			return ctx.json(200, issue({ customer: record.customer, region: record.region, scopes: record.scopes, folders: record.folders, family: ++rotation.families }));
		}
		if (typeof body.refresh_token !== 'string' || !body.refresh_token) return ctx.json(400, sageError('Missing parameter: refresh_token.'));
		const record = refreshTokens.get(body.refresh_token);
		if (record?.used) {
			rotation.reuseEvents.push({ family: record.family, at: now });
			if (rotation.revokeFamilyOnReuse) revokeFamily(record.family);
		}
		if (!record || record.used || record.revoked || record.expiresAt <= now || record.region !== ctx.params.region) {
			return ctx.json(401, sageError('The refresh token is invalid or has expired: the application must be paired again.'));
		}
		record.used = true;
		const answer = issue({ customer: record.customer, region: record.region, scopes: record.scopes, folders: record.folders, family: record.family });
		if (rotation.loseAnswers > 0) {
			rotation.loseAnswers--;
			ctx.entry.status = -1;
			ctx.req.socket.destroy();
			return undefined;
		}
		if (rotation.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, rotation.answerDelayMs));
		return ctx.json(200, answer);
	});

	// ---- folders -----------------------------------------------------------------------------
	server.route('GET', '/x3/:region/v1/folders', 'x3.folders', (ctx) => {
		if (!checkRegion(ctx)) return;
		const token = authenticate(ctx);
		if (!token) return;
		const region = ctx.params.region;
		ctx.json(200, {
			folders: token.folders.map((name) => {
				const $urls = {};
				if (token.scopes.includes('api.graphQL')) $urls.dataService = serviceUrl(region, name);
				if (token.scopes.includes('api.dataDelivery')) $urls.dataDelivery = `${gateway(region)}/datadelivery/${name}`;
				if (token.scopes.includes('api.dataIngestion')) $urls.dataIngestion = `${gateway(region)}/dataingestion/${name}`;
				return { name, $urls };
			}),
		});
	});

	// ---- GraphQL -----------------------------------------------------------------------------
	const nowIso = () => new Date(clock.now()).toISOString();
	/** A change stamp from the sandbox's clock, in the `stampFormat` chosen. */
	const stampNow = () => stamps.format(clock.now());

	function logMutation(gctx, entity, action, key) {
		mutationLog.push({ requestId: gctx.requestId, customer: gctx.customer, folder: gctx.folder, entity, action, key, at: nowIso() });
	}

	function createCustomer(gctx, data) {
		const store = gctx.store;
		if (!/^[A-Za-z0-9_-]{1,15}$/.test(data.code)) throw new Error(`Customer code '${data.code}' is invalid: 1 to 15 letters, digits, '_' or '-'.`);
		if (store.customers.some((c) => c.code === data.code)) throw new Error(`Customer ${data.code} already exists.`);
		if (data.country != null && !CURRENCY[data.country]) throw new Error(`Country '${data.country}' does not exist.`);
		const country = data.country ?? 'FR';
		const record = {
			code: data.code,
			companyName: data.companyName,
			shortName: data.shortName ?? data.companyName.slice(0, 10),
			category: data.category ?? 'NORM',
			country,
			currency: data.currency ?? CURRENCY[country],
			isActive: data.isActive ?? true,
			createdAt: stampNow(),
			updatedAt: stampNow(),
		};
		store.customers.push(record);
		logMutation(gctx, 'customer', 'create', record.code);
		return record;
	}

	function updateCustomer(gctx, code, data) {
		const record = gctx.store.customers.find((c) => c.code === code);
		if (!record) throw new Error(`Customer ${code} does not exist.`);
		if (data.country != null && !CURRENCY[data.country]) throw new Error(`Country '${data.country}' does not exist.`);
		for (const key of ['companyName', 'shortName', 'category', 'country', 'currency', 'isActive']) {
			if (data[key] !== undefined && data[key] !== null) record[key] = data[key];
		}
		record.updatedAt = stampNow();
		logMutation(gctx, 'customer', 'update', code);
		return record;
	}

	function deleteCustomer(gctx, code) {
		const store = gctx.store;
		const index = store.customers.findIndex((c) => c.code === code);
		if (index < 0) throw new Error(`Customer ${code} does not exist.`);
		if (store.salesOrders.some((o) => o.customer === code)) throw new Error(`Customer ${code} cannot be deleted: it is used by sales orders.`);
		store.customers.splice(index, 1);
		logMutation(gctx, 'customer', 'delete', code);
		return true;
	}

	function createSalesOrder(gctx, data) {
		const store = gctx.store;
		if (!store.customers.some((c) => c.code === data.customer)) throw new Error(`Customer ${data.customer} does not exist.`);
		if (!data.lines.length) throw new Error('A sales order needs at least one line.');
		if (data.orderDate != null && !/^\d{4}-\d{2}-\d{2}$/.test(data.orderDate)) throw new Error(`Invalid orderDate '${data.orderDate}': expected YYYY-MM-DD.`);
		const lines = data.lines.map((line, i) => {
			if (line.quantity <= 0) throw new Error(`Line ${i + 1}: quantity must be positive.`);
			return { lineNumber: (i + 1) * 1000, product: line.product, quantity: line.quantity, price: line.price };
		});
		const record = {
			id: `SO${pad(store.nextOrder++, 6)}`,
			orderDate: data.orderDate ?? nowIso().slice(0, 10),
			customer: data.customer,
			currency: data.currency ?? 'EUR',
			amount: Math.round(lines.reduce((sum, l) => sum + l.quantity * l.price, 0) * 100) / 100,
			lines,
			creDatTim: stampNow(),
			updDatTim: stampNow(),
		};
		store.salesOrders.push(record);
		logMutation(gctx, 'salesOrder', 'create', record.id);
		return record;
	}

	const same = (r) => r;
	/**
	 * A folder's connection over `all`: where an upgrade renamed fields of the entity, filters and
	 * orderBy name them by their new names (the records are viewed under them).
	 */
	const folderConnection = (gctx, all, args, spec, view) => {
		const renamed = renames.get(gctx.folder)?.[spec.entity];
		if (!renamed) return connection(all, args, spec, view);
		const rename = (name) => renamed[name] ?? name;
		const renameRow = (row) => {
			const out = { ...row };
			for (const [from, to] of Object.entries(renamed)) {
				out[to] = row[from];
				delete out[from];
			}
			return out;
		};
		const renamedSpec = { ...spec, fields: spec.fields.map(rename), dateTimeFields: (spec.dateTimeFields ?? []).map(rename) };
		return connection(all.map((row) => renameRow(view(row))), args, renamedSpec, same);
	};
	const withId = (r) => ({ ...r, _id: r.code });
	const lineConnections = options.salesOrderLines === 'connection';
	const linesOf = (order, prefix) => (args) => connection(order.lines, args, { entity: 'salesOrderLine', prefix, key: 'lineNumber', fields: LINE_KEYS }, same);
	// Older schema: `lines(first, after)` is the connection; V12: `lines { query(first, after) }`.
	const seedOrder = (r) => (lineConnections ? { ...r, lines: linesOf(r, '$') } : r);
	// V12 names the order's stamps as xtrem does.
	const v12Order = (r) => ({ ...r, _id: r.id, _createStamp: r.creDatTim, _updateStamp: r.updDatTim });
	const orderWithId = (r) => (lineConnections ? { ...v12Order(r), lines: { query: linesOf(r, '_') } } : v12Order(r));

	function businessPartners(store) {
		const map = new Map();
		for (const c of store.customers) map.set(c.code, { ...c, _id: c.code, isCustomer: true, isSupplier: false });
		for (const s of store.suppliers) {
			if (map.has(s.code)) map.get(s.code).isSupplier = true;
			else map.set(s.code, { ...s, _id: s.code, isCustomer: false, isSupplier: true });
		}
		return [...map.values()];
	}

	const seedRoot = {
		sage: (_args, gctx, info) => {
			const store = gctx.store;
			if (info.operation.operation === 'mutation') {
				return {
					x3BusinessPartners: {
						customer: {
							create: ({ data }) => createCustomer(gctx, data),
							update: ({ data }) => updateCustomer(gctx, data.code, data),
							delete: ({ code }) => deleteCustomer(gctx, code),
						},
					},
					x3Sales: { salesOrder: { create: ({ data }) => seedOrder(createSalesOrder(gctx, data)) } },
				};
			}
			return {
				x3BusinessPartners: {
					customer: (args) => folderConnection(gctx, store.customers, args, specFor('customer', '$'), same),
					supplier: (args) => folderConnection(gctx, store.suppliers, args, specFor('supplier', '$'), same),
				},
				x3Sales: { salesOrder: (args) => folderConnection(gctx, store.salesOrders, args, specFor('salesOrder', '$'), seedOrder) },
			};
		},
	};

	const miniRoot = {
		sage: (_args, gctx, info) => {
			const customers = seedRoot.sage(_args, gctx, info).x3BusinessPartners.customer;
			// MINI calls the update stamp `modifiedOn`.
			const miniView = (r) => ({ ...r, modifiedOn: r.updatedAt });
			if (info.operation.operation === 'mutation') {
				const viewed = (write) => (args) => {
					const result = write(args);
					return result && typeof result === 'object' ? miniView(result) : result;
				};
				return { x3BusinessPartners: { customer: { create: viewed(customers.create), update: viewed(customers.update), delete: customers.delete } } };
			}
			const spec = { ...specFor('customer', '$'), fields: MINI_CUSTOMER_KEYS, dateTimeFields: ['modifiedOn'] };
			return { x3BusinessPartners: { customer: (args) => connection(gctx.store.customers.map(miniView), args, spec, same) } };
		},
	};
	const schemaNameOf = (folder) => {
		if (folder === 'MINI') return 'mini';
		if (folder === 'SEED') return lineConnections ? 'seedLineConnections' : 'seed';
		return lineConnections ? 'v12LineConnections' : 'v12';
	};
	// A folder's schema after an upgrade renamed fields (controller.renameField), built once per state.
	const renamedSchemas = new Map();
	const schemaOf = (folder) => {
		const renamed = renames.get(folder);
		if (!renamed) return SCHEMAS[schemaNameOf(folder)];
		const byType = Object.fromEntries(Object.entries(renamed).map(([entity, fields]) => [RENAMABLE_TYPES[entity], fields]));
		const cacheKey = `${schemaNameOf(folder)}|${JSON.stringify(byType)}`;
		if (!renamedSchemas.has(cacheKey)) renamedSchemas.set(cacheKey, buildSchema(renameSdlFields(SDLS[schemaNameOf(folder)], byType)));
		return renamedSchemas.get(cacheKey);
	};
	/** Records of a renamed entity answer under the new names (reads, mutations, nodes). */
	const fieldResolverOf = (folder) => {
		const renamed = renames.get(folder);
		if (!renamed) return undefined;
		const backByType = Object.fromEntries(
			Object.entries(renamed).map(([entity, fields]) => [RENAMABLE_TYPES[entity], Object.fromEntries(Object.entries(fields).map(([from, to]) => [to, from]))]),
		);
		return (source, args, context, info) => {
			const from = backByType[info.parentType.name]?.[info.fieldName];
			if (from !== undefined && source && typeof source === 'object' && !(info.fieldName in source)) return source[from];
			return defaultFieldResolver(source, args, context, info);
		};
	};
	const rootOf = (folder) => (folder === 'SEED' ? seedRoot : folder === 'MINI' ? miniRoot : v12Root);

	const v12Root = {
		x3MasterData: (_args, gctx, info) => {
			const store = gctx.store;
			if (info.operation.operation === 'mutation') {
				return {
					customer: {
						create: ({ data }) => withId(createCustomer(gctx, data)),
						update: ({ data }) => withId(updateCustomer(gctx, data._id, data)),
						delete: ({ _id }) => deleteCustomer(gctx, _id),
					},
				};
			}
			const ops = (list, entity, view) => ({
				query: (args) => {
					const spec = specFor(entity, '_');
					// `_id` is a virtual field: filter on views so it can be used.
					const rows = typeof list === 'function' ? list() : list.map(view);
					return folderConnection(gctx, rows, args, spec, same);
				},
				read: ({ _id }) => {
					const rows = typeof list === 'function' ? list() : list;
					const found = rows.find((r) => (entity === 'salesOrder' ? r.id : r.code) === _id);
					return found ? view(found) : null;
				},
			});
			return {
				businessPartner: ops(() => businessPartners(store), 'businessPartner', same),
				customer: ops(store.customers, 'customer', withId),
				supplier: ops(store.suppliers, 'supplier', withId),
			};
		},
		x3Sales: (_args, gctx) => ({
			salesOrder: {
				query: (args) => folderConnection(gctx, gctx.store.salesOrders.map(v12Order), args, specFor('salesOrder', '_'), (r) => orderWithId(r)),
				read: ({ _id }) => {
					const found = gctx.store.salesOrders.find((o) => o.id === _id);
					return found ? orderWithId(found) : null;
				},
			},
		}),
	};

	/**
	 * Switch `recordUrls`: every record in an answer (a node, a read, a reference, a mutation's
	 * answer) carries `$urls`, as X3's REST answers (folders) do; Sage's GraphQL documents are silent
	 * on it, and no GraphQL field can be named so.
	 */
	function withRecordUrls(value, base) {
		if (Array.isArray(value)) return value.map((entry) => withRecordUrls(entry, base));
		if (!isPlainObject(value)) return value;
		const out = {};
		for (const [key, inner] of Object.entries(value)) out[key] = withRecordUrls(inner, base);
		const key = ['_id', 'code', 'id'].map((name) => value[name]).find((candidate) => typeof candidate === 'string');
		if (key !== undefined) out.$urls = { self: `${base}#${encodeURIComponent(key)}` };
		return out;
	}

	const internalError = (ctx) =>
		ctx.json(500, {
			$severity: 'error',
			$dataCode: 'X3_INTERNAL_ERROR',
			$message: 'An unexpected error occurred while processing the request.',
			$source: 'x3-graphql',
		});

	server.route('POST', '/x3/:region/v1/service/:endpoint/:kind', 'x3.graphql', async (ctx) => {
		if (!checkRegion(ctx)) return;
		const token = authenticate(ctx);
		if (!token) return;
		const site = siteByUrl(token.customer);
		const { endpoint, kind } = ctx.params;
		const folder = endpoint.startsWith('X3CLOUDV2_') ? endpoint.slice('X3CLOUDV2_'.length) : undefined;
		if (!folder || !site.folders.includes(folder) || folderKind(folder) !== kind) {
			return ctx.json(404, sageError(`Unknown endpoint '${endpoint}/${kind}'.`));
		}
		if (!token.scopes.includes('api.graphQL')) return ctx.json(403, sageError('The access token does not grant the api.graphQL scope.'));
		if (!token.folders.includes(folder)) return ctx.json(403, sageError(`The access token does not grant access to folder ${folder}.`));
		const body = ctx.jsonBody();
		if (!isPlainObject(body) || typeof body.query !== 'string') {
			return ctx.json(400, { errors: [{ message: 'The request body must be JSON with a "query" string (content-type: application/json).' }] });
		}
		if (body.variables !== undefined && body.variables !== null && !isPlainObject(body.variables)) {
			return ctx.json(400, { errors: [{ message: 'variables must be an object.' }] });
		}
		graphqlRequests++;
		const requestId = ctx.headers['x-request-id'] || `x3-req-${graphqlRequests}`;
		if (failures.remaining > 0 && !failures.afterExecute) {
			failures.remaining--;
			return internalError(ctx);
		}
		const schema = schemaOf(folder);
		const { document, syntaxError, validationErrors } = checkedDocument(schema, body.query);
		if (syntaxError) return ctx.json(400, { errors: [{ message: syntaxError.message, locations: syntaxError.locations }] });
		if (validationErrors) {
			return ctx.json(400, { errors: validationErrors.map((e) => ({ message: e.message, locations: e.locations })) });
		}
		const gctx = { store: storeFor(token.customer), customer: token.customer, folder, requestId };
		if (hooks.beforeGraphql) await hooks.beforeGraphql({ folder, query: body.query, variables: body.variables ?? {}, store: gctx.store });
		const result = await execute({
			schema,
			document,
			rootValue: rootOf(folder),
			fieldResolver: fieldResolverOf(folder),
			contextValue: gctx,
			variableValues: body.variables ?? undefined,
			operationName: body.operationName ?? undefined,
		});
		if (failures.remaining > 0 && failures.afterExecute) {
			failures.remaining--;
			return internalError(ctx);
		}
		const errors = result.errors ?? [];
		const requestErrors = errors.filter((e) => e.originalError instanceof BadRequest);
		if (requestErrors.length) return ctx.json(400, { errors: requestErrors.map((e) => ({ message: e.message })) });
		if (result.data === undefined) return ctx.json(400, { errors: errors.map((e) => ({ message: e.message, locations: e.locations })) });
		const out = { data: options.recordUrls ? withRecordUrls(result.data, serviceUrl(ctx.params.region, folder)) : result.data };
		if (errors.length) out.errors = errors.map((e) => ({ message: e.message, locations: e.locations, path: e.path }));
		out.extensions = {};
		ctx.json(200, out);
	});

	// ---- data delivery -----------------------------------------------------------------------
	const DELIVERY_ENTITIES = ['BPCUSTOMER', 'BPSUPPLIER', 'SORDER'];
	function deliveryFor(customer, folder) {
		const id = `${customer}|${folder}`;
		if (!deliveries.has(id)) {
			const files = new Map();
			for (let n = 1; n <= DELIVERY_FILES; n++) {
				const entity = DELIVERY_ENTITIES[n % DELIVERY_ENTITIES.length];
				const key = `${folder}_${entity}_${pad(n, 4)}.csv`;
				const rows = ['code;description;amount;updated'];
				for (let r = 1; r <= (n % 5) + 2; r++) {
					rows.push(`${entity.slice(0, 2)}${pad(n * 10 + r, 5)};${entity} record ${n}-${r};${((n * 31 + r * 7) % 1000) + 0.5};2024-01-${pad((r % 28) + 1, 2)}`);
				}
				const content = Buffer.from(`${rows.join('\n')}\n`, 'utf8');
				files.set(key, {
					key,
					content,
					lastModified: new Date(Date.UTC(2024, 0, 1) + n * 15 * 60000).toISOString(),
					checksum: crypto.createHash('md5').update(content).digest('hex'),
					size: content.length,
				});
			}
			deliveries.set(id, files);
		}
		return deliveries.get(id);
	}

	const deliveryGuard = (ctx) => {
		if (!checkRegion(ctx)) return undefined;
		const token = authenticate(ctx);
		if (!token) return undefined;
		const site = siteByUrl(token.customer);
		const folder = ctx.params.folder;
		if (!token.scopes.includes('api.dataDelivery')) {
			ctx.json(403, sageError('The access token does not grant the api.dataDelivery scope.'));
			return undefined;
		}
		if (!site.folders.includes(folder)) {
			ctx.json(404, sageError(`Unknown folder '${folder}'.`));
			return undefined;
		}
		if (!token.folders.includes(folder)) {
			ctx.json(403, sageError(`The access token does not grant access to folder ${folder}.`));
			return undefined;
		}
		return { token, folder, files: deliveryFor(token.customer, folder) };
	};

	server.route('GET', '/x3/:region/v1/datadelivery/:folder', 'x3.delivery.list', (ctx) => {
		const g = deliveryGuard(ctx);
		if (!g) return;
		const keys = [...g.files.keys()].sort();
		let after;
		const continuation = ctx.query.get('continuationToken');
		if (continuation) {
			try {
				after = JSON.parse(Buffer.from(continuation, 'base64url').toString('utf8')).after;
			} catch {
				after = undefined;
			}
			if (typeof after !== 'string') return ctx.json(400, sageError('Invalid continuationToken.'));
		}
		const remaining = after === undefined ? keys : keys.filter((k) => k > after);
		const page = remaining.slice(0, DELIVERY_PAGE);
		const isTruncated = remaining.length > DELIVERY_PAGE;
		const base = `${gateway(ctx.params.region)}/datadelivery/${g.folder}/files/`;
		const out = {
			isTruncated,
			items: page.map((key) => {
				const f = g.files.get(key);
				const url = base + encodeURIComponent(key);
				return { key, downloadUrl: url, lastModified: f.lastModified, checksum: f.checksum, size: f.size, deleteUrl: url };
			}),
		};
		if (isTruncated) out.continuationToken = b64url({ after: page[page.length - 1] });
		ctx.json(200, out);
	});

	// Sage does not document whether a download answers with the file or with a redirect to its
	// storage (a pre-signed URL, as object stores serve large files): `downloadRedirect` switches.
	const signatureOf = (folder, key) => crypto.createHmac('sha256', clientSecret).update(`${folder}/${key}`).digest('hex').slice(0, 32);
	server.route('GET', '/x3/:region/v1/datadelivery/:folder/files/:key', 'x3.delivery.download', (ctx) => {
		const g = deliveryGuard(ctx);
		if (!g) return;
		const file = g.files.get(ctx.params.key);
		if (!file) return ctx.json(404, sageError(`File '${ctx.params.key}' does not exist.`));
		const redirect = deliverySwitches.downloadRedirect;
		if (redirect) {
			const storage = `${server.url}/x3-storage/${g.folder}/${encodeURIComponent(file.key)}?sig=${signatureOf(g.folder, file.key)}`;
			ctx.send(302, '', { location: redirect === 'presigned' ? storage : redirect(storage) });
			return;
		}
		ctx.send(200, file.content, { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(file.size) });
	});

	// The pre-signed storage: no token, the signature in the URL is the authorisation.
	server.route('GET', '/x3-storage/:folder/:key', 'x3.delivery.storage', (ctx) => {
		if (ctx.query.get('sig') !== signatureOf(ctx.params.folder, ctx.params.key)) return ctx.json(403, { message: 'Signature does not match' });
		for (const files of deliveries.values()) {
			const file = files.get(ctx.params.key);
			if (file) return ctx.send(200, file.content, { 'content-type': 'text/csv; charset=utf-8', 'content-length': String(file.size) });
		}
		ctx.json(404, { message: 'No such object' });
	});

	server.route('DELETE', '/x3/:region/v1/datadelivery/:folder/files/:key', 'x3.delivery.delete', (ctx) => {
		const g = deliveryGuard(ctx);
		if (!g) return;
		if (!g.files.has(ctx.params.key)) return ctx.json(404, sageError(`File '${ctx.params.key}' does not exist.`));
		g.files.delete(ctx.params.key);
		ctx.send(204, '');
	});

	// ---- controller --------------------------------------------------------------------------
	const parseForm = (html) => {
		const form = /<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
		if (!form) throw new Error('No form in page');
		const fields = {};
		for (const m of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) fields[m[1]] = unescapeHtml(m[2]);
		return { action: unescapeHtml(form[1]), fields };
	};

	const controller = {
		clientId,
		clientSecret,
		credentials: { clientId, clientSecret },
		/** The X3 customers: [{ url, region, folders }]. */
		sites,
		clock,
		mutationLog,
		get issuedRefreshTokens() {
			return issuedRefreshTokens.slice();
		},
		gatewayUrl: (region = 'eu') => gateway(region),
		/** Build an authorise URL (defaults: eu gateway, eu customer, graphQL scope). */
		authoriseUrl({ region = 'eu', customer = sites[0].url, scope = 'businessDomain.ALL api.graphQL', redirectUri = 'https://3rd.app.example/callback', state = 'state-1234', clientId: cid = clientId } = {}) {
			const q = new URLSearchParams({ client_id: cid, scope, customer, redirect_uri: redirectUri, state });
			return `${gateway(region)}/token/authorise?${q}`;
		},
		/** Act as the X3 user: open the approval page, choose folders, approve/reject; returns the callback form. */
		async approve(authoriseUrl, { folders = ['SEED', 'X3'], decision = 'approve' } = {}) {
			const page = await fetch(authoriseUrl);
			const html = await page.text();
			if (page.status !== 200) throw new Error(`authorise failed: ${page.status} ${html}`);
			const form = /<form method="POST" action="([^"]+)">/.exec(html);
			const request = /name="request" value="([^"]+)"/.exec(html);
			if (!form || !request) throw new Error('approval page has no form');
			const body = new URLSearchParams({ request: unescapeHtml(request[1]), decision });
			for (const f of folders) body.append('folders', f);
			const res = await fetch(unescapeHtml(form[1]), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
			const text = await res.text();
			if (res.status !== 200) throw new Error(`decision failed: ${res.status} ${text}`);
			return parseForm(text);
		},
		/** Create a valid refresh token directly, skipping the pairing dance. */
		pair({ customer, folders = ['SEED', 'X3'], region, scope = 'businessDomain.ALL api.graphQL' } = {}) {
			const site = customer ? siteByUrl(customer) : sites.find((s) => s.region === (region ?? 'eu'));
			if (!site) throw new Error(`Unknown X3 customer ${customer}`);
			if (region && region !== site.region) throw new Error(`Customer ${site.url} belongs to region ${site.region}, not ${region}`);
			const tokenRegion = site.region;
			const grant = { customer: site.url, region: tokenRegion, scopes: scope.split(/\s+/).filter(Boolean), folders: site.folders.filter((f) => folders.includes(f)), family: ++rotation.families };
			const now = clock.now();
			const refreshToken = jwt('refresh', { iss: 'x3-sandbox', region: REGION_CLAIM[tokenRegion], customer: site.url, client_id: clientId, exp: Math.floor(now / 1000) + REFRESH_TTL_S });
			refreshTokens.set(refreshToken, { ...grant, expiresAt: now + REFRESH_TTL_S * 1000, used: false, revoked: false });
			issuedRefreshTokens.push(refreshToken);
			return { refresh_token: refreshToken, endpoint: gateway(tokenRegion), customer: site.url, scope: grantScope(grant) };
		},
		/** Like pair() but returns a full token response (access + refresh) plus endpoint. */
		issueTokens(opts = {}) {
			const { refresh_token: rt, endpoint } = controller.pair(opts);
			const record = refreshTokens.get(rt);
			record.used = true;
			return { ...issue({ customer: record.customer, region: record.region, scopes: record.scopes, folders: record.folders, family: record.family }), endpoint };
		},
		/** Every access token issued so far expires now. */
		expireAccessTokens() {
			const now = clock.now();
			for (const record of accessTokens.values()) record.expiresAt = Math.min(record.expiresAt, now);
		},
		/** Refresh tokens presented after they were spent: [{ family, at }]. */
		get reuseEvents() {
			return rotation.reuseEvents.slice();
		},
		clearReuseEvents() {
			rotation.reuseEvents.length = 0;
		},
		setRevokeFamilyOnReuse(on = true) {
			rotation.revokeFamilyOnReuse = on;
		},
		setAccessTokenTtl(seconds) {
			rotation.accessTtlS = seconds;
		},
		setRotationAnswerDelay(ms) {
			rotation.answerDelayMs = ms;
		},
		/** The next `times` refreshes rotate the token, then the connection drops before the answer. */
		loseTokenAnswers(times = 1) {
			rotation.loseAnswers = times;
		},
		/** Every refresh token issued so far becomes invalid (forces a new pairing). */
		revokeRefreshTokens() {
			for (const record of refreshTokens.values()) record.revoked = true;
		},
		tokenRequests: () => server.count('x3.token'),
		graphqlRequests: () => server.count('x3.graphql'),
		/** The next `times` GraphQL requests fail with 500 (before execution, or after it when afterExecute). */
		failGraphQL(times = 1, { afterExecute = false } = {}) {
			failures.remaining = times;
			failures.afterExecute = afterExecute;
		},
		/** `fn({ folder, query, variables, store })` runs before each GraphQL request is executed (undefined: none). */
		onGraphql(fn) {
			hooks.beforeGraphql = fn;
		},
		/** A change stamp for `ms` (default: the clock's now) in the stampFormat chosen. */
		stamp: (ms = clock.now()) => stamps.format(ms),
		/**
		 * A schema change, as an X3 upgrade or a customisation makes one (Sage's documents do not say
		 * which fields may change): from the next request on, `field` of `entity` ('customer',
		 * 'supplier', 'salesOrder') in `folder` ('SEED', 'X3') is called `to` in the schema, in answers,
		 * filters and orderBy; introspection shows the new name. `to` undefined undoes it. Not for key fields.
		 */
		renameField(folder, entity, field, to) {
			if (!RENAMABLE_TYPES[entity]) throw new Error(`renameField: entity must be one of ${Object.keys(RENAMABLE_TYPES).join(', ')}`);
			if (folder !== 'SEED' && folder !== 'X3') throw new Error('renameField: folder must be SEED or X3');
			if (['code', 'id', '_id'].includes(field)) throw new Error('renameField: key fields cannot be renamed');
			const folderRenames = { ...(renames.get(folder) ?? {}) };
			const fields = { ...(folderRenames[entity] ?? {}) };
			if (to === undefined) delete fields[field];
			else fields[field] = to;
			if (Object.keys(fields).length) folderRenames[entity] = fields;
			else delete folderRenames[entity];
			const next = new Map(renames);
			if (Object.keys(folderRenames).length) next.set(folder, folderRenames);
			else next.delete(folder);
			// Checked before it takes effect: a rename the schema cannot take throws here.
			const previous = new Map(renames);
			renames.clear();
			for (const [key, value] of next) renames.set(key, value);
			try {
				schemaOf(folder);
			} catch (error) {
				renames.clear();
				for (const [key, value] of previous) renames.set(key, value);
				throw error;
			}
		},
		setStampFormat(format) {
			stamps.format = stampFormatter(format);
		},
		/**
		 * Changes records as an X3 user would: `changes` applied, the update stamp set to `at` (ms or a
		 * stamp; default now). entity 'customer' (key code) or 'salesOrder' (key id). Returns the stamp.
		 */
		touch(entity, keys, { at, changes = {} } = {}, customerUrl = sites[0].url) {
			const store = storeFor(customerUrl);
			const [list, keyField, stampField] = entity === 'salesOrder' ? [store.salesOrders, 'id', 'updDatTim'] : [store.customers, 'code', 'updatedAt'];
			const stamp = typeof at === 'string' ? at : stamps.format(at ?? clock.now());
			for (const key of keys) {
				const record = list.find((candidate) => candidate[keyField] === key);
				if (!record) throw new Error(`No ${entity} ${key}`);
				Object.assign(record, changes, { [stampField]: stamp });
			}
			return stamp;
		},
		/** Creates a customer as an X3 user would (`at`: its creation stamp, default now). */
		addCustomer(data, { at } = {}, customerUrl = sites[0].url) {
			const record = createCustomer({ store: storeFor(customerUrl), customer: customerUrl, folder: 'SEED', requestId: 'x3-user' }, data);
			if (at !== undefined) record.createdAt = record.updatedAt = typeof at === 'string' ? at : stamps.format(at);
			return record;
		},
		store: (customerUrl = sites[0].url) => storeFor(customerUrl),
		customers: (customerUrl = sites[0].url) => storeFor(customerUrl).customers,
		suppliers: (customerUrl = sites[0].url) => storeFor(customerUrl).suppliers,
		salesOrders: (customerUrl = sites[0].url) => storeFor(customerUrl).salesOrders,
		/**
		 * Downloads answer 302: 'presigned' to the sandbox's own token-less storage, a function of that
		 * storage URL to anywhere else; undefined serves files directly (the default).
		 */
		setDownloadRedirect(mode) {
			deliverySwitches.downloadRedirect = mode;
		},
		/** Data delivery files still present: [{ key, size, checksum, lastModified }]. */
		deliveryFiles: (folder = 'SEED', customerUrl = sites[0].url) =>
			[...deliveryFor(siteByUrl(customerUrl).url, folder).values()].map(({ key, size, checksum, lastModified }) => ({ key, size, checksum, lastModified })),
	};
	return controller;
}

module.exports = { registerX3, compileFilter };
