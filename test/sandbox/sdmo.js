'use strict';
/**
 * Sage Distribution and Manufacturing Operations (SDMO, "xtrem") simulation.
 *
 * Source of truth: seed 002 (token API, urls block, x-tokens invalidation) and SAGE-API-NOTES §2
 * (xtrem GraphQL: package namespaces, query/read/create/update/delete/bulkUpdate, JSON-ish filter
 * strings, default page size 20, natural keys "#ID", diagnoses, async start/track).
 *
 * Routes (names are what core.js counters and fault rules refer to):
 *   sdmo.token       POST   /sdmo/v1/token                            form-urlencoded client credentials
 *   sdmo.invalidate  DELETE /sdmo/v1/token                            header x-tokens: accessToken=<token>
 *   sdmo.graphql     POST   /sdmo/v1/fwd/cluster-release/:app/api     app = sdmo | shopfloor
 *
 * Choices where the public docs are silent (documented so tests and README agree):
 *   - Bad client id/secret, unknown tenant and not-accepted tenant all answer 403 {"message":"Forbidden"}.
 *   - Wrong/missing grant_type or malformed scope: 400 {"message": ...}. JSON body: 400 naming
 *     application/x-www-form-urlencoded.
 *   - DELETE /token: 204 for any token the server issued (idempotent, also when already invalid or
 *     expired); 400 when x-tokens is missing/malformed; 401 {"message":"Unauthorized"} for a token
 *     it never issued.
 *   - GraphQL: unknown app → 404 (checked before auth); missing/unknown/expired/invalidated bearer →
 *     401 {"message":"Unauthorized"}; token of a tenant no longer accepted → 403. Body must be JSON.
 *     Parse and validation errors → HTTP 400 {errors:[{message, locations}]}; execution/business
 *     errors → HTTP 200 with data (failing field null) and errors[].extensions.diagnoses.
 *   - Paging: first defaults to 20, max 1000 (more → error), cursors are opaque base64 strings.
 *   - Records with isActive=false are locked: update rejects them (unless the update sets
 *     isActive: true), bulkUpdate skips them and reports a severity-2 warning in the top-level
 *     response extensions.diagnoses.
 *   - delete(_id) returns Int (number of deleted records: 1). Deleting a record referenced by
 *     another record fails with a diagnosis.
 *   - asyncExport: start(filter, orderBy) → { trackingId }; track(trackingId) returns pending on the
 *     1st call, running on the 2nd, success (or error when failNextAsyncExport() was used) from the
 *     3rd call on (options.asyncTrackCalls changes 3). track exists under query and mutation.
 *   - The ~28 s operation timeout is not simulated.
 *   - _createStamp/_updateStamp are set with the sandbox clock on create and update, as ISO 8601 UTC
 *     with milliseconds; options.stampFormat 'seconds' writes whole seconds (records changed within
 *     one second share a stamp), 'offset' the server's local time with its offset
 *     (options.stampOffsetMinutes, default 60: 2026-01-01T09:00:00.000+01:00). Filters and orderBy
 *     compare datetimes as instants. They are Strings in the schema; options.datetimeScalar: true
 *     types them as a custom scalar `Datetime` instead.
 *   - options.pageCap: n answers at most n records a query page (hasNextPage true when more match),
 *     whatever `first` asks: a server with a page maximum of its own.
 *   - SalesOrder has a vital collection `lines { query(first, after) { edges { node } } }` (Sage's
 *     guide shows collections so; the line fields are ours), derived from the order: not filterable.
 */
const {
	GraphQLSchema,
	GraphQLObjectType,
	GraphQLInputObjectType,
	GraphQLString,
	GraphQLInt,
	GraphQLFloat,
	GraphQLBoolean,
	GraphQLList,
	GraphQLNonNull,
	GraphQLError,
	GraphQLScalarType,
	execute,
} = require('graphql');
const { parseJsonish } = require('./jsonish');
const { checkedDocument } = require('./documents');

const DEMO = {
	clientId: 'sdmo-demo-client',
	clientSecret: 'sdmo-demo-secret',
	tenantId: 'Dz62IqY7R8o7W6oj_mreA',
	notAcceptedTenantId: 'tenant-not-accepted',
};

const MAX_PAGE = 1000;
const DEFAULT_PAGE = 20;
const OPERATORS = new Set(['_eq', '_ne', '_lt', '_lte', '_gt', '_gte', '_in', '_nin', '_regex', '_options']);

class SdmoError extends Error {}

/** A GraphQL error carrying xtrem diagnoses. */
function businessError(message, diagnoses) {
	return new GraphQLError(message, { extensions: { diagnoses } });
}

// ---------------------------------------------------------------------------------------------
// Entity definitions
// ---------------------------------------------------------------------------------------------

const s = (extra = {}) => ({ kind: 'string', ...extra });
const ref = (target, extra = {}) => ({ kind: 'reference', target, ...extra });
const dec = (extra = {}) => ({ kind: 'decimal', ...extra });
const bool = (extra = {}) => ({ kind: 'boolean', ...extra });

const ENTITIES = {
	currency: { typeName: 'Currency', naturalKey: 'id', fields: { id: s(), name: s(), symbol: s(), decimalDigits: { kind: 'integer' } } },
	country: { typeName: 'Country', naturalKey: 'id', fields: { id: s(), name: s(), currency: ref('currency') } },
	customer: {
		typeName: 'Customer',
		naturalKey: 'id',
		mutable: true,
		fields: {
			id: s({ required: true, maxLength: 20 }),
			name: s({ required: true, maxLength: 80 }),
			isActive: bool({ default: true }),
			currency: ref('currency'),
			country: ref('country'),
			creditLimit: dec({ min: 0, default: 0 }),
		},
	},
	supplier: {
		typeName: 'Supplier',
		naturalKey: 'id',
		mutable: true,
		fields: {
			id: s({ required: true, maxLength: 20 }),
			name: s({ required: true, maxLength: 80 }),
			isActive: bool({ default: true }),
			currency: ref('currency'),
			country: ref('country'),
		},
	},
	item: {
		typeName: 'Item',
		naturalKey: 'id',
		mutable: true,
		fields: {
			id: s({ required: true, maxLength: 30 }),
			name: s({ required: true, maxLength: 80 }),
			description: s({ maxLength: 250 }),
			isActive: bool({ default: true }),
			basePrice: dec({ min: 0, default: 0 }),
			stockUnit: s({ default: 'EA' }),
			isStockManaged: bool({ default: true }),
		},
	},
	salesOrder: {
		typeName: 'SalesOrder',
		naturalKey: 'number',
		fields: {
			number: s(),
			soldToCustomer: ref('customer'),
			orderDate: { kind: 'date' },
			status: { kind: 'enum', values: ['quote', 'pending', 'inProgress', 'closed'] },
			currency: ref('currency'),
			totalAmountExcludingTax: dec(),
		},
	},
	stockJournal: {
		typeName: 'StockJournal',
		naturalKey: undefined,
		fields: {
			item: ref('item'),
			documentType: { kind: 'enum', values: ['receipt', 'issue', 'adjustment', 'transfer'] },
			quantityInStockUnit: dec(),
			effectiveDate: { kind: 'date' },
		},
	},
	workOrder: {
		typeName: 'WorkOrder',
		naturalKey: 'number',
		fields: {
			number: s(),
			itemId: s(),
			description: s(),
			plannedQuantity: dec(),
			status: { kind: 'enum', values: ['planned', 'released', 'inProgress', 'completed'] },
			plannedStartDate: { kind: 'date' },
		},
	},
};
for (const [name, entity] of Object.entries(ENTITIES)) {
	entity.name = name;
	entity.fields = {
		_id: { kind: 'id', system: true },
		...entity.fields,
		_createStamp: { kind: 'datetime', system: true },
		_updateStamp: { kind: 'datetime', system: true },
	};
}

const APPS = {
	sdmo: {
		xtremMasterData: ['currency', 'country', 'customer', 'supplier', 'item'],
		xtremSales: ['salesOrder'],
		xtremStock: ['stockJournal'],
	},
	shopfloor: {
		xtremShopfloor: ['workOrder'],
	},
};

// ---------------------------------------------------------------------------------------------
// Deterministic data
// ---------------------------------------------------------------------------------------------

const COUNTRIES = [
	{ id: 'FR', name: 'France', currency: 'EUR', suffixes: ['SARL', 'SA'] },
	{ id: 'GB', name: 'United Kingdom', currency: 'GBP', suffixes: ['Ltd', 'PLC'] },
	{ id: 'DE', name: 'Germany', currency: 'EUR', suffixes: ['GmbH', 'AG'] },
	{ id: 'ES', name: 'Spain', currency: 'EUR', suffixes: ['SL', 'SA'] },
	{ id: 'US', name: 'United States', currency: 'USD', suffixes: ['Inc', 'LLC'] },
];
const CURRENCIES = [
	{ id: 'EUR', name: 'Euro', symbol: '€', decimalDigits: 2 },
	{ id: 'GBP', name: 'Pound sterling', symbol: '£', decimalDigits: 2 },
	{ id: 'USD', name: 'US dollar', symbol: '$', decimalDigits: 2 },
];
const WORDS_A = ['Atlas', 'Beacon', 'Cedar', 'Delta', 'Evergreen', 'Falcon', 'Granite', 'Harbor', 'Iris', 'Juniper', 'Keystone', 'Lumen', 'Meridian', 'Nova', 'Orchid', 'Pioneer', 'Quartz', 'Summit', 'Titan', 'Vertex'];
const WORDS_B = ['Trading', 'Industries', 'Foods', 'Logistics', 'Textiles', 'Components', 'Systems', 'Retail', 'Supplies', 'Engineering', 'Metals'];
const ITEM_WORDS = ['Bolt', 'Bracket', 'Cable', 'Valve', 'Gasket', 'Pump', 'Sensor', 'Panel', 'Hinge', 'Filter', 'Motor', 'Bearing'];
const BASE_TIME = Date.UTC(2020, 0, 1);
const pad = (n, width) => String(n).padStart(width, '0');
const stamp = (ms) => new Date(ms).toISOString();
/** A change stamp in the server's format (see the header: stampFormat, stampOffsetMinutes). */
function stampIn(options, ms) {
	const format = options.stampFormat ?? 'iso';
	if (format === 'seconds') return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
	if (format === 'offset') {
		const offset = options.stampOffsetMinutes ?? 60;
		const sign = offset < 0 ? '-' : '+';
		const zone = `${sign}${pad(Math.floor(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
		return new Date(ms + offset * 60000).toISOString().replace('Z', zone);
	}
	return stamp(ms);
}
const day = (ms) => new Date(ms).toISOString().slice(0, 10);

function generateData(options) {
	const data = {};
	data.currency = CURRENCIES.map((c, i) => ({ _id: String(i + 1), ...c }));
	const currencyId = (code) => String(CURRENCIES.findIndex((c) => c.id === code) + 1);
	data.country = COUNTRIES.map((c, i) => ({ _id: String(i + 1), id: c.id, name: c.name, currency: currencyId(c.currency) }));

	const customerCount = options.customers ?? 3000;
	data.customer = [];
	for (let n = 1; n <= customerCount; n++) {
		const ci = (n - 1) % COUNTRIES.length;
		const c = COUNTRIES[ci];
		const created = BASE_TIME + n * 7 * 3600 * 1000;
		data.customer.push({
			_id: String(n),
			id: `${c.id}${pad(n, 4)}`,
			name: `${WORDS_A[(n * 7) % WORDS_A.length]} ${WORDS_B[(n * 3) % WORDS_B.length]} ${c.suffixes[n % 2]}`,
			isActive: n % 10 !== 0,
			currency: currencyId(c.currency),
			country: String(ci + 1),
			creditLimit: ((n * 7919) % 100) * 500,
			_createStamp: stampIn(options, created),
			_updateStamp: stampIn(options, created + (n % 5) * 86400000),
		});
	}

	const supplierCount = options.suppliers ?? 500;
	data.supplier = [];
	for (let n = 1; n <= supplierCount; n++) {
		const ci = (n * 3) % COUNTRIES.length;
		const created = BASE_TIME + n * 11 * 3600 * 1000;
		data.supplier.push({
			_id: String(n),
			id: `SUP${pad(n, 4)}`,
			name: `${WORDS_B[n % WORDS_B.length]} ${WORDS_A[(n * 5) % WORDS_A.length]} ${COUNTRIES[ci].suffixes[0]}`,
			isActive: n % 7 !== 0,
			currency: currencyId(COUNTRIES[ci].currency),
			country: String(ci + 1),
			_createStamp: stampIn(options, created),
			_updateStamp: stampIn(options, created),
		});
	}

	const itemCount = options.items ?? 1000;
	data.item = [];
	for (let n = 1; n <= itemCount; n++) {
		const created = BASE_TIME + n * 5 * 3600 * 1000;
		const word = ITEM_WORDS[n % ITEM_WORDS.length];
		data.item.push({
			_id: String(n),
			id: `ITM${pad(n, 5)}`,
			name: `${word} ${pad((n * 13) % 1000, 3)}`,
			description: `${word} type ${String.fromCharCode(65 + (n % 26))}`,
			isActive: n % 9 !== 0,
			basePrice: ((n * 37) % 2000) / 4,
			stockUnit: n % 4 === 0 ? 'KG' : 'EA',
			isStockManaged: n % 6 !== 0,
			_createStamp: stampIn(options, created),
			_updateStamp: stampIn(options, created),
		});
	}

	const salesOrderCount = options.salesOrders ?? 200;
	const statuses = ENTITIES.salesOrder.fields.status.values;
	data.salesOrder = [];
	for (let n = 1; n <= salesOrderCount; n++) {
		const customer = data.customer.length ? data.customer[(n * 37) % data.customer.length] : undefined;
		const created = BASE_TIME + n * 13 * 3600 * 1000;
		data.salesOrder.push({
			_id: String(n),
			number: `SO${pad(n, 6)}`,
			soldToCustomer: customer ? customer._id : null,
			orderDate: day(created),
			status: statuses[n % statuses.length],
			currency: customer ? customer.currency : '1',
			totalAmountExcludingTax: ((n * 7331) % 100000) / 10,
			_createStamp: stampIn(options, created),
			_updateStamp: stampIn(options, created),
		});
	}

	const journalCount = options.stockJournals ?? 300;
	const docTypes = ENTITIES.stockJournal.fields.documentType.values;
	data.stockJournal = [];
	for (let n = 1; n <= journalCount; n++) {
		const created = BASE_TIME + n * 3 * 3600 * 1000;
		data.stockJournal.push({
			_id: String(n),
			item: data.item.length ? data.item[(n * 17) % data.item.length]._id : null,
			documentType: docTypes[n % docTypes.length],
			quantityInStockUnit: (n % 4 === 1 ? -1 : 1) * ((n * 29) % 250),
			effectiveDate: day(created),
			_createStamp: stampIn(options, created),
			_updateStamp: stampIn(options, created),
		});
	}

	const workOrderCount = options.workOrders ?? 50;
	const woStatuses = ENTITIES.workOrder.fields.status.values;
	data.workOrder = [];
	for (let n = 1; n <= workOrderCount; n++) {
		const created = BASE_TIME + n * 24 * 3600 * 1000;
		data.workOrder.push({
			_id: String(n),
			number: `WO${pad(n, 5)}`,
			itemId: `ITM${pad(((n * 7) % 1000) + 1, 5)}`,
			description: `Build ${ITEM_WORDS[n % ITEM_WORDS.length]} assembly`,
			plannedQuantity: (n % 10) * 10 + 10,
			status: woStatuses[n % woStatuses.length],
			plannedStartDate: day(created + 30 * 86400000),
			_createStamp: stampIn(options, created),
			_updateStamp: stampIn(options, created),
		});
	}
	return data;
}

// ---------------------------------------------------------------------------------------------
// JSON-ish parser (filter / orderBy strings): unquoted keys, single or double quoted strings
// ---------------------------------------------------------------------------------------------


const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// The store + query engine
// ---------------------------------------------------------------------------------------------

function createStore(options) {
	let data;
	let maps;
	let nextIds;

	function reset() {
		data = generateData(options);
		maps = {};
		nextIds = {};
		for (const [name, rows] of Object.entries(data)) {
			maps[name] = new Map(rows.map((r) => [r._id, r]));
			nextIds[name] = rows.reduce((max, r) => Math.max(max, Number(r._id)), 0) + 1;
		}
	}
	reset();

	const rows = (entity) => data[entity];
	const byId = (entity, id) => (id === null || id === undefined ? undefined : maps[entity].get(String(id)));

	/** Resolve "6" (an _id) or "#FR0006" (a natural key). */
	function find(entityName, key) {
		const entity = ENTITIES[entityName];
		if (typeof key !== 'string') key = String(key);
		if (key.startsWith('#')) {
			if (!entity.naturalKey) throw new SdmoError(`${entity.typeName} has no natural key: cannot resolve '${key}'`);
			const nk = key.slice(1);
			return data[entityName].find((r) => r[entity.naturalKey] === nk);
		}
		return byId(entityName, key);
	}

	function insert(entityName, record) {
		record._id = String(nextIds[entityName]++);
		data[entityName].push(record);
		maps[entityName].set(record._id, record);
		return record;
	}

	function remove(entityName, record) {
		data[entityName].splice(data[entityName].indexOf(record), 1);
		maps[entityName].delete(record._id);
	}

	return { reset, rows, byId, find, insert, remove };
}

function coerce(kind, v) {
	if (v === null || v === undefined) return null;
	switch (kind) {
		case 'id':
		case 'reference':
		case 'decimal':
		case 'integer': {
			const n = Number(v);
			return Number.isNaN(n) ? String(v) : n;
		}
		case 'boolean':
			return v === true || v === 'true';
		case 'datetime': {
			// Datetimes compare as instants, whatever zone or precision a stamp is written with.
			const ms = Date.parse(String(v));
			return Number.isNaN(ms) ? String(v) : ms;
		}
		default:
			return String(v);
	}
}

function compareValues(kind, a, b) {
	const x = coerce(kind, a);
	const y = coerce(kind, b);
	if (x === null && y === null) return 0;
	if (x === null) return -1;
	if (y === null) return 1;
	if (typeof x === 'number' && typeof y === 'number') return x - y;
	if (typeof x === 'boolean' && typeof y === 'boolean') return Number(x) - Number(y);
	const sx = String(x);
	const sy = String(y);
	return sx < sy ? -1 : sx > sy ? 1 : 0;
}

function applyOperators(entity, fieldName, kind, value, ops) {
	for (const [op, operand] of Object.entries(ops)) {
		if (!OPERATORS.has(op)) throw new SdmoError(`Invalid filter: unknown operator '${op}' on ${entity.name}.${fieldName}`);
		const nullish = value === null || value === undefined;
		switch (op) {
			case '_eq':
				if (operand === null ? !nullish : nullish || compareValues(kind, value, operand) !== 0) return false;
				break;
			case '_ne':
				if (operand === null ? nullish : !nullish && compareValues(kind, value, operand) === 0) return false;
				break;
			case '_lt':
			case '_lte':
			case '_gt':
			case '_gte': {
				if (nullish || operand === null) return false;
				const c = compareValues(kind, value, operand);
				if (op === '_lt' && !(c < 0)) return false;
				if (op === '_lte' && !(c <= 0)) return false;
				if (op === '_gt' && !(c > 0)) return false;
				if (op === '_gte' && !(c >= 0)) return false;
				break;
			}
			case '_in':
			case '_nin': {
				if (!Array.isArray(operand)) throw new SdmoError(`Invalid filter: ${op} expects an array on ${entity.name}.${fieldName}`);
				const found = operand.some((o) => (o === null ? nullish : !nullish && compareValues(kind, value, o) === 0));
				if (op === '_in' ? !found : found) return false;
				break;
			}
			case '_regex': {
				if (typeof operand !== 'string') throw new SdmoError(`Invalid filter: _regex expects a string on ${entity.name}.${fieldName}`);
				let re;
				try {
					re = new RegExp(operand, typeof ops._options === 'string' ? ops._options : '');
				} catch (e) {
					throw new SdmoError(`Invalid filter: bad regular expression on ${entity.name}.${fieldName}: ${e.message}`);
				}
				if (nullish || !re.test(String(value))) return false;
				break;
			}
			default:
				break; // _options is consumed by _regex
		}
	}
	return true;
}

function matchFilter(store, entity, record, filter) {
	if (!isPlainObject(filter)) throw new SdmoError(`Invalid filter: expected an object on ${entity.name}`);
	for (const [key, cond] of Object.entries(filter)) {
		if (key === '_and' || key === '_or') {
			if (!Array.isArray(cond)) throw new SdmoError(`Invalid filter: ${key} expects an array`);
			const results = cond.map((sub) => matchFilter(store, entity, record, sub));
			if (key === '_and' ? results.includes(false) : !results.includes(true)) return false;
			continue;
		}
		if (key === '_not') {
			if (matchFilter(store, entity, record, cond)) return false;
			continue;
		}
		const field = entity.fields[key];
		if (!field) throw new SdmoError(`Invalid filter: unknown property '${key}' on ${entity.name}`);
		const value = record[key];
		if (field.kind === 'reference') {
			if (isPlainObject(cond) && Object.keys(cond).length && Object.keys(cond).every((k) => OPERATORS.has(k))) {
				if (!applyOperators(entity, key, 'id', value, cond)) return false;
			} else if (isPlainObject(cond)) {
				const target = store.byId(field.target, value);
				if (!target) return false;
				if (!matchFilter(store, ENTITIES[field.target], target, cond)) return false;
			} else if (!applyOperators(entity, key, 'id', value, { _eq: cond })) return false;
			continue;
		}
		const ops = isPlainObject(cond) ? cond : { _eq: cond };
		if (!applyOperators(entity, key, field.kind, value, ops)) return false;
	}
	return true;
}

/** Reject unknown properties/operators up front, whatever the data (matching short-circuits). */
function validateFilter(entity, filter) {
	if (!isPlainObject(filter)) throw new SdmoError(`Invalid filter: expected an object on ${entity.name}`);
	for (const [key, cond] of Object.entries(filter)) {
		if (key === '_and' || key === '_or') {
			if (!Array.isArray(cond)) throw new SdmoError(`Invalid filter: ${key} expects an array`);
			cond.forEach((sub) => validateFilter(entity, sub));
			continue;
		}
		if (key === '_not') {
			validateFilter(entity, cond);
			continue;
		}
		const field = entity.fields[key];
		if (!field) throw new SdmoError(`Invalid filter: unknown property '${key}' on ${entity.name}`);
		if (!isPlainObject(cond)) continue;
		const opKeys = Object.keys(cond);
		if (field.kind === 'reference' && !opKeys.every((k) => OPERATORS.has(k))) {
			validateFilter(ENTITIES[field.target], cond);
			continue;
		}
		for (const op of opKeys) {
			if (!OPERATORS.has(op)) throw new SdmoError(`Invalid filter: unknown operator '${op}' on ${entity.name}.${key}`);
			if ((op === '_in' || op === '_nin') && !Array.isArray(cond[op])) throw new SdmoError(`Invalid filter: ${op} expects an array on ${entity.name}.${key}`);
			if (op === '_regex') {
				if (typeof cond[op] !== 'string') throw new SdmoError(`Invalid filter: _regex expects a string on ${entity.name}.${key}`);
				try {
					new RegExp(cond[op], typeof cond._options === 'string' ? cond._options : '');
				} catch (e) {
					throw new SdmoError(`Invalid filter: bad regular expression on ${entity.name}.${key}: ${e.message}`);
				}
			}
		}
	}
}

function parseFilter(text) {
	if (text === null || text === undefined || text.trim() === '') return {};
	const filter = parseJsonish(text, 'filter', (message) => new SdmoError(message));
	if (!isPlainObject(filter)) throw new SdmoError('Invalid filter: expected an object');
	return filter;
}

function filterRows(store, entityName, filterText) {
	const entity = ENTITIES[entityName];
	const filter = parseFilter(filterText);
	validateFilter(entity, filter);
	return store.rows(entityName).filter((r) => matchFilter(store, entity, r, filter));
}

/** orderBy "{name: 1, country: {id: -1}}" → [{ path: ['name'], dir: 1, kind }] with an _id tiebreak. */
function parseOrderBy(entityName, text) {
	const keys = [];
	if (text !== null && text !== undefined && text.trim() !== '') {
		const spec = parseJsonish(text, 'orderBy', (message) => new SdmoError(message));
		if (!isPlainObject(spec)) throw new SdmoError('Invalid orderBy: expected an object');
		const walk = (entity, obj, prefix) => {
			for (const [key, dir] of Object.entries(obj)) {
				const field = entity.fields[key];
				if (!field) throw new SdmoError(`Invalid orderBy: unknown property '${key}' on ${entity.name}`);
				if (isPlainObject(dir)) {
					if (field.kind !== 'reference') throw new SdmoError(`Invalid orderBy: '${key}' is not a reference`);
					walk(ENTITIES[field.target], dir, [...prefix, key]);
				} else if (dir === 1 || dir === -1) {
					keys.push({ path: [...prefix, key], dir, kind: field.kind === 'reference' ? 'id' : field.kind });
				} else throw new SdmoError(`Invalid orderBy: direction of '${key}' must be 1 or -1`);
			}
		};
		walk(ENTITIES[entityName], spec, []);
	}
	if (!keys.some((k) => k.path.length === 1 && k.path[0] === '_id')) keys.push({ path: ['_id'], dir: 1, kind: 'id' });
	return keys;
}

function sortValues(store, entityName, record, keys) {
	return keys.map((k) => {
		let entity = ENTITIES[entityName];
		let current = record;
		for (let p = 0; p < k.path.length - 1; p++) {
			const field = entity.fields[k.path[p]];
			current = current ? store.byId(field.target, current[k.path[p]]) : undefined;
			entity = ENTITIES[field.target];
		}
		const v = current ? current[k.path[k.path.length - 1]] : null;
		return v === undefined ? null : v;
	});
}

function compareTuples(keys, a, b) {
	for (let i = 0; i < keys.length; i++) {
		const c = compareValues(keys[i].kind, a[i], b[i]);
		if (c !== 0) return c * keys[i].dir;
	}
	return 0;
}

const encodeCursor = (values) => Buffer.from(JSON.stringify(values), 'utf8').toString('base64');
function decodeCursor(cursor, keys) {
	try {
		const values = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
		if (Array.isArray(values) && values.length === keys.length) return values;
	} catch {
		// fall through
	}
	throw new SdmoError(`Invalid cursor: '${cursor}'`);
}

function runQuery(store, entityName, args) {
	const first = args.first ?? DEFAULT_PAGE;
	if (first > MAX_PAGE) throw new SdmoError(`first: the page size must not exceed ${MAX_PAGE} (got ${first})`);
	if (first < 0) throw new SdmoError(`first: the page size must not be negative (got ${first})`);
	const keys = parseOrderBy(entityName, args.orderBy);
	const matching = filterRows(store, entityName, args.filter).map((r) => ({ r, v: sortValues(store, entityName, r, keys) }));
	matching.sort((a, b) => compareTuples(keys, a.v, b.v));
	let start = 0;
	if (args.after !== null && args.after !== undefined) {
		const after = decodeCursor(args.after, keys);
		start = matching.findIndex((m) => compareTuples(keys, m.v, after) > 0);
		if (start < 0) start = matching.length;
	}
	const page = matching.slice(start, start + first);
	const edges = page.map((m) => ({ node: m.r, cursor: encodeCursor(m.v) }));
	return {
		totalCount: matching.length,
		edges,
		pageInfo: {
			startCursor: edges.length ? edges[0].cursor : null,
			endCursor: edges.length ? edges[edges.length - 1].cursor : null,
			hasNextPage: start + page.length < matching.length,
			hasPreviousPage: start > 0,
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------

/** Validate + convert GraphQL input into store values. Returns { values, diagnoses }. */
function validateInput(store, entityName, data, { op, existing }) {
	const entity = ENTITIES[entityName];
	const values = {};
	const diagnoses = [];
	const diag = (path, message) => diagnoses.push({ severity: 3, path, message });
	for (const [key, raw] of Object.entries(data)) {
		if (key === '_id') continue;
		const field = entity.fields[key];
		if (!field || field.system) {
			diag([key], 'unknown or read-only property');
			continue;
		}
		if (raw === null || raw === undefined) {
			if (field.required) diag([key], 'value is required');
			else values[key] = null;
			continue;
		}
		switch (field.kind) {
			case 'string':
				if (field.maxLength && raw.length > field.maxLength) diag([key], `value exceeds the maximum length of ${field.maxLength}`);
				else if (field.required && raw.trim() === '') diag([key], 'value is required');
				else values[key] = raw;
				break;
			case 'decimal':
			case 'integer':
				if (field.min !== undefined && raw < field.min) diag([key], field.min === 0 ? 'value must not be negative' : `value must be at least ${field.min}`);
				else values[key] = raw;
				break;
			case 'enum':
				if (!field.values.includes(raw)) diag([key], `invalid value '${raw}', expected one of: ${field.values.join(', ')}`);
				else values[key] = raw;
				break;
			case 'reference': {
				let target;
				try {
					target = store.find(field.target, raw);
				} catch {
					target = undefined;
				}
				if (!target) diag([key], `the referenced ${field.target} '${raw}' does not exist`);
				else values[key] = target._id;
				break;
			}
			default:
				values[key] = raw;
		}
	}
	if (op === 'create') {
		for (const [key, field] of Object.entries(entity.fields)) {
			if (field.required && !(key in data)) diag([key], 'value is required');
		}
	}
	const nk = entity.naturalKey;
	if (nk && values[nk] !== undefined && values[nk] !== null) {
		const clash = store.rows(entityName).find((r) => r[nk] === values[nk] && r !== existing);
		if (clash) diag([nk], `the value '${values[nk]}' is already used by another ${entityName} record`);
	}
	return { values, diagnoses };
}

function referencesTo(store, entityName, id) {
	for (const [otherName, other] of Object.entries(ENTITIES)) {
		for (const [fieldName, field] of Object.entries(other.fields)) {
			if (field.kind !== 'reference' || field.target !== entityName) continue;
			const hit = store.rows(otherName).find((r) => r[fieldName] === id);
			if (hit) return { entity: otherName, record: hit };
		}
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// GraphQL schema construction
// ---------------------------------------------------------------------------------------------

const cap = (text) => text.charAt(0).toUpperCase() + text.slice(1);

/** options.datetimeScalar: datetimes typed as a scalar of their own, serialized as the stored string. */
const DATETIME = new GraphQLScalarType({ name: 'Datetime', description: 'A date and time, ISO 8601', serialize: (value) => String(value) });

function scalarType(field) {
	switch (field.kind) {
		case 'boolean':
			return GraphQLBoolean;
		case 'decimal':
			return GraphQLFloat;
		case 'integer':
			return GraphQLInt;
		default:
			return GraphQLString;
	}
}

function buildSchema(appName, env) {
	const { store } = env;
	const nodeTypes = {};
	const pageInfoType = new GraphQLObjectType({
		name: 'PageInfo',
		fields: {
			startCursor: { type: GraphQLString },
			endCursor: { type: GraphQLString },
			hasNextPage: { type: new GraphQLNonNull(GraphQLBoolean) },
			hasPreviousPage: { type: new GraphQLNonNull(GraphQLBoolean) },
		},
	});
	const trackType = new GraphQLObjectType({
		name: 'AsyncOperationStatus',
		fields: {
			status: { type: new GraphQLNonNull(GraphQLString), description: 'pending | running | success | error' },
			result: { type: GraphQLString, description: 'JSON text, set when status is success' },
			errorMessage: { type: GraphQLString },
		},
	});
	const trackingIdType = new GraphQLObjectType({ name: 'AsyncOperationStart', fields: { trackingId: { type: new GraphQLNonNull(GraphQLString) } } });

	const wrap = (fn) => (...args) => {
		try {
			return fn(...args);
		} catch (e) {
			if (e instanceof SdmoError) throw new GraphQLError(e.message, { extensions: { diagnoses: [{ severity: 3, path: [], message: e.message }] } });
			throw e;
		}
	};

	/**
	 * A sales order's lines, the vital collection Sage's SDMO guide shows as `lines { query { edges
	 * { node } } }`: paged like a query (first, after). Derived from the order, so the stored data
	 * (and every answer that does not select lines) stays as it was.
	 */
	const lineType = new GraphQLObjectType({
		name: 'SalesOrderLine',
		fields: () => ({
			_id: { type: new GraphQLNonNull(GraphQLString) },
			_sortValue: { type: GraphQLInt },
			item: { type: nodeType('item'), resolve: (line) => store.byId('item', line.item) ?? null },
			quantity: { type: GraphQLFloat },
			grossPrice: { type: GraphQLFloat },
		}),
	});
	const lineConnection = new GraphQLObjectType({
		name: 'SalesOrderLineConnection',
		fields: {
			totalCount: { type: new GraphQLNonNull(GraphQLInt) },
			edges: {
				type: new GraphQLNonNull(
					new GraphQLList(new GraphQLNonNull(new GraphQLObjectType({ name: 'SalesOrderLineEdge', fields: { node: { type: new GraphQLNonNull(lineType) }, cursor: { type: new GraphQLNonNull(GraphQLString) } } }))),
				),
			},
			pageInfo: { type: new GraphQLNonNull(pageInfoType) },
		},
	});
	const linesOf = (order) => {
		const n = Number(order._id);
		const items = store.rows('item');
		return Array.from({ length: (n % 3) + 1 }, (_, l) => ({
			_id: String(n * 10 + l + 1),
			_sortValue: (l + 1) * 10,
			item: items.length ? items[(n * 7 + l) % items.length]._id : null,
			quantity: ((n + l) % 9) + 1,
			grossPrice: ((n * 37 + l * 11) % 500) + 0.5,
		}));
	};
	const pageOfLines = (lines, args) => {
		const first = args.first ?? DEFAULT_PAGE;
		if (first > MAX_PAGE || first < 0) throw new SdmoError(`first: the page size must be from 0 to ${MAX_PAGE} (got ${first})`);
		const start = args.after === null || args.after === undefined ? 0 : decodeCursor(args.after, [0])[0] + 1;
		const edges = lines.slice(start, start + first).map((node, offset) => ({ node, cursor: encodeCursor([start + offset]) }));
		return {
			totalCount: lines.length,
			edges,
			pageInfo: {
				startCursor: edges.length ? edges[0].cursor : null,
				endCursor: edges.length ? edges[edges.length - 1].cursor : null,
				hasNextPage: start + edges.length < lines.length,
				hasPreviousPage: start > 0,
			},
		};
	};
	const lineCollection = new GraphQLObjectType({
		name: 'SalesOrderLineCollection',
		fields: {
			query: { type: new GraphQLNonNull(lineConnection), args: { first: { type: GraphQLInt }, after: { type: GraphQLString } }, resolve: wrap((lines, args) => pageOfLines(lines, args)) },
		},
	});

	function nodeType(entityName) {
		if (nodeTypes[entityName]) return nodeTypes[entityName];
		const entity = ENTITIES[entityName];
		nodeTypes[entityName] = new GraphQLObjectType({
			name: entity.typeName,
			fields: () => {
				const out = {};
				for (const [key, field] of Object.entries(entity.fields)) {
					if (field.kind === 'reference') out[key] = { type: nodeType(field.target), resolve: (r) => store.byId(field.target, r[key]) ?? null };
					else if (key === '_id') out[key] = { type: new GraphQLNonNull(GraphQLString) };
					else if (field.kind === 'datetime' && env.datetimeScalar) out[key] = { type: DATETIME };
					else out[key] = { type: scalarType(field) };
				}
				if (entityName === 'salesOrder') out.lines = { type: new GraphQLNonNull(lineCollection), resolve: (order) => linesOf(order) };
				return out;
			},
		});
		return nodeTypes[entityName];
	}

	function inputType(entityName, variant) {
		const entity = ENTITIES[entityName];
		const fields = {};
		if (variant === 'Update') fields._id = { type: new GraphQLNonNull(GraphQLString) };
		for (const [key, field] of Object.entries(entity.fields)) {
			if (field.system) continue;
			if (variant === 'BulkUpdate' && key === entity.naturalKey) continue;
			fields[key] = { type: field.kind === 'reference' ? GraphQLString : scalarType(field), description: field.kind === 'reference' ? `_id or #${ENTITIES[field.target].naturalKey ?? '_id'} of a ${field.target}` : undefined };
		}
		return new GraphQLInputObjectType({ name: `${entity.typeName}${variant}Input`, fields });
	}

	const trackField = {
		type: trackType,
		args: { trackingId: { type: new GraphQLNonNull(GraphQLString) } },
		resolve: wrap((_p, { trackingId }) => env.trackJob(trackingId)),
	};

	function entityQueryType(entityName) {
		const entity = ENTITIES[entityName];
		const connection = new GraphQLObjectType({
			name: `${entity.typeName}Connection`,
			fields: {
				totalCount: { type: new GraphQLNonNull(GraphQLInt) },
				edges: {
					type: new GraphQLNonNull(
						new GraphQLList(
							new GraphQLNonNull(
								new GraphQLObjectType({
									name: `${entity.typeName}Edge`,
									fields: { node: { type: new GraphQLNonNull(nodeType(entityName)) }, cursor: { type: new GraphQLNonNull(GraphQLString) } },
								}),
							),
						),
					),
				},
				pageInfo: { type: new GraphQLNonNull(pageInfoType) },
			},
		});
		const fields = {
			query: {
				type: connection,
				args: { filter: { type: GraphQLString }, first: { type: GraphQLInt }, after: { type: GraphQLString }, orderBy: { type: GraphQLString } },
				resolve: wrap((_p, args) => {
					env.beforeQuery(entityName, args);
					// options.pageCap: a server that sends at most this many records a page, saying there is more.
					const first = env.pageCap && (args.first ?? DEFAULT_PAGE) > env.pageCap ? env.pageCap : args.first;
					return runQuery(store, entityName, { ...args, first });
				}),
			},
			read: {
				type: nodeType(entityName),
				args: { _id: { type: new GraphQLNonNull(GraphQLString) } },
				resolve: wrap((_p, args) => store.find(entityName, args._id) ?? null),
			},
		};
		if (entity.mutable) {
			fields.asyncExport = {
				type: new GraphQLObjectType({ name: `${entity.typeName}AsyncExportQuery`, fields: { track: trackField } }),
				resolve: () => ({}),
			};
		}
		return new GraphQLObjectType({ name: `${entity.typeName}Query`, fields });
	}

	function entityMutationType(entityName) {
		const entity = ENTITIES[entityName];
		const createInput = inputType(entityName, '');
		const updateInput = inputType(entityName, 'Update');
		const bulkInput = inputType(entityName, 'BulkUpdate');
		const summary = nodeType(entityName);
		return new GraphQLObjectType({
			name: `${entity.typeName}Mutation`,
			fields: {
				create: {
					type: summary,
					args: { data: { type: new GraphQLNonNull(createInput) } },
					resolve: wrap((_p, { data }, ctx) => env.create(entityName, { ...data }, ctx)),
				},
				update: {
					type: summary,
					args: { data: { type: new GraphQLNonNull(updateInput) } },
					resolve: wrap((_p, { data }, ctx) => env.update(entityName, { ...data }, ctx)),
				},
				delete: {
					type: GraphQLInt,
					args: { _id: { type: new GraphQLNonNull(GraphQLString) } },
					resolve: wrap((_p, args, ctx) => env.remove(entityName, args._id, ctx)),
				},
				bulkUpdate: {
					type: GraphQLInt,
					args: { data: { type: new GraphQLNonNull(bulkInput) }, filter: { type: GraphQLString } },
					resolve: wrap((_p, args, ctx) => env.bulkUpdate(entityName, { ...args.data }, args.filter, ctx)),
				},
				asyncExport: {
					type: new GraphQLObjectType({
						name: `${entity.typeName}AsyncExportMutation`,
						fields: {
							start: {
								type: trackingIdType,
								args: { filter: { type: GraphQLString }, orderBy: { type: GraphQLString } },
								resolve: wrap((_p, args, ctx) => env.startExport(entityName, args, ctx)),
							},
							track: trackField,
						},
					}),
					resolve: () => ({}),
				},
			},
		});
	}

	const queryFields = {};
	const mutationFields = {};
	for (const [pkg, entityNames] of Object.entries(APPS[appName])) {
		const pkgName = cap(pkg);
		const qFields = {};
		const mFields = {};
		for (const entityName of entityNames) {
			qFields[entityName] = { type: entityQueryType(entityName), resolve: () => ({}) };
			if (ENTITIES[entityName].mutable) mFields[entityName] = { type: entityMutationType(entityName), resolve: () => ({}) };
		}
		queryFields[pkg] = { type: new GraphQLObjectType({ name: `${pkgName}_Query`, fields: qFields }), resolve: () => ({}) };
		if (Object.keys(mFields).length) mutationFields[pkg] = { type: new GraphQLObjectType({ name: `${pkgName}_Mutation`, fields: mFields }), resolve: () => ({}) };
	}
	return new GraphQLSchema({
		query: new GraphQLObjectType({ name: 'Query', fields: queryFields }),
		mutation: Object.keys(mutationFields).length ? new GraphQLObjectType({ name: 'Mutation', fields: mutationFields }) : undefined,
	});
}

// ---------------------------------------------------------------------------------------------
// Registration
// ---------------------------------------------------------------------------------------------

function registerSdmo(server, options = {}) {
	const expiresIn = options.expiresIn ?? 300;
	const asyncTrackCalls = options.asyncTrackCalls ?? 3;
	const clients = new Map([[options.clientId ?? DEMO.clientId, options.clientSecret ?? DEMO.clientSecret]]);
	const knownTenants = new Set([DEMO.tenantId, DEMO.notAcceptedTenantId, ...(options.tenants ?? [])]);
	const acceptedTenants = new Set([DEMO.tenantId, ...(options.tenants ?? [])]);

	let clockOffset = 0;
	const clock = {
		now: () => Date.now() + clockOffset,
		advance(ms) {
			clockOffset += ms;
			return clock.now();
		},
		reset() {
			clockOffset = 0;
		},
	};

	const store = createStore(options);
	const tokens = new Map(); // token → { tenant, clientId, issuedAt, expiresAt, invalidatedAt }
	let tokenSeq = 0;
	let tokenRequests = [];
	let invalidations = [];
	let mutationLog = [];
	let jobs = new Map();
	let jobSeq = 0;
	let failNextExport;

	const logMutation = (entry) => {
		mutationLog.push({ seq: mutationLog.length + 1, at: clock.now(), ...entry });
	};
	const touch = (record) => {
		record._updateStamp = stampIn(options, clock.now());
	};
	/** Called with (entityName, args) before a query is answered: a test changes records mid-poll. */
	let beforeQuery;

	const env = {
		store,
		datetimeScalar: options.datetimeScalar === true,
		pageCap: options.pageCap,
		beforeQuery: (entityName, args) => beforeQuery?.(entityName, args),
		create(entityName, data, ctx) {
			const { values, diagnoses } = validateInput(store, entityName, data, { op: 'create' });
			if (diagnoses.length) throw businessError('The record was not created.', diagnoses);
			const entity = ENTITIES[entityName];
			const record = {};
			for (const [key, field] of Object.entries(entity.fields)) {
				if (field.system) continue;
				record[key] = key in values ? values[key] : field.default ?? null;
			}
			record._createStamp = stampIn(options, clock.now());
			record._updateStamp = record._createStamp;
			store.insert(entityName, record);
			logMutation({ app: ctx.app, entity: entityName, op: 'create', _id: record._id, data });
			return record;
		},
		update(entityName, data, ctx) {
			let existing;
			try {
				existing = store.find(entityName, data._id);
			} catch {
				existing = undefined;
			}
			if (!existing) throw businessError('The record was not updated.', [{ severity: 3, path: ['_id'], message: `${entityName}: record not found: ${data._id}` }]);
			if (ENTITIES[entityName].fields.isActive && existing.isActive === false && data.isActive !== true) {
				throw businessError('The record was not updated.', [{ severity: 3, path: [], message: 'The record is inactive and cannot be modified.' }]);
			}
			const { values, diagnoses } = validateInput(store, entityName, data, { op: 'update', existing });
			if (diagnoses.length) throw businessError('The record was not updated.', diagnoses);
			Object.assign(existing, values);
			touch(existing);
			logMutation({ app: ctx.app, entity: entityName, op: 'update', _id: existing._id, data });
			return existing;
		},
		remove(entityName, key, ctx) {
			let existing;
			try {
				existing = store.find(entityName, key);
			} catch {
				existing = undefined;
			}
			if (!existing) throw businessError('The record was not deleted.', [{ severity: 3, path: ['_id'], message: `${entityName}: record not found: ${key}` }]);
			const usedBy = referencesTo(store, entityName, existing._id);
			if (usedBy) {
				const nk = ENTITIES[usedBy.entity].naturalKey;
				throw businessError('The record was not deleted.', [
					{ severity: 3, path: [], message: `The record is referenced by ${usedBy.entity} ${nk ? usedBy.record[nk] : usedBy.record._id} and cannot be deleted.` },
				]);
			}
			store.remove(entityName, existing);
			logMutation({ app: ctx.app, entity: entityName, op: 'delete', _id: existing._id });
			return 1;
		},
		bulkUpdate(entityName, data, filter, ctx) {
			const { values, diagnoses } = validateInput(store, entityName, data, { op: 'bulkUpdate' });
			if (diagnoses.length) throw businessError('The records were not updated.', diagnoses);
			const targets = filterRows(store, entityName, filter);
			const hasActive = !!ENTITIES[entityName].fields.isActive;
			const updated = [];
			const skipped = [];
			for (const record of targets) {
				if (hasActive && record.isActive === false) {
					skipped.push(record._id);
					continue;
				}
				Object.assign(record, values);
				touch(record);
				updated.push(record._id);
			}
			if (skipped.length) {
				ctx.warnings.push({
					severity: 2,
					path: [],
					message: `${skipped.length} ${entityName} record(s) were skipped: inactive records cannot be modified.`,
				});
			}
			logMutation({ app: ctx.app, entity: entityName, op: 'bulkUpdate', ids: updated, skipped, data, filter: filter ?? null });
			return updated.length;
		},
		startExport(entityName, args, ctx) {
			const rows = runQuery(store, entityName, { filter: args.filter, orderBy: args.orderBy, first: 0 }); // validates filter/orderBy
			const keys = parseOrderBy(entityName, args.orderBy);
			const records = filterRows(store, entityName, args.filter)
				.map((r) => ({ r, v: sortValues(store, entityName, r, keys) }))
				.sort((a, b) => compareTuples(keys, a.v, b.v))
				.map((m) => ({ ...m.r }));
			jobSeq++;
			const trackingId = Buffer.from(`sdmo-export-${jobSeq}`).toString('base64url');
			const job = { trackingId, app: ctx.app, entity: entityName, filter: args.filter ?? null, trackCalls: 0, status: 'pending', rowCount: rows.totalCount, records, fail: failNextExport };
			failNextExport = undefined;
			jobs.set(trackingId, job);
			return { trackingId };
		},
		trackJob(trackingId) {
			const job = jobs.get(trackingId);
			if (!job) throw new SdmoError(`Unknown trackingId '${trackingId}'`);
			job.trackCalls++;
			if (job.trackCalls >= asyncTrackCalls) job.status = job.fail ? 'error' : 'success';
			else job.status = job.trackCalls === 1 ? 'pending' : 'running';
			return {
				status: job.status,
				result: job.status === 'success' ? JSON.stringify({ rowCount: job.rowCount, rows: job.records }) : null,
				errorMessage: job.status === 'error' ? job.fail : null,
			};
		},
	};

	const schemas = {};
	for (const app of Object.keys(APPS)) schemas[app] = buildSchema(app, env);

	const forbidden = (ctx) => ctx.json(403, { message: 'Forbidden' });
	const unauthorized = (ctx) => ctx.json(401, { message: 'Unauthorized' });

	function issueToken(ctx, clientId, tenant) {
		tokenSeq++;
		const now = clock.now();
		const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
		const payload = Buffer.from(JSON.stringify({ sub: clientId, tid: tenant, iat: Math.floor(now / 1000), jti: `sdmo-${tokenSeq}` })).toString('base64url');
		const signature = Buffer.from(`sandbox-signature-${tokenSeq}-${now}`).toString('base64url');
		const token = `${header}.${payload}.${signature}`;
		tokens.set(token, { token, tenant, clientId, issuedAt: now, expiresAt: now + expiresIn * 1000, invalidatedAt: undefined });
		return token;
	}

	function tokenState(token) {
		const rec = token ? tokens.get(token) : undefined;
		if (!rec) return 'unknown';
		if (rec.invalidatedAt !== undefined) return 'invalidated';
		if (clock.now() >= rec.expiresAt) return 'expired';
		return 'valid';
	}

	server.route('POST', '/sdmo/v1/token', 'sdmo.token', async (ctx) => {
		const form = ctx.formBody();
		const entry = { at: clock.now(), contentType: ctx.contentType(), clientId: form?.client_id, scope: form?.scope, status: 0 };
		tokenRequests.push(entry);
		const reply = (status, body) => {
			entry.status = status;
			ctx.json(status, body, status === 200 ? { 'cache-control': 'no-store' } : {});
		};
		if (!form) return reply(400, { message: 'Unsupported content type: the token request body must be application/x-www-form-urlencoded' });
		if (form.grant_type !== 'client_credentials') return reply(400, { message: 'grant_type must be client_credentials' });
		const m = /^tenantid:(.+)$/.exec(form.scope || '');
		if (!m) return reply(400, { message: 'scope must be tenantid:<TENANT ID>' });
		const tenant = m[1];
		if (!form.client_id || !clients.has(form.client_id) || clients.get(form.client_id) !== form.client_secret) return reply(403, { message: 'Forbidden' });
		if (!knownTenants.has(tenant) || !acceptedTenants.has(tenant)) return reply(403, { message: 'Forbidden' });
		const token = issueToken(ctx, form.client_id, tenant);
		entry.token = token;
		const appUrl = (app) => {
			const base = options.foreignAppUrl && app === 'sdmo' ? `http://127.0.0.2:${ctx.server.port}` : ctx.origin;
			return `${base}/sdmo/v1/fwd/cluster-release/${app}/api`;
		};
		return reply(200, {
			access_token: token,
			token_type: 'Bearer',
			urls: {
				asyncContextUpload: `${ctx.origin}/sdmo/v1/asyncContext/{AsyncContextId}/upload`,
				asyncContextError: `${ctx.origin}/sdmo/v1/asyncContext/{AsyncContextId}/error`,
				websocket: `ws://127.0.0.1:${ctx.server.port}/sdmo/websocket`,
				invalidateToken: `${ctx.origin}/sdmo/v1/token`,
				apps: {
					sdmo: { graphQL: appUrl('sdmo') },
					shopfloor: { graphQL: appUrl('shopfloor') },
				},
			},
			expires_in: expiresIn,
			scope: `tenantid:${tenant}`,
		});
	});

	server.route('DELETE', '/sdmo/v1/token', 'sdmo.invalidate', async (ctx) => {
		const header = ctx.headers['x-tokens'];
		const m = typeof header === 'string' ? /^\s*accessToken=(\S+)\s*$/.exec(header) : null;
		if (!m) {
			invalidations.push({ at: clock.now(), token: undefined, status: 400 });
			return ctx.json(400, { message: 'Missing or malformed x-tokens header: expected accessToken=<access token>' });
		}
		const rec = tokens.get(m[1]);
		if (!rec) {
			invalidations.push({ at: clock.now(), token: m[1], status: 401 });
			return unauthorized(ctx);
		}
		if (rec.invalidatedAt === undefined) rec.invalidatedAt = clock.now();
		invalidations.push({ at: clock.now(), token: m[1], status: 204 });
		return ctx.send(204, '');
	});

	server.route('POST', '/sdmo/v1/fwd/cluster-release/:app/api', 'sdmo.graphql', async (ctx) => {
		const app = ctx.params.app;
		const schema = schemas[app];
		if (!schema) return ctx.json(404, { message: 'Not Found' });
		const token = ctx.bearer();
		if (tokenState(token) !== 'valid') return unauthorized(ctx);
		const rec = tokens.get(token);
		if (!acceptedTenants.has(rec.tenant)) return forbidden(ctx);
		const body = ctx.jsonBody();
		if (!isPlainObject(body)) return ctx.json(400, { errors: [{ message: 'The request body must be JSON (content-type: application/json) with a "query" string.' }] });
		if (typeof body.query !== 'string' || body.query.trim() === '') return ctx.json(400, { errors: [{ message: 'Must provide query string.' }] });
		if (body.variables !== undefined && body.variables !== null && !isPlainObject(body.variables)) {
			return ctx.json(400, { errors: [{ message: 'Variables must be provided as an Object where each property is a variable value.' }] });
		}
		const { document, syntaxError, validationErrors } = checkedDocument(schema, body.query);
		if (syntaxError) return ctx.json(400, { errors: [syntaxError.toJSON()] });
		if (validationErrors) return ctx.json(400, { errors: validationErrors.map((e) => e.toJSON()) });
		const contextValue = { app, tenant: rec.tenant, warnings: [] };
		const result = await execute({ schema, document, variableValues: body.variables ?? undefined, operationName: body.operationName ?? undefined, contextValue });
		if (!('data' in result) || result.data === undefined) return ctx.json(400, { errors: (result.errors ?? []).map((e) => e.toJSON()) });
		const out = { data: result.data };
		if (result.errors && result.errors.length) out.errors = result.errors.map((e) => e.toJSON());
		if (contextValue.warnings.length) out.extensions = { diagnoses: contextValue.warnings };
		return ctx.json(200, out);
	});

	const controller = {
		/** The client this sandbox accepts (the demo one unless options override it). */
		demo: { ...DEMO, clientId: options.clientId ?? DEMO.clientId, clientSecret: options.clientSecret ?? DEMO.clientSecret },
		clock,
		/** Every token request: { at, contentType, clientId, scope, status, token? }. */
		tokenRequests: () => tokenRequests.slice(),
		/** Every DELETE /token: { at, token, status }. */
		invalidations: () => invalidations.slice(),
		/** All issued tokens with their state. */
		tokens: () => [...tokens.values()].map((t) => ({ ...t, state: tokenState(t.token) })),
		tokenState,
		expireAccessTokens() {
			const now = clock.now();
			for (const t of tokens.values()) t.expiresAt = Math.min(t.expiresAt, now);
		},
		setTenantAccepted(tenant, accepted) {
			knownTenants.add(tenant);
			if (accepted) acceptedTenants.add(tenant);
			else acceptedTenants.delete(tenant);
		},
		get mutationLog() {
			return mutationLog;
		},
		customers: () => store.rows('customer'),
		records: (entityName) => store.rows(entityName),
		find: (entityName, key) => store.find(entityName, key),
		asyncJobs: () => [...jobs.values()].map(({ records, ...rest }) => rest),
		failNextAsyncExport(message = 'The export failed: simulated error') {
			failNextExport = message;
		},
		schema: (app) => schemas[app],
		/** A stamp in the server's format for a time (ms since 1970). */
		stampAt: (ms) => stampIn(options, ms),
		/**
		 * Another user changes a record: `values` are stored as given, _updateStamp is the server
		 * clock's now (or `stamp`, as written).
		 */
		change(entityName, key, values = {}, { stamp: at } = {}) {
			const record = store.find(entityName, key);
			if (!record) throw new Error(`no ${entityName} ${key}`);
			Object.assign(record, values);
			if (at !== undefined) record._updateStamp = at;
			else touch(record);
			return record;
		},
		/** Another user creates a record (no validation): both stamps are now, or `stamp`. */
		add(entityName, values, { stamp: at } = {}) {
			const record = { ...values, _createStamp: at ?? stampIn(options, clock.now()) };
			record._updateStamp = record._createStamp;
			return store.insert(entityName, record);
		},
		/** fn(entityName, args) runs before each entity query is answered; undefined removes it. */
		setBeforeQuery(fn) {
			beforeQuery = fn;
		},
		/** options.pageCap from now on (undefined: none) until reset(). */
		setPageCap(n) {
			env.pageCap = n;
		},
		reset() {
			store.reset();
			tokens.clear();
			tokenRequests = [];
			invalidations = [];
			mutationLog = [];
			jobs = new Map();
			failNextExport = undefined;
			beforeQuery = undefined;
			env.pageCap = options.pageCap;
			clock.reset();
		},
	};
	return controller;
}

module.exports = { registerSdmo, SDMO_DEMO: DEMO };
