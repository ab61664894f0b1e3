'use strict';
/**
 * Sage 200 Professional / Standard Online, simulated strictly after seed 003, SAGE-API-NOTES §3 and
 * the OpenAPI files in test/fixtures/sage200-openapi (resource table: ./sage200-resources.js).
 *
 *   Sage ID (Auth0):  GET  /s200/id/authorize        ('s200.authorize')
 *                     POST /s200/id/oauth/token      ('s200.token')
 *   API (APIM):       /s200/api/uk/sage200extra/accounts/v1/...   (Professional)
 *                     /s200/api/uk/sage200/accounts/v1/...        (Standard Online)
 *                     GET v1/sites ('s200.sites'); per resource 's200.<resource>.<list|get|create|update|delete|new>'
 *                     anything else under the API root: 's200.unsupported' (404 APIM / 405 Web API)
 *
 * Choices where the public docs are silent (unverified, documented here on purpose):
 * - `$count=true` puts the total (after $filter, before $top/$skip) in the `X-Total-Count` response header
 *   and the body stays a plain JSON array.
 * - `*_new` endpoints are POST (as the OpenAPI files say), body `{}`; they return defaults and persist nothing.
 * - Unknown `$`-options (`$inlinecount`, `$format`, ...) are rejected with 400 rather than ignored.
 * - String comparisons in `$filter`/`$orderby` are case-insensitive (SQL Server's default collation).
 * - `date_time_updated`/`date_time_created` are UTC without a zone suffix (`2024-05-01T10:20:30.45`).
 *   `options.stamps` switches how they are written: `{ offsetMinutes }` the server's local time (still
 *   without a zone), `{ fractionDigits: 0|2|3|7 }`, `{ zone: true }` with `Z` or the offset appended.
 * - Navigation properties (objects/arrays such as `contacts`, `main_address`, `lines`) are only returned when
 *   named in `$expand`. Unknown body members on POST/PUT are ignored (Web API model binding); PUT is partial.
 * - Reusing a rotated refresh token gives 403 invalid_grant; with `options.refreshReuseRevokesFamily` the
 *   whole token family is revoked as well (Auth0 "reuse detection"). A bad audience/scope on authorize gives
 *   400 JSON (real Auth0 may redirect back with `error=access_denied` instead).
 * - Both editions share the same company data; the Standard edition hides x-sage-professional-only fields.
 * - `options.maxFilterNodes: n` refuses a `$filter` of more than n nodes (each name, literal and operator)
 *   with 400, as ASP.NET Web API OData does past its MaxNodeCount (100 by default there); no limit by default.
 * - Generated sales orders have lines (`$expand=lines`), derived from the order. Switches for what a
 *   gateway may add: `odataAnnotations` (`@odata.etag`, `<nav>@odata.count`) and `expandedPageSize`
 *   (an expanded collection cut to that many entries, with `<nav>@odata.nextLink`).
 * - List bodies are compact UTF-8 JSON (ASP.NET Web API's Json.NET); `options.listJson` (or
 *   `setListJson()`) writes them `indented`, `spaced`, `escaped` (non-ASCII as \uXXXX) or `latin1`.
 * - A page of more than `options.listSliceRows` rows (500) is built that many rows at a time, long
 *   pages one after the other; in between, the server reads requests and sends the bodies built.
 */
const crypto = require('node:crypto');
const { seededRandom } = require('./core');
const RESOURCES = require('./sage200-resources');

const AUDIENCE = 's200ukipd/sage200';
const EDITIONS = { sage200extra: 'professional', sage200: 'standard' };
const SITE_ID = '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01';
const COMPANIES = [
	{ company_id: 1, company_name: 'Stationery & Computer Mart UK' },
	{ company_id: 2, company_name: 'Demo Data Company' },
];
const DEMO = {
	clientId: 's200-demo-client',
	clientSecret: 's200-demo-secret',
	subscriptionKey: 's200-demo-subscription-key',
	user: 'demo@sage.example',
	siteId: SITE_ID,
	companies: [1, 2],
};
const ACCESS_TTL_S = 28800;
const CODE_TTL_MS = 10 * 60 * 1000;
const DEFAULT_TOP = 500;
const MAX_TOP = 5000;
const DATA_START = Date.UTC(2024, 0, 1);
const DATA_END = Date.UTC(2026, 9, 31, 23, 59, 59);
const ALLOWED_QUERY_OPTIONS = new Set(['$select', '$filter', '$orderby', '$expand', '$top', '$skip', '$count']);

const APIM = {
	missingKey: { statusCode: 401, message: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.' },
	invalidKey: { statusCode: 401, message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.' },
	invalidToken: { statusCode: 401, message: 'Unauthorized. Access token is missing or invalid.' },
	notFound: { statusCode: 404, message: 'Resource not found' },
	siteDown: { statusCode: 504, message: 'Gateway Timeout: the Sage 200 site did not respond (on-premise connection down).' },
};

class SageError extends Error {
	constructor(status, dataCode, message, source = '') {
		super(message);
		this.status = status;
		this.items = [{ $severity: 'error', $dataCode: dataCode, $message: message, $source: source }];
	}
	static many(status, items) {
		const e = new SageError(status, items[0].$dataCode, items[0].$message, items[0].$source);
		e.items = items;
		return e;
	}
}
const sageItem = (dataCode, message, source = '') => ({ $severity: 'error', $dataCode: dataCode, $message: message, $source: source });
const sendSage = (ctx, status, dataCode, message, source = '') => ctx.json(status, [sageItem(dataCode, message, source)]);

// ---------------------------------------------------------------------------------------------
// Formatting helpers
// ---------------------------------------------------------------------------------------------
const b64url = (buf) => Buffer.from(buf).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
/** .NET style UTC timestamp with two fractional digits: 2024-05-01T10:20:30.45 */
const fmtDateTime = (ms) => new Date(ms).toISOString().slice(0, 22);
const fmtDate = (ms) => `${new Date(ms).toISOString().slice(0, 10)}T00:00:00`;
// SQL Server compares stored datetimes; the sandbox keeps stamps as text, so each distinct text is
// parsed once (a change query compares all 12,000 customers' stamps, 18-30 ms a query unmemoized).
const parsedDateTimes = new Map();
/** Stored timestamps are UTC without zone; literals may carry Z or an offset. */
function parseDateTime(text) {
	if (typeof text !== 'string') return NaN;
	let ms = parsedDateTimes.get(text);
	if (ms === undefined) {
		if (parsedDateTimes.size >= 200000) parsedDateTimes.clear();
		ms = parseDateTimeText(text);
		parsedDateTimes.set(text, ms);
	}
	return ms;
}
function parseDateTimeText(text) {
	const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:\d{2})?$/i.exec(text.trim());
	if (!m) return NaN;
	const frac = m[4] ? `.${m[4].padEnd(3, '0').slice(0, 3)}` : '';
	const iso = `${m[1]}T${m[2] ?? '00:00'}:${m[3] ?? '00'}${frac}${m[5] ? m[5].toUpperCase() : 'Z'}`;
	return Date.parse(iso);
}
const round2 = (n) => Math.round(n * 100) / 100;

// ---------------------------------------------------------------------------------------------
// OData $filter: tokenizer, recursive-descent parser, static type check, evaluator (no eval)
// ---------------------------------------------------------------------------------------------
const KEYWORDS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not', 'true', 'false', 'null']);
const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const FUNCTIONS = {
	contains: { args: ['string', 'string'], returns: 'boolean' },
	startswith: { args: ['string', 'string'], returns: 'boolean' },
	endswith: { args: ['string', 'string'], returns: 'boolean' },
	substringof: { args: ['string', 'string'], returns: 'boolean' },
	tolower: { args: ['string'], returns: 'string' },
	toupper: { args: ['string'], returns: 'string' },
	trim: { args: ['string'], returns: 'string' },
	length: { args: ['string'], returns: 'number' },
	year: { args: ['datetime'], returns: 'number' },
	month: { args: ['datetime'], returns: 'number' },
	day: { args: ['datetime'], returns: 'number' },
};
const OP_NAMES = { eq: 'Equal', ne: 'NotEqual', gt: 'GreaterThan', ge: 'GreaterThanOrEqual', lt: 'LessThan', le: 'LessThanOrEqual' };
const EDM = { string: 'Edm.String', number: 'Edm.Decimal', boolean: 'Edm.Boolean', datetime: 'Edm.DateTimeOffset', null: 'null' };

class FilterError extends Error {}

function tokenize(text) {
	const tokens = [];
	let i = 0;
	const dateRe = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2})?)?/i;
	const numRe = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[mMdDlLfF]?/;
	while (i < text.length) {
		const ch = text[i];
		if (/\s/.test(ch)) {
			i++;
			continue;
		}
		const rest = text.slice(i);
		if (ch === '(' || ch === ')' || ch === ',') {
			tokens.push({ kind: ch, pos: i });
			i++;
			continue;
		}
		if (ch === "'") {
			let j = i + 1;
			let value = '';
			for (;;) {
				if (j >= text.length) throw new FilterError(`There is an unterminated string literal at position ${i} in '${text}'.`);
				if (text[j] === "'") {
					if (text[j + 1] === "'") {
						value += "'";
						j += 2;
						continue;
					}
					break;
				}
				value += text[j++];
			}
			tokens.push({ kind: 'literal', type: 'string', value, pos: i });
			i = j + 1;
			continue;
		}
		const typed = /^(datetime|datetimeoffset)'([^']*)'/i.exec(rest);
		if (typed) {
			const ms = parseDateTime(typed[2]);
			if (Number.isNaN(ms)) throw new FilterError(`Unrecognized '${EDM.datetime}' literal '${typed[0]}' at '${i}' in '${text}'.`);
			tokens.push({ kind: 'literal', type: 'datetime', value: ms, pos: i });
			i += typed[0].length;
			continue;
		}
		const date = dateRe.exec(rest);
		if (date) {
			const ms = parseDateTime(date[0]);
			if (Number.isNaN(ms)) throw new FilterError(`Unrecognized '${EDM.datetime}' literal '${date[0]}' at '${i}' in '${text}'.`);
			tokens.push({ kind: 'literal', type: 'datetime', value: ms, pos: i });
			i += date[0].length;
			continue;
		}
		const num = numRe.exec(rest);
		if (num) {
			tokens.push({ kind: 'literal', type: 'number', value: Number(num[0].replace(/[mMdDlLfF]$/, '')), pos: i });
			i += num[0].length;
			continue;
		}
		const ident = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
		if (ident) {
			const word = ident[0];
			const lower = word.toLowerCase();
			if (lower === 'true' || lower === 'false') tokens.push({ kind: 'literal', type: 'boolean', value: lower === 'true', pos: i });
			else if (lower === 'null') tokens.push({ kind: 'literal', type: 'null', value: null, pos: i });
			else if (KEYWORDS.has(word)) tokens.push({ kind: 'op', value: word, pos: i });
			else tokens.push({ kind: 'ident', value: word, pos: i });
			i += word.length;
			continue;
		}
		throw new FilterError(`Syntax error: character '${ch}' is not valid at position ${i} in '${text}'.`);
	}
	tokens.push({ kind: 'end', pos: text.length });
	return tokens;
}

/** Parse + type-check a $filter against a field-type map ({name: 'string'|'number'|'boolean'|'datetime'}). */
function compileFilter(text, fieldTypes, typeName) {
	const tokens = tokenize(text);
	let p = 0;
	const peek = () => tokens[p];
	const next = () => tokens[p++];
	const syntax = (tok) => new FilterError(`Syntax error at position ${tok.pos} in '${text}'.`);
	const expect = (kind) => {
		const tok = next();
		if (tok.kind !== kind) throw syntax(tok);
		return tok;
	};
	const isOp = (value) => peek().kind === 'op' && peek().value === value;

	function parseOr() {
		let left = parseAnd();
		while (isOp('or')) {
			next();
			left = { node: 'or', left, right: parseAnd(), type: 'boolean' };
		}
		return left;
	}
	function parseAnd() {
		let left = parseUnary();
		while (isOp('and')) {
			next();
			left = { node: 'and', left, right: parseUnary(), type: 'boolean' };
		}
		return left;
	}
	function parseUnary() {
		if (isOp('not')) {
			next();
			const operand = parseUnary();
			requireBoolean(operand, 'not');
			return { node: 'not', operand, type: 'boolean' };
		}
		return parseComparison();
	}
	function parseComparison() {
		const left = parsePrimary();
		if (peek().kind === 'op' && COMPARISONS.has(peek().value)) {
			const op = next().value;
			const right = parsePrimary();
			checkComparable(left, right, op);
			return { node: 'cmp', op, left, right, type: 'boolean' };
		}
		return left;
	}
	function parsePrimary() {
		const tok = next();
		if (tok.kind === '(') {
			const inner = parseOr();
			expect(')');
			return inner;
		}
		if (tok.kind === 'literal') return { node: 'lit', type: tok.type, value: tok.value };
		if (tok.kind === 'ident') {
			if (peek().kind === '(') {
				const fn = FUNCTIONS[tok.value.toLowerCase()];
				if (!fn) throw new FilterError(`An unknown function with name '${tok.value}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`);
				next();
				const args = [];
				if (peek().kind !== ')') {
					args.push(parseOr());
					while (peek().kind === ',') {
						next();
						args.push(parseOr());
					}
				}
				expect(')');
				const name = tok.value.toLowerCase();
				if (args.length !== fn.args.length) throw new FilterError(`No function signature for the function with name '${name}' matches the specified arguments.`);
				args.forEach((arg, index) => {
					if (arg.type !== fn.args[index] && arg.type !== 'null') {
						throw new FilterError(`No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${name}(${fn.args.map((t) => EDM[t]).join(', ')}).`);
					}
				});
				return { node: 'fn', name, args, type: fn.returns };
			}
			const type = fieldTypes[tok.value];
			if (!type) throw new FilterError(`Could not find a property named '${tok.value}' on type '${typeName}'.`);
			return { node: 'field', name: tok.value, type };
		}
		throw syntax(tok);
	}
	function requireBoolean(expr, what) {
		if (expr.type !== 'boolean') throw new FilterError(`The operand for the '${what}' operator must be of type '${EDM.boolean}', found '${EDM[expr.type]}'.`);
	}
	function checkComparable(left, right, op) {
		const a = left.type;
		const b = right.type;
		if (a === 'null' || b === 'null') return;
		if (a !== b || (a === 'boolean' && op !== 'eq' && op !== 'ne')) {
			throw new FilterError(`A binary operator with incompatible types was detected. Found operand types '${EDM[a]}' and '${EDM[b]}' for operator kind '${OP_NAMES[op]}'.`);
		}
	}

	const ast = parseOr();
	if (peek().kind !== 'end') throw syntax(peek());
	if (ast.type !== 'boolean') throw new FilterError(`The $filter expression must evaluate to a single boolean value.`);
	return (record) => evaluate(ast, record) === true;
}

function fieldValue(type, raw) {
	if (raw === null || raw === undefined) return null;
	if (type === 'datetime') {
		const ms = parseDateTime(raw);
		return Number.isNaN(ms) ? null : ms;
	}
	return raw;
}

function compareValues(a, b) {
	if (typeof a === 'string' && typeof b === 'string') {
		const x = a.toLowerCase();
		const y = b.toLowerCase();
		return x < y ? -1 : x > y ? 1 : 0;
	}
	return a < b ? -1 : a > b ? 1 : 0;
}

function evaluate(node, record) {
	switch (node.node) {
		case 'lit':
			return node.value;
		case 'field':
			return fieldValue(node.type, record[node.name]);
		case 'and': {
			const l = evaluate(node.left, record);
			return l === true && evaluate(node.right, record) === true;
		}
		case 'or':
			return evaluate(node.left, record) === true || evaluate(node.right, record) === true;
		case 'not': {
			const v = evaluate(node.operand, record);
			return v === null ? null : !v;
		}
		case 'cmp': {
			const l = evaluate(node.left, record);
			const r = evaluate(node.right, record);
			if (l === null || r === null) {
				if (node.op === 'eq') return l === r;
				if (node.op === 'ne') return l !== r;
				return false;
			}
			const c = compareValues(l, r);
			switch (node.op) {
				case 'eq':
					return c === 0;
				case 'ne':
					return c !== 0;
				case 'gt':
					return c > 0;
				case 'ge':
					return c >= 0;
				case 'lt':
					return c < 0;
				default:
					return c <= 0;
			}
		}
		case 'fn': {
			const args = node.args.map((a) => evaluate(a, record));
			if (args.some((a) => a === null)) return null;
			const lower = args.map((a) => (typeof a === 'string' ? a.toLowerCase() : a));
			switch (node.name) {
				case 'contains':
					return lower[0].includes(lower[1]);
				case 'substringof':
					return lower[1].includes(lower[0]);
				case 'startswith':
					return lower[0].startsWith(lower[1]);
				case 'endswith':
					return lower[0].endsWith(lower[1]);
				case 'tolower':
					return args[0].toLowerCase();
				case 'toupper':
					return args[0].toUpperCase();
				case 'trim':
					return args[0].trim();
				case 'length':
					return args[0].length;
				case 'year':
					return new Date(args[0]).getUTCFullYear();
				case 'month':
					return new Date(args[0]).getUTCMonth() + 1;
				default:
					return new Date(args[0]).getUTCDate();
			}
		}
		default:
			return null;
	}
}

// ---------------------------------------------------------------------------------------------
// Schema helpers
// ---------------------------------------------------------------------------------------------
function filterType(field) {
	if (field.type === 'string') return field.format === 'date-time' ? 'datetime' : 'string';
	if (field.type === 'integer' || field.type === 'number') return 'number';
	if (field.type === 'boolean') return 'boolean';
	return undefined;
}

/** Fields visible in an edition (the Standard edition hides x-sage-professional-only fields). */
const visibleCache = new Map();
function visibleFields(resource, edition) {
	const cacheKey = `${resource}:${edition}`;
	if (!visibleCache.has(cacheKey)) visibleCache.set(cacheKey, computeVisibleFields(resource, edition));
	return visibleCache.get(cacheKey);
}
function computeVisibleFields(resource, edition) {
	const def = RESOURCES[resource];
	const hidden = edition === 'standard' ? new Set(def.professionalOnlyFields) : new Set();
	const fields = {};
	for (const [name, f] of Object.entries(def.fields)) if (!hidden.has(name)) fields[name] = f;
	const navigations = {};
	for (const [name, kind] of Object.entries(def.navigations)) if (!hidden.has(name)) navigations[name] = kind;
	return { fields, navigations };
}

/**
 * How a server may write the same list body (Sage 200's Web API writes compact UTF-8 JSON; a
 * gateway or another serializer may not): `compact`; `indented` (two spaces, a line per member);
 * `spaced` (a space after every `:` and `,` between members); `escaped` (every non-ASCII
 * character and `<`, `>`, `&`, `'` as \uXXXX, as .NET's default encoder writes); `latin1` (the
 * bytes in ISO-8859-1 though the header says UTF-8: a misconfigured server, not valid UTF-8).
 */
const LIST_JSON_STYLES = ['compact', 'indented', 'spaced', 'escaped', 'latin1'];

function encodeList(rows, style) {
	if (style === 'indented') return JSON.stringify(rows, null, 2);
	if (style === 'latin1') return Buffer.from(JSON.stringify(rows), 'latin1');
	const text = JSON.stringify(rows);
	if (style === 'escaped') return text.replace(/[^\x20-\x7e]|[<>&']/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
	if (style === 'spaced') {
		// Outside strings only: a JSON string's own commas and colons stay as they are.
		return text.replace(/"(?:[^"\\]|\\.)*"|[:,]/g, (token) => (token === ':' || token === ',' ? `${token} ` : token));
	}
	return text;
}

function defaultValue(name, field) {
	if (field.default !== undefined) return field.default;
	if (field.type === 'string') return field.format === 'date-time' ? null : '';
	if (field.type === 'boolean') return false;
	if (name.endsWith('_id')) return null;
	return 0;
}

function templateFor(resource) {
	const rec = {};
	for (const [name, field] of Object.entries(RESOURCES[resource].fields)) rec[name] = defaultValue(name, field);
	return rec;
}

// ---------------------------------------------------------------------------------------------
// Deterministic demo data
// ---------------------------------------------------------------------------------------------
const WORDS_A = ['Abbey', 'Acme', 'Albion', 'Apex', 'Atlas', 'Beacon', 'Bramble', 'Bridge', 'Castle', 'Cedar', 'Chapel', 'Clyde', 'Copper', 'Crown', 'Delta', 'Dover', 'Eagle', 'Elm', 'Falcon', 'Forge', 'Garnet', 'Granite', 'Harbour', 'Heron', 'Highland', 'Ivy', 'Kestrel', 'Lakeside', 'Lantern', 'Maple', 'Meadow', 'Mercer', 'Northgate', 'Oak', 'Orchard', 'Pennine', 'Pioneer', 'Quarry', 'Raven', 'Ridge', 'Sable', 'Severn', 'Summit', 'Thames', 'Tudor', 'Union', 'Vale', 'Welland', 'Willow', 'Yardley'];
const WORDS_B = ['Garages', 'Stationers', 'Computers', 'Office Supplies', 'Engineering', 'Logistics', 'Furniture', 'Print', 'Electrical', 'Builders', 'Catering', 'Motors', 'Hardware', 'Trading', 'Systems', 'Textiles', 'Foods', 'Plastics', 'Packaging', 'Interiors'];
const WORDS_C = ['Ltd', 'Ltd', 'plc', '& Sons', 'Group', 'Ltd', 'LLP'];
const TOWNS = [['Newcastle', 'Tyne & Wear', 'NE1', '0191'], ['Leeds', 'West Yorkshire', 'LS1', '0113'], ['Bristol', 'Avon', 'BS1', '0117'], ['Manchester', 'Greater Manchester', 'M1', '0161'], ['Birmingham', 'West Midlands', 'B1', '0121'], ['Glasgow', 'Lanarkshire', 'G1', '0141'], ['Cardiff', 'South Glamorgan', 'CF10', '029'], ['Norwich', 'Norfolk', 'NR1', '01603']];
const FIRST = ['Alice', 'Ben', 'Chloe', 'David', 'Emma', 'Frank', 'Grace', 'Harry', 'Isla', 'Jack', 'Katie', 'Liam', 'Mia', 'Noah', 'Olivia', 'Peter', 'Ruby', 'Sam', 'Tom', 'Zara'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Wright', 'Evans', 'Walker', 'Hughes', 'Green', 'Hall'];
const SPECIAL_CUSTOMERS = { 1: "O'Brien Supplies Ltd", 2: 'Smith & Jones Ltd', 3: 'Café Zürich GmbH', 4: '100% Recycled Paper Co' };

function makeRefs() {
	const counters = {};
	return (name) => {
		const prefix = (name.replace(/[^A-Za-z]/g, '').toUpperCase() + 'XXX').slice(0, 3);
		counters[prefix] = (counters[prefix] || 0) + 1;
		return prefix + String(counters[prefix]).padStart(3, '0');
	};
}

function generateCompany(companyId, counts) {
	const rng = seededRandom(1000 + companyId * 7919);
	const rint = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
	const pick = (arr) => arr[Math.floor(rng() * arr.length)];
	const stamp = () => {
		const updated = DATA_START + Math.floor(rng() * (DATA_END - DATA_START));
		const created = Math.max(DATA_START - 400 * 86400000, updated - Math.floor(rng() * 700 * 86400000));
		return { date_time_created: fmtDateTime(created), date_time_updated: fmtDateTime(updated), _created: created };
	};
	const idBase = companyId === 1 ? 0 : 500000;
	const data = {};
	const add = (resource, list) => (data[resource] = list);

	add('currencies', [
		['£', 'Pound Sterling', true, 1],
		['€', 'Euro', false, 1.1645],
		['$', 'US Dollar', false, 1.2718],
	].map(([symbol, name, base, rate], i) => ({ ...templateFor('currencies'), id: 2103 + i + idBase, symbol, name, core_currency_rate: rate, euro_currency_rate: 0, is_base_currency: base, is_euro_currency: symbol === '€', use_for_new_accounts: base, ...stamp() })));
	const baseCurrency = data.currencies[0].id;
	add('tax_codes', [
		[1, 'Standard rated', 20],
		[2, 'Zero rated', 0],
		[3, 'Exempt', 0],
		[4, 'Reduced rate', 5],
		[5, 'EC Purchases', 20],
	].map(([code, name, rate], i) => ({ ...templateFor('tax_codes'), id: 1729 + i + idBase, code, name, tax_rate: rate, ...stamp() })));
	const stdTax = data.tax_codes[0].id;
	add('departments', ['Default', 'Sales', 'Purchasing', 'Admin'].map((name, i) => ({ ...templateFor('departments'), id: 101 + i + idBase, code: i === 0 ? '' : name.slice(0, 3).toUpperCase(), name, ...stamp() })));
	add('cost_centres', ['Default', 'North', 'South', 'Head Office'].map((name, i) => ({ ...templateFor('cost_centres'), id: 201 + i + idBase, code: i === 0 ? '' : name.replace(/\s/g, '').slice(0, 3).toUpperCase(), name, ...stamp() })));
	const nominalNames = ['Freehold Land', 'Office Equipment', 'Motor Vehicles', 'Stock', 'Debtors Control', 'Bank Current Account', 'Petty Cash', 'VAT Input', 'Creditors Control', 'VAT Output', 'Share Capital', 'Sales - Products', 'Sales - Services', 'Cost of Sales', 'Wages', 'Rent', 'Electricity', 'Telephone', 'Stationery', 'Bank Charges'];
	const nominalCount = counts.nominal_codes ?? 80;
	add('nominal_codes', Array.from({ length: nominalCount }, (_, i) => ({
		...templateFor('nominal_codes'),
		id: 3001 + i * 2 + idBase,
		reference: String(10010 + i * 100),
		name: `${nominalNames[i % nominalNames.length]}${i >= nominalNames.length ? ` ${Math.floor(i / nominalNames.length) + 1}` : ''}`,
		cost_centre_id: data.cost_centres[i % 4].id,
		cost_centre_code: data.cost_centres[i % 4].code,
		department_id: data.departments[i % 4].id,
		department_code: data.departments[i % 4].code,
		nominal_account_type: 'NominalAccountTypePosting',
		account_status_type: 'AccountStatusActive',
		report_category_id: 1 + (i % 12),
		balance_year_to_date: round2((rng() - 0.5) * 50000),
		allow_manual_journal_entries: true,
		...stamp(),
	})));
	add('warehouses', Array.from({ length: counts.warehouses ?? 3 }, (_, i) => {
		const town = TOWNS[i % TOWNS.length];
		return { ...templateFor('warehouses'), id: 401 + i + idBase, name: i === 0 ? 'HOME' : `${town[0].toUpperCase()}`, description: i === 0 ? 'Home warehouse' : `${town[0]} depot`, warehouse_type: 'WarehouseTypeWarehouse', use_for_sales_trading: true, city: town[0], county: town[1], postcode: `${town[2]} ${i + 1}AA`, country: 'United Kingdom', ...stamp() };
	}));
	const groupNames = ['Paper Products', 'Printers', 'Computers', 'Ink & Toner', 'Furniture', 'Storage', 'Networking', 'Software', 'Accessories', 'Services'];
	add('product_groups', groupNames.slice(0, counts.product_groups ?? 10).map((description, i) => ({ ...templateFor('product_groups'), id: 501 + i + idBase, code: `GRP${String(i + 1).padStart(3, '0')}`, description, product_type: i === 9 ? 'EnumStockItemTypeService' : 'EnumStockItemTypeStock', costing_method: 'EnumCostingMethodAverage', ...stamp() })));
	const productCount = counts.products ?? (companyId === 1 ? 500 : 120);
	add('products', Array.from({ length: productCount }, (_, i) => {
		const group = data.product_groups[i % data.product_groups.length];
		return {
			...templateFor('products'),
			id: 10001 + i * 2 + idBase,
			code: `${group.code.slice(0, 3).replace('GRP', 'P')}${String(i + 1).padStart(5, '0')}`,
			name: `${group.description} item ${i + 1}`,
			description: `${group.description} item ${i + 1} (${pick(['A4', 'A3', 'Large', 'Small', 'Pack of 10', 'Blue', 'Black'])})`,
			barcode: String(5000000000000 + i * 17),
			allow_sales_order: true,
			free_stock_quantity: rint(0, 500),
			product_group_id: group.id,
			tax_code_id: stdTax,
			product_status_type: i % 29 === 0 ? 'EnumStockItemStatusTypeInactive' : 'EnumStockItemStatusTypeActive',
			standard_cost: round2(rint(100, 50000) / 100),
			average_buying_price: round2(rint(100, 50000) / 100),
			weight: round2(rng() * 20),
			...stamp(),
		};
	}));

	const refFor = makeRefs();
	const customerCount = counts.customers ?? (companyId === 1 ? 12000 : 750);
	const customerIdBase = companyId === 1 ? 27828 : 600001;
	add('customers', Array.from({ length: customerCount }, (_, i) => {
		const town = TOWNS[i % TOWNS.length];
		let name;
		if (companyId === 1 && i === 0) name = 'ABS Garages Ltd';
		else if (SPECIAL_CUSTOMERS[i]) name = SPECIAL_CUSTOMERS[i];
		else name = `${pick(WORDS_A)} ${pick(WORDS_B)} ${pick(WORDS_C)}`;
		if (companyId === 2 && !SPECIAL_CUSTOMERS[i]) name = `${name.replace(/ (Ltd|plc|LLP|Group|& Sons)$/, '')} (Demo) Ltd`;
		const balance = i % 7 === 0 ? 0 : round2((rng() - 0.2) * 10000);
		const s = stamp();
		return {
			...templateFor('customers'),
			id: customerIdBase + i * 3 + (i % 2),
			reference: refFor(name),
			name,
			short_name: name.slice(0, 8),
			balance,
			on_hold: i % 23 === 0,
			account_status_type: i % 41 === 0 ? 'AccountStatusHidden' : 'AccountStatusActive',
			currency_id: i % 19 === 0 ? data.currencies[1].id : baseCurrency,
			telephone_country_code: '44',
			telephone_area_code: town[3],
			telephone_subscriber_number: `${rint(200, 899)} ${rint(1000, 9999)}`,
			fax_country_code: '44',
			fax_area_code: town[3],
			fax_subscriber_number: `${rint(200, 899)} ${rint(1000, 9999)}`,
			website: `www.${name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 20)}.co.uk`,
			credit_limit: [0, 1000, 2500, 4000, 5000, 10000][i % 6],
			country_code_id: 13,
			default_tax_code_id: stdTax,
			vat_number: i % 3 === 0 ? '' : `GB${rint(100, 999)} ${rint(1000, 9999)} ${rint(10, 99)}`,
			analysis_code_1: pick(['Trade', 'Retail', 'Education', 'Public Sector']),
			analysis_code_2: pick(FIRST),
			analysis_code_3: town[1],
			average_time_to_pay: rint(0, 120),
			value_of_current_orders_in_sop: 0,
			account_opened: fmtDate(s._created),
			...s,
		};
	}));
	const supplierCount = counts.suppliers ?? (companyId === 1 ? 300 : 60);
	const supplierRef = makeRefs();
	add('suppliers', Array.from({ length: supplierCount }, (_, i) => {
		const town = TOWNS[(i + 3) % TOWNS.length];
		const name = `${pick(WORDS_A)} ${pick(['Wholesale', 'Distribution', 'Supplies', 'Manufacturing', 'Imports'])} ${pick(WORDS_C)}`;
		const s = stamp();
		return {
			...templateFor('suppliers'),
			id: 40001 + i * 2 + idBase,
			reference: supplierRef(name),
			name,
			short_name: name.slice(0, 8),
			balance: round2(rng() * 8000),
			on_hold: i % 31 === 0,
			account_status_type: 'AccountStatusActive',
			currency_id: baseCurrency,
			telephone_country_code: '44',
			telephone_area_code: town[3],
			telephone_subscriber_number: `${rint(200, 899)} ${rint(1000, 9999)}`,
			credit_limit: [0, 5000, 10000][i % 3],
			country_code_id: 13,
			default_tax_code_id: stdTax,
			account_opened: fmtDate(s._created),
			...s,
		};
	}));
	const contactRow = (resource, fkName, parent, i, id) => {
		const first = FIRST[(i * 7) % FIRST.length];
		const last = LAST[(i * 11) % LAST.length];
		return { ...templateFor(resource), id, [fkName]: parent.id, first_name: first, last_name: last, name: `${first} ${last}`, default_telephone: `${parent.telephone_area_code} ${parent.telephone_subscriber_number}`.trim(), default_email: `${first}.${last}@${parent.website.replace(/^www\./, '') || 'example.co.uk'}`.toLowerCase(), is_default: true, ...stamp() };
	};
	add('customer_contacts', data.customers.map((c, i) => contactRow('customer_contacts', 'customer_id', c, i, 70001 + i * 2 + idBase)));
	add('supplier_contacts', data.suppliers.map((s, i) => contactRow('supplier_contacts', 'supplier_id', s, i, 90001 + i * 2 + idBase)));
	const addressCount = Math.min(data.customers.length, counts.customer_delivery_addresses ?? (companyId === 1 ? 2000 : 100));
	add('customer_delivery_addresses', data.customers.slice(0, addressCount).map((c, i) => {
		const town = TOWNS[(i + 5) % TOWNS.length];
		return { ...templateFor('customer_delivery_addresses'), id: 110001 + i * 2 + idBase, customer_id: c.id, is_default: true, description: 'Main delivery address', postal_name: c.name, address_1: `${rint(1, 200)} ${pick(WORDS_A)} Road`, city: town[0], county: town[1], postcode: `${town[2]} ${rint(1, 9)}${pick(['AB', 'XY', 'QT'])}`, country: 'United Kingdom', country_code_id: 13, address_country_code_id: 13, tax_code_id: stdTax, ...stamp() };
	}));
	const orderCount = counts.sop_orders ?? (companyId === 1 ? 1500 : 90);
	add('sop_orders', Array.from({ length: orderCount }, (_, i) => {
		const customer = data.customers[Math.floor(rng() * data.customers.length)];
		const net = round2(rint(1000, 500000) / 100);
		const s = stamp();
		return { ...templateFor('sop_orders'), id: 200001 + i * 2 + idBase, customer_id: customer.id, document_no: String(i + 1).padStart(10, '0'), customer_type: 'EnumCustomerTypeCustomer', document_date: fmtDate(s._created), document_status: pick(['EnumDocumentStatusLive', 'EnumDocumentStatusLive', 'EnumDocumentStatusComplete', 'EnumDocumentStatusOnHold']), currency_id: customer.currency_id, exchange_rate: 1, subtotal_goods_value: net, total_net_value: net, total_tax_value: round2(net * 0.2), total_gross_value: round2(net * 1.2), customer_document_no: `PO-${rint(1000, 99999)}`, document_created_by: 'demo', ...s };
	}));
	add('sop_quotes', Array.from({ length: counts.sop_quotes ?? (companyId === 1 ? 100 : 10) }, (_, i) => {
		const customer = data.customers[(i * 37) % data.customers.length];
		const net = round2(rint(1000, 200000) / 100);
		const s = stamp();
		return { ...templateFor('sop_quotes'), id: 300001 + i * 2 + idBase, customer_id: customer.id, customer_type: 'EnumCustomerTypeCustomer', document_no: `Q${String(i + 1).padStart(9, '0')}`, document_date: fmtDate(s._created), document_status: 'EnumDocumentStatusLive', currency_id: customer.currency_id, exchange_rate: 1, total_net_value: net, total_tax_value: round2(net * 0.2), total_gross_value: round2(net * 1.2), ...s };
	}));
	add('pop_orders', Array.from({ length: counts.pop_orders ?? (companyId === 1 ? 400 : 30) }, (_, i) => {
		const supplier = data.suppliers[(i * 13) % data.suppliers.length];
		const net = round2(rint(1000, 300000) / 100);
		const s = stamp();
		return { ...templateFor('pop_orders'), id: 250001 + i * 2 + idBase, supplier_id: supplier.id, document_no: `PO${String(i + 1).padStart(8, '0')}`, document_date: fmtDate(s._created), document_status: 'EnumDocumentStatusLive', exchange_rate: 1, total_net_value: net, total_tax_value: round2(net * 0.2), total_gross_value: round2(net * 1.2), document_created_by: 'demo', ...s };
	}));
	if (companyId === 1 && data.customers.length) {
		// The record shown in seed 003, verbatim where the schema allows.
		Object.assign(data.customers[0], { balance: 2464.16, on_hold: false, account_status_type: 'AccountStatusActive', currency_id: baseCurrency, telephone_area_code: '0191', telephone_subscriber_number: '254 5909', fax_area_code: '0191', fax_subscriber_number: '254 5907', website: 'www.sage.co.uk', credit_limit: 4000, vat_number: 'GB745 4584 68', analysis_code_1: 'Trade', analysis_code_2: 'George', analysis_code_3: 'Tyne & Wear', average_time_to_pay: 319, value_of_current_orders_in_sop: -36 });
	}
	for (const list of Object.values(data)) for (const row of list) delete row._created;
	return data;
}

// ---------------------------------------------------------------------------------------------
// Per-company store
// ---------------------------------------------------------------------------------------------
class Store {
	constructor(rows) {
		this.rows = rows.slice().sort((a, b) => a.id - b.id);
		this.byId = new Map(this.rows.map((r) => [r.id, r]));
		this.nav = new Map();
		this.nextId = (this.rows.length ? this.rows[this.rows.length - 1].id : 0) + 3;
		this.version = 0;
		this.fkCache = new Map();
	}
	insert(row) {
		row.id = this.nextId;
		this.nextId += 3;
		this.rows.push(row);
		this.byId.set(row.id, row);
		this.version++;
		return row;
	}
	remove(id) {
		const row = this.byId.get(id);
		if (!row) return false;
		this.byId.delete(id);
		this.rows.splice(this.rows.indexOf(row), 1);
		this.nav.delete(id);
		this.version++;
		return true;
	}
	touch() {
		this.version++;
	}
	byFk(fk, value) {
		let cached = this.fkCache.get(fk);
		if (!cached || cached.version !== this.version) {
			const index = new Map();
			for (const row of this.rows) {
				const key = row[fk];
				if (!index.has(key)) index.set(key, []);
				index.get(key).push(row);
			}
			cached = { version: this.version, index };
			this.fkCache.set(fk, cached);
		}
		return cached.index.get(value) ?? [];
	}
}

/** Unique keys per resource (checked on create and update). */
const UNIQUE = {
	customers: ['reference'],
	suppliers: ['reference'],
	products: ['code'],
	sop_orders: ['document_no'],
	sop_quotes: ['document_no'],
	pop_orders: ['document_no'],
	nominal_codes: ['reference', 'cost_centre_id', 'department_id'],
	warehouses: ['name'],
	departments: ['code'],
	cost_centres: ['code'],
};
/** Foreign keys checked on write: field → resource. */
const FOREIGN = {
	products: { product_group_id: 'product_groups', tax_code_id: 'tax_codes' },
	sop_orders: { customer_id: 'customers', customer_delivery_address_id: 'customer_delivery_addresses' },
	sop_quotes: { customer_id: 'customers' },
	pop_orders: { supplier_id: 'suppliers' },
	customer_delivery_addresses: { customer_id: 'customers', tax_code_id: 'tax_codes' },
	customers: { currency_id: 'currencies', default_tax_code_id: 'tax_codes' },
	suppliers: { currency_id: 'currencies', default_tax_code_id: 'tax_codes' },
	nominal_codes: { cost_centre_id: 'cost_centres', department_id: 'departments' },
};
/** Records that block deleting a parent: resource → [[child resource, fk]]. */
const DEPENDANTS = {
	customers: [['sop_orders', 'customer_id'], ['sop_quotes', 'customer_id']],
	suppliers: [['pop_orders', 'supplier_id']],
	product_groups: [['products', 'product_group_id']],
};
/** Children deleted with their parent. */
const CASCADE = {
	customers: [['customer_contacts', 'customer_id'], ['customer_delivery_addresses', 'customer_id']],
	suppliers: [['supplier_contacts', 'supplier_id']],
};
const SINGULAR = (resource) => RESOURCES[resource].schema.replace(/_/g, ' ');

// ---------------------------------------------------------------------------------------------
// registerSage200
// ---------------------------------------------------------------------------------------------
/** The server's way of writing a date-time stamp (see options.stamps in the header). */
function stampFormatter({ offsetMinutes = 0, fractionDigits = 2, zone = false } = {}) {
	return (ms) => {
		const local = new Date(ms + offsetMinutes * 60000).toISOString();
		const fraction = fractionDigits ? `.${local.slice(20, 23).padEnd(fractionDigits, '0').slice(0, fractionDigits)}` : '';
		const sign = offsetMinutes < 0 ? '-' : '+';
		const offset = `${sign}${String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0')}:${String(Math.abs(offsetMinutes) % 60).padStart(2, '0')}`;
		return `${local.slice(0, 19)}${fraction}${zone ? (offsetMinutes ? offset : 'Z') : ''}`;
	};
}

function registerSage200(server, options = {}) {
	const clockState = { offset: options.now !== undefined ? options.now - Date.now() : 0 };
	const clock = {
		now: () => Date.now() + clockState.offset,
		advance: (ms) => {
			clockState.offset += ms;
		},
		set: (ms) => {
			clockState.offset = ms - Date.now();
		},
	};
	/** How the server writes date_time_created/updated (options.stamps; default: UTC, two decimals, no zone). */
	const stampOf = stampFormatter(options.stamps);
	/** How list bodies are written (options.listJson, or setListJson() in a test). */
	let listJson = options.listJson ?? 'compact';
	/** Rows of a list page built between two turns of the event loop (options.listSliceRows; 0: the whole page at once). */
	const listSliceRows = options.listSliceRows ?? 500;
	/** Test hooks: `beforeList({ resource, companyId, query })` runs before a list is answered (records may change mid-paging). */
	const hooks = {};
	const clients = new Map();
	clients.set(DEMO.clientId, { clientId: DEMO.clientId, clientSecret: DEMO.clientSecret, redirectUris: [...(options.redirectUris ?? [])], loopback: true });
	for (const c of options.clients ?? []) clients.set(c.clientId, { redirectUris: [], loopback: false, ...c });
	const subscriptionKeys = new Set([DEMO.subscriptionKey, ...(options.subscriptionKeys ?? [])]);
	const codes = new Map();
	const accessTokens = new Map();
	const refreshTokens = new Map();
	const tokenLog = [];
	const writeLog = [];
	let companies = {};
	const refreshTtlMs = (options.refreshTokenTtlDays ?? 90) * 86400000;

	const counts = (companyId) => {
		const c = { ...(options.counts?.[companyId] ?? {}) };
		if (companyId === 1 && options.customers !== undefined) c.customers = options.customers;
		if (companyId === 2 && options.customers2 !== undefined) c.customers = options.customers2;
		return c;
	};
	function company(companyId) {
		if (!companies[companyId]) {
			const data = generateCompany(companyId, counts(companyId));
			const stores = {};
			if (options.stamps) {
				for (const rows of Object.values(data)) {
					for (const row of rows) for (const field of ['date_time_created', 'date_time_updated']) if (row[field]) row[field] = stampOf(parseDateTime(row[field]));
				}
			}
			for (const resource of Object.keys(RESOURCES)) stores[resource] = new Store(data[resource] ?? []);
			companies[companyId] = stores;
		}
		return companies[companyId];
	}

	const issuer = () => `${server.url}/s200/id/`;
	function jwt(payload) {
		const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 's200-sandbox' }));
		return `${header}.${b64url(JSON.stringify(payload))}.${b64url(crypto.randomBytes(32))}`;
	}
	function mintPair({ clientId, scope, user, companies: allowed, family }) {
		const now = clock.now();
		const iat = Math.floor(now / 1000);
		const access = jwt({ iss: issuer(), sub: `auth0|${user}`, aud: [AUDIENCE, `${issuer()}userinfo`], iat, exp: iat + ACCESS_TTL_S, azp: clientId, scope, jti: crypto.randomUUID() });
		accessTokens.set(access, { clientId, scope, user, companies: allowed, expiresAt: now + ACCESS_TTL_S * 1000 });
		const refresh = `v1.${b64url(crypto.randomBytes(48))}`;
		const fam = family ?? crypto.randomUUID();
		refreshTokens.set(refresh, { clientId, scope, user, companies: allowed, expiresAt: now + refreshTtlMs, used: false, family: fam });
		const idToken = jwt({ iss: issuer(), sub: `auth0|${user}`, aud: clientId, iat, exp: iat + 36000, email: user, email_verified: true, name: 'Demo User' });
		return { access_token: access, refresh_token: refresh, id_token: idToken, scope, expires_in: ACCESS_TTL_S, token_type: 'Bearer' };
	}

	function redirectAllowed(client, uri) {
		if (client.redirectUris.includes(uri)) return true;
		if (!client.loopback) return false;
		try {
			const u = new URL(uri);
			return u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost');
		} catch {
			return false;
		}
	}

	// ----- Sage ID: authorize -------------------------------------------------------------------
	server.route('GET', '/s200/id/authorize', 's200.authorize', (ctx) => {
		const q = ctx.query;
		const fail = (error, description) => ctx.json(400, { error, error_description: description });
		const clientId = q.get('client_id');
		const client = clients.get(clientId ?? '');
		if (!clientId) return fail('invalid_request', 'Missing required parameter: client_id');
		if (!client) return fail('unauthorized_client', `Unknown client: ${clientId}`);
		const redirectUri = q.get('redirect_uri');
		if (!redirectUri) return fail('invalid_request', 'Missing required parameter: redirect_uri');
		if (!redirectAllowed(client, redirectUri)) return fail('invalid_request', `The redirect_uri '${redirectUri}' is not in the list of allowed callback URLs.`);
		if (q.get('response_type') !== 'code') return fail('unsupported_response_type', `Unsupported response type: ${q.get('response_type') ?? ''}`);
		const audience = q.get('audience');
		if (audience !== AUDIENCE) return fail('access_denied', audience ? `Service not found: ${audience}` : `Missing required parameter: audience (expected '${AUDIENCE}')`);
		const scope = (q.get('scope') ?? '').split(/\s+/).filter(Boolean);
		if (!scope.includes('openid') || !scope.includes('offline_access')) return fail('invalid_scope', "The scope must include 'openid' and 'offline_access'.");
		const challenge = q.get('code_challenge');
		const method = q.get('code_challenge_method') ?? (challenge ? 'plain' : undefined);
		if (challenge && method !== 'S256' && method !== 'plain') return fail('invalid_request', 'Unsupported code_challenge_method');
		const code = b64url(crypto.randomBytes(24));
		codes.set(code, { clientId, redirectUri, scope: scope.join(' '), user: DEMO.user, companies: DEMO.companies, expiresAt: clock.now() + CODE_TTL_MS, used: false, challenge, method });
		const target = new URL(redirectUri);
		target.searchParams.set('code', code);
		const state = q.get('state');
		if (state !== null) target.searchParams.set('state', state);
		return ctx.redirect(target.toString());
	});

	// ----- Sage ID: token -----------------------------------------------------------------------
	server.route('POST', '/s200/id/oauth/token', 's200.token', (ctx) => {
		const body = ctx.formBody() ?? ctx.jsonBody() ?? {};
		const record = { at: clock.now(), grant_type: body.grant_type, contentType: ctx.contentType(), clientAuth: 'none', clientId: undefined, status: 0 };
		tokenLog.push(record);
		const reply = (status, obj) => {
			record.status = status;
			return ctx.json(status, obj, { 'cache-control': 'no-store', pragma: 'no-cache' });
		};
		// Client authentication: HTTP Basic or body parameters (both accepted, must agree).
		let clientId = body.client_id;
		let clientSecret = body.client_secret;
		const basic = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization ?? '');
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			const safe = (s) => {
				try {
					return decodeURIComponent(s.replace(/\+/g, ' '));
				} catch {
					return s;
				}
			};
			const id = safe(colon >= 0 ? decoded.slice(0, colon) : decoded);
			const secret = safe(colon >= 0 ? decoded.slice(colon + 1) : '');
			if ((clientId && clientId !== id) || (clientSecret && clientSecret !== secret)) return reply(401, { error: 'invalid_client', error_description: 'Client credentials in the Authorization header and the body do not match.' });
			clientId = id;
			clientSecret = secret;
			record.clientAuth = body.client_secret ? 'basic+body' : 'basic';
		} else if (clientSecret) record.clientAuth = 'body';
		record.clientId = clientId;
		if (!body.grant_type) return reply(400, { error: 'invalid_request', error_description: 'Missing required parameter: grant_type' });
		if (!clientId) return reply(401, { error: 'invalid_client', error_description: 'Missing required parameter: client_id' });
		const client = clients.get(clientId);
		if (!client) return reply(401, { error: 'access_denied', error_description: 'Unauthorized' });
		if (!clientSecret || client.clientSecret !== clientSecret) return reply(401, { error: 'access_denied', error_description: 'Unauthorized' });

		if (body.grant_type === 'authorization_code') {
			if (!body.code) return reply(400, { error: 'invalid_request', error_description: 'Missing required parameter: code' });
			const entry = codes.get(body.code);
			if (!entry || entry.used || entry.clientId !== clientId || clock.now() >= entry.expiresAt) {
				if (entry) entry.used = true;
				return reply(403, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
			}
			entry.used = true;
			if (body.redirect_uri !== entry.redirectUri) return reply(403, { error: 'invalid_grant', error_description: 'Redirect URI mismatch.' });
			if (entry.challenge) {
				const verifier = body.code_verifier ?? '';
				const computed = entry.method === 'S256' ? b64url(crypto.createHash('sha256').update(verifier).digest()) : verifier;
				if (computed !== entry.challenge) return reply(403, { error: 'invalid_grant', error_description: 'Failed to verify code verifier' });
			}
			return reply(200, mintPair(entry));
		}
		if (body.grant_type === 'refresh_token') {
			if (!body.refresh_token) return reply(400, { error: 'invalid_request', error_description: 'Missing required parameter: refresh_token' });
			const entry = refreshTokens.get(body.refresh_token);
			const invalid = () => reply(403, { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' });
			if (!entry || entry.clientId !== clientId || clock.now() >= entry.expiresAt) return invalid();
			if (entry.used) {
				if (options.refreshReuseRevokesFamily) for (const [t, e] of refreshTokens) if (e.family === entry.family) refreshTokens.delete(t);
				return invalid();
			}
			entry.used = true;
			return reply(200, mintPair(entry));
		}
		return reply(403, { error: 'unsupported_grant_type', error_description: `Grant type '${body.grant_type}' not allowed for the client.` });
	});

	// ----- API gateway --------------------------------------------------------------------------
	const apiRoot = '/s200/api/uk/:edition/accounts/v1';
	const supported = []; // { regex, method } for 405 vs 404

	/** APIM + Sage checks shared by every API route; calls handler(ctx, env) when they pass. */
	function api(name, handler, { needsCompany = true } = {}) {
		return async (ctx) => {
			const edition = EDITIONS[ctx.params.edition];
			if (!edition) return ctx.json(404, APIM.notFound);
			const key = ctx.headers['ocp-apim-subscription-key'] ?? ctx.query.get('subscription-key');
			if (!key) return ctx.json(401, APIM.missingKey);
			if (!subscriptionKeys.has(key)) return ctx.json(401, APIM.invalidKey);
			const bearer = ctx.bearer();
			const token = bearer ? accessTokens.get(bearer) : undefined;
			if (!token || clock.now() >= token.expiresAt) return ctx.json(401, APIM.invalidToken);
			if (options.sitesDown) return ctx.json(504, APIM.siteDown);
			const env = { edition, token };
			if (needsCompany) {
				const site = ctx.headers['x-site'];
				if (site === undefined || site === '') return sendSage(ctx, 400, 'HeaderNotFound', 'The X-Site header was not found.');
				const companyHeader = ctx.headers['x-company'];
				if (companyHeader === undefined || companyHeader === '') return sendSage(ctx, 400, 'HeaderNotFound', 'The X-Company header was not found.');
				if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(site)) return sendSage(ctx, 400, 'InvalidHeaderValue', `The X-Site header value '${site}' is not a valid site id.`);
				if (!/^\d+$/.test(companyHeader)) return sendSage(ctx, 400, 'InvalidHeaderValue', `The X-Company header value '${companyHeader}' is not a valid company id.`);
				const companyId = Number(companyHeader);
				const known = !options.emptySites && site.toLowerCase() === SITE_ID && COMPANIES.some((c) => c.company_id === companyId);
				if (!known || !token.companies.includes(companyId)) return sendSage(ctx, 403, 'AccessDenied', `The user does not have access to company ${companyId} on site ${site}, or it does not exist.`);
				env.companyId = companyId;
				env.stores = company(companyId);
			}
			try {
				return await handler(ctx, env);
			} catch (error) {
				if (error instanceof SageError) return ctx.json(error.status, error.items);
				throw error;
			}
		};
	}
	function route(method, suffix, name, handler, opts) {
		const pattern = `${apiRoot}${suffix}`;
		server.route(method, pattern, name, api(name, handler, opts));
		const source = pattern.split('/').map((part) => (part.startsWith(':') ? '[^/]+' : part)).join('/');
		supported.push({ method, regex: new RegExp(`^${source}$`) });
	}

	route('GET', '/sites', 's200.sites', (ctx, env) => {
		if (options.emptySites) return ctx.json(200, []);
		const rows = COMPANIES.filter((c) => env.token.companies.includes(c.company_id)).map((c) => ({ ...c, site_id: SITE_ID, site_name: 'Demo Site', site_short_name: 'DEMO' }));
		return ctx.json(200, rows);
	}, { needsCompany: false });

	// ----- query options ------------------------------------------------------------------------
	const invalid = (message, code = 'InvalidQueryOption') => new SageError(400, code, message);
	function parseQuery(ctx, resource, edition, { list }) {
		const { fields, navigations } = visibleFields(resource, edition);
		const typeName = `Sage.Api.${RESOURCES[resource].schema}`;
		for (const key of ctx.query.keys()) {
			if (key.startsWith('$') && !ALLOWED_QUERY_OPTIONS.has(key)) throw invalid(`The query parameter '${key}' is not supported.`);
		}
		for (const key of ALLOWED_QUERY_OPTIONS) if (ctx.query.getAll(key).length > 1) throw invalid(`Query option '${key}' was specified more than once, but it must be specified at most once.`);
		const out = { select: undefined, expand: [], filter: undefined, orderby: [], top: DEFAULT_TOP, skip: 0, count: false };
		const select = ctx.query.get('$select');
		if (select !== null) {
			const names = select.split(',').map((s) => s.trim()).filter(Boolean);
			if (!names.length) throw invalid('The $select query option must not be empty.');
			if (!names.includes('*')) {
				for (const n of names) if (!fields[n] && !navigations[n]) throw invalid(`Could not find a property named '${n}' on type '${typeName}'.`);
				out.select = new Set(names);
			}
		}
		const expand = ctx.query.get('$expand');
		if (expand !== null) {
			for (const raw of expand.split(',').map((s) => s.trim()).filter(Boolean)) {
				const n = raw.split('/')[0];
				if (!navigations[n]) throw invalid(`Could not find a property named '${n}' on type '${typeName}'.`);
				out.expand.push(n);
			}
		}
		if (!list) {
			for (const k of ['$filter', '$orderby', '$top', '$skip', '$count']) if (ctx.query.has(k)) throw invalid(`The query option '${k}' is not supported on a single entity.`);
			return out;
		}
		const filter = ctx.query.get('$filter');
		if (filter !== null) {
			const types = {};
			for (const [n, f] of Object.entries(fields)) {
				const t = filterType(f);
				if (t) types[n] = t;
			}
			if (options.maxFilterNodes !== undefined) {
				const nodes = tokenize(filter).filter((token) => ['ident', 'literal', 'op'].includes(token.kind)).length;
				if (nodes > options.maxFilterNodes) {
					throw invalid(
						`The query specified in the URI is not valid. The node count limit of '${options.maxFilterNodes}' has been exceeded. To increase the limit, set the 'MaxNodeCount' property on EnableQueryAttribute or ODataValidationSettings.`,
						'InvalidFilter',
					);
				}
			}
			try {
				out.filter = compileFilter(filter, types, typeName);
			} catch (error) {
				if (error instanceof FilterError) throw invalid(`The query specified in the URI is not valid. ${error.message}`, 'InvalidFilter');
				throw error;
			}
		}
		const orderby = ctx.query.get('$orderby');
		if (orderby !== null) {
			for (const part of orderby.split(',')) {
				const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:\s+(asc|desc))?\s*$/i.exec(part);
				if (!m) throw invalid(`The query specified in the URI is not valid. Syntax error in $orderby '${orderby}'.`);
				if (!fields[m[1]]) throw invalid(`The query specified in the URI is not valid. Could not find a property named '${m[1]}' on type '${typeName}'.`);
				out.orderby.push({ field: m[1], desc: (m[2] ?? 'asc').toLowerCase() === 'desc', type: filterType(fields[m[1]]) });
			}
		}
		const intOption = (name) => {
			const raw = ctx.query.get(name);
			if (raw === null) return undefined;
			if (!/^\d+$/.test(raw.trim())) throw invalid(`Invalid value '${raw}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`);
			return Number(raw.trim());
		};
		const top = intOption('$top');
		if (top !== undefined) {
			if (top > MAX_TOP) throw invalid(`The limit of '${MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '${top}'.`);
			out.top = top;
		}
		const skip = intOption('$skip');
		if (skip !== undefined) {
			if (!out.orderby.length) throw invalid("$skip requires $orderby: the method 'Skip' is only supported for sorted input. Add $orderby (for example $orderby=id) when using $skip.");
			out.skip = skip;
		}
		const count = ctx.query.get('$count');
		if (count !== null) {
			if (!/^(true|false)$/i.test(count)) throw invalid(`'${count}' is not a valid count option.`);
			out.count = count.toLowerCase() === 'true';
		}
		return out;
	}

	// ----- navigation ($expand) ----------------------------------------------------------------
	const full = (resource, edition, row) => project(resource, edition, row, { select: undefined, expand: [] });
	const NAV = {
		customers: {
			contacts: (env, row) => env.stores.customer_contacts.byFk('customer_id', row.id).map((c) => full('customer_contacts', env.edition, c)),
			currency: (env, row) => lookup(env, 'currencies', row.currency_id),
			default_tax_code: (env, row) => lookup(env, 'tax_codes', row.default_tax_code_id),
		},
		suppliers: {
			contacts: (env, row) => env.stores.supplier_contacts.byFk('supplier_id', row.id).map((c) => full('supplier_contacts', env.edition, c)),
			currency: (env, row) => lookup(env, 'currencies', row.currency_id),
			default_tax_code: (env, row) => lookup(env, 'tax_codes', row.default_tax_code_id),
		},
		products: { product_group: (env, row) => lookup(env, 'product_groups', row.product_group_id), tax_code: (env, row) => lookup(env, 'tax_codes', row.tax_code_id) },
		sop_orders: { customer: (env, row) => lookup(env, 'customers', row.customer_id), currency: (env, row) => lookup(env, 'currencies', row.currency_id), lines: (env, row) => orderLines(env, row) },
		sop_quotes: { customer: (env, row) => lookup(env, 'customers', row.customer_id), currency: (env, row) => lookup(env, 'currencies', row.currency_id) },
		pop_orders: { supplier: (env, row) => lookup(env, 'suppliers', row.supplier_id) },
		customer_delivery_addresses: { customer: (env, row) => lookup(env, 'customers', row.customer_id), tax_code: (env, row) => lookup(env, 'tax_codes', row.tax_code_id) },
		nominal_codes: { cost_centre: (env, row) => lookup(env, 'cost_centres', row.cost_centre_id), department: (env, row) => lookup(env, 'departments', row.department_id) },
	};
	/**
	 * Lines of a generated sales order (`$expand=lines`; an order created with lines keeps its own):
	 * derived from the order and the product list, so no other answer changes.
	 */
	function orderLines(env, row) {
		const products = env.stores.products.rows;
		const n = Math.floor(row.id / 2);
		return Array.from({ length: (n % 3) + 1 }, (_, l) => {
			const product = products.length ? products[(n * 7 + l) % products.length] : undefined;
			const quantity = ((n + l) % 9) + 1;
			const price = round2(((n * 37 + l * 11) % 500) + 0.99);
			return { id: row.id * 10 + l, sop_order_id: row.id, line_number: l + 1, line_type: 'EnumLineTypeStandard', product_id: product?.id ?? null, code: product?.code ?? '', description: product?.name ?? '', line_quantity: quantity, selling_unit_price: price, line_total_value: round2(quantity * price) };
		});
	}
	/**
	 * Answer-shape switches (Sage 200's documents show plain JSON; an OData gateway may annotate):
	 * `odataAnnotations` adds `@odata.etag` to every record and `<nav>@odata.count` to expanded
	 * collections; `expandedPageSize: n` sends at most n entries of an expanded collection, with
	 * `<nav>@odata.nextLink` when there are more.
	 */
	function annotate(out, row, nav) {
		if (options.odataAnnotations && nav === undefined) out['@odata.etag'] = `W/"${row.date_time_updated ?? row.id}"`;
		if (nav === undefined || !Array.isArray(out[nav])) return;
		const all = out[nav];
		if (options.odataAnnotations) out[`${nav}@odata.count`] = all.length;
		if (options.expandedPageSize !== undefined && all.length > options.expandedPageSize) {
			out[nav] = all.slice(0, options.expandedPageSize);
			out[`${nav}@odata.nextLink`] = `${nav}?$skip=${options.expandedPageSize}`;
		}
	}
	let envForProject;
	function lookup(env, resource, id) {
		const row = env.stores[resource].byId.get(id);
		return row ? full(resource, env.edition, row) : null;
	}
	function project(resource, edition, row, q) {
		const { fields, navigations } = visibleFields(resource, edition);
		const out = {};
		for (const name of Object.keys(fields)) if (!q.select || q.select.has(name)) out[name] = row[name];
		for (const nav of q.expand) {
			const env = envForProject;
			const resolver = NAV[resource]?.[nav];
			const stored = env.stores[resource].nav.get(row.id)?.[nav];
			if (stored !== undefined) out[nav] = stored;
			else if (resolver) out[nav] = resolver(env, row);
			else out[nav] = navigations[nav] === 'array' ? [] : null;
			annotate(out, row, nav);
		}
		annotate(out, row);
		return out;
	}

	// ----- body validation ----------------------------------------------------------------------
	function readJson(ctx) {
		if (ctx.contentType() !== 'application/json') {
			throw new SageError(415, 'UnsupportedMediaType', `The request entity's media type '${ctx.contentType() || 'none'}' is not supported for this resource.`);
		}
		const body = ctx.jsonBody();
		if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw new SageError(400, 'InvalidRequest', 'The request is invalid: the body must be a JSON object.');
		return body;
	}
	function coerce(name, field, value, errors) {
		if (value === null) return null;
		const bad = () => {
			errors.push(sageItem('ValidationError', `The value '${typeof value === 'object' ? JSON.stringify(value) : value}' is not valid for '${name}'.`, name));
			return undefined;
		};
		if (field.type === 'string' && field.format === 'date-time') {
			if (typeof value !== 'string' || Number.isNaN(parseDateTime(value))) return bad();
			return fmtDateTime(parseDateTime(value)).replace(/\.00$/, '');
		}
		if (field.type === 'string') {
			if (typeof value === 'number') value = String(value);
			if (typeof value !== 'string') return bad();
			if (field.maxLength !== undefined && value.length > field.maxLength) {
				errors.push(sageItem('ValidationError', `The field '${name}' must be a string with a maximum length of ${field.maxLength}.`, name));
				return undefined;
			}
			return value;
		}
		if (field.type === 'integer' || field.type === 'number') {
			const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
			if (typeof n !== 'number' || !Number.isFinite(n)) return bad();
			if (field.type === 'integer' && !Number.isInteger(n)) return bad();
			return n;
		}
		if (field.type === 'boolean') {
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			return bad();
		}
		return value;
	}
	function applyBody(resource, env, body, { creating, existing }) {
		const def = RESOURCES[resource];
		const { fields, navigations } = visibleFields(resource, env.edition);
		const errors = [];
		const changes = {};
		const navChanges = {};
		for (const [name, value] of Object.entries(body)) {
			const field = fields[name];
			if (field) {
				if (field.readOnly && !(creating && def.required.includes(name))) continue;
				const v = coerce(name, field, value, errors);
				if (v !== undefined) changes[name] = v;
			} else if (navigations[name]) {
				const kind = navigations[name];
				if (value !== null && (kind === 'array' ? !Array.isArray(value) : typeof value !== 'object' || Array.isArray(value))) {
					errors.push(sageItem('ValidationError', `The value for '${name}' must be ${kind === 'array' ? 'an array' : 'an object'}.`, name));
				} else navChanges[name] = value;
			}
		}
		const merged = { ...(existing ?? templateFor(resource)), ...changes };
		for (const name of def.required) {
			const v = merged[name];
			if (v === undefined || v === null || v === '') errors.push(sageItem('ValidationError', `The ${name.replace(/_/g, ' ')} field is required.`, name));
		}
		for (const [fk, target] of Object.entries(FOREIGN[resource] ?? {})) {
			const v = merged[fk];
			if (v === null || v === undefined || (!(fk in changes) && !creating)) continue;
			if (!env.stores[target].byId.has(v)) errors.push(sageItem('ValidationError', `The ${fk.replace(/_/g, ' ')} '${v}' does not exist.`, fk));
		}
		const unique = UNIQUE[resource];
		if (unique && unique.some((k) => k in changes)) {
			const clash = env.stores[resource].rows.find((r) => r !== existing && unique.every((k) => String(r[k] ?? '').toLowerCase() === String(merged[k] ?? '').toLowerCase()));
			if (clash) errors.push(sageItem('ValidationError', `A ${SINGULAR(resource)} with ${unique.map((k) => `${k} '${merged[k]}'`).join(', ')} already exists.`, unique[0]));
		}
		if (errors.length) throw SageError.many(400, errors);
		return { merged, changes, navChanges };
	}
	function derive(resource, row) {
		if (resource === 'customer_contacts' || resource === 'supplier_contacts') row.name = [row.first_name, row.middle_name, row.last_name].filter(Boolean).join(' ');
		if ((resource === 'customers' || resource === 'suppliers') && !row.short_name) row.short_name = row.name.slice(0, 8);
	}
	function log(env, ctx, resource, op, id, body) {
		writeLog.push({ at: fmtDateTime(clock.now()), company: env.companyId, edition: env.edition, resource, op, id, method: ctx.method, path: ctx.path, body });
	}
	function parseId(raw) {
		if (!/^\d+$/.test(raw)) throw new SageError(400, 'InvalidRequest', `The value '${raw}' is not valid for Int64.`);
		return Number(raw);
	}
	function findOr404(env, resource, id) {
		const row = env.stores[resource].byId.get(id);
		if (!row) throw new SageError(404, 'NotFound', `The ${SINGULAR(resource)} with id ${id} was not found.`);
		return row;
	}

	// ----- CRUD handlers ------------------------------------------------------------------------
	function listRows(ctx, env, resource, rows) {
		envForProject = env;
		const q = parseQuery(ctx, resource, env.edition, { list: true });
		if (hooks.beforeList) hooks.beforeList({ resource, companyId: env.companyId, query: Object.fromEntries(ctx.query) });
		let result = q.filter ? rows.filter(q.filter) : rows.slice();
		const total = result.length;
		if (q.orderby.length) {
			const keys = q.orderby;
			const norm = (k, row) => (k.type === 'datetime' ? fieldValue('datetime', row[k.field]) : row[k.field] ?? null);
			// Each row's sort values once (not per comparison: parsing 12,000 stamps per comparison took seconds).
			const decorated = result.map((row) => ({ row, values: keys.map((k) => norm(k, row)) }));
			decorated.sort((a, b) => {
				for (let i = 0; i < keys.length; i++) {
					const x = a.values[i];
					const y = b.values[i];
					let c;
					if (x === null || y === null) c = x === y ? 0 : x === null ? -1 : 1;
					else c = compareValues(x, y);
					if (c !== 0) return keys[i].desc ? -c : c;
				}
				return 0;
			});
			result = decorated.map((entry) => entry.row);
		}
		result = result.slice(q.skip, q.skip + q.top);
		const headers = q.count ? { 'x-total-count': String(total) } : {};
		if (!(listSliceRows > 0) || result.length <= listSliceRows) {
			const page = result.map((row) => project(resource, env.edition, row, q));
			return ctx.jsonText(200, encodeList(page, listJson), headers);
		}
		return listInSlices(ctx, env, resource, q, result, headers);
	}

	/** The long page being built: the next one starts when it is done. */
	let longListTurn = Promise.resolve();
	/**
	 * A long page built a slice of rows at a time, long pages one after the other. In between, this
	 * one thread reads requests and sends the bodies already built, as a server's network layer does
	 * while its workers build (IIS hands a built answer to the kernel). Built in one go, a page would
	 * hold back every body built before it, and those would reach their clients all at once.
	 */
	async function listInSlices(ctx, env, resource, q, rows, headers) {
		const built = longListTurn.then(async () => await buildInSlices(ctx, env, resource, q, rows, headers));
		longListTurn = built.catch(() => undefined);
		return await built;
	}
	async function buildInSlices(ctx, env, resource, q, rows, headers) {
		const slices = [];
		for (let from = 0; from < rows.length; from += listSliceRows) {
			if (from > 0) await new Promise((resolve) => setImmediate(resolve));
			if (ctx.res.destroyed) return undefined;
			// Another request may have set the company that $expand reads from.
			envForProject = env;
			const slice = rows.slice(from, from + listSliceRows).map((row) => project(resource, env.edition, row, q));
			slices.push(listJson === 'compact' ? JSON.stringify(slice).slice(1, -1) : slice);
		}
		const body = listJson === 'compact' ? `[${slices.join(',')}]` : encodeList(slices.flat(), listJson);
		return ctx.jsonText(200, body, headers);
	}

	function createRow(ctx, env, resource, body, parent) {
		const def = RESOURCES[resource];
		const { merged, navChanges } = applyBody(resource, env, parent ? { ...body, [parent.fk]: parent.id } : body, { creating: true });
		if (parent) merged[parent.fk] = parent.id;
		const now = stampOf(clock.now());
		merged.date_time_created = now;
		merged.date_time_updated = now;
		derive(resource, merged);
		const store = env.stores[resource];
		const row = store.insert(merged);
		const nav = { ...navChanges };
		if ((resource === 'customers' || resource === 'suppliers') && Array.isArray(nav.contacts)) {
			const contactRes = resource === 'customers' ? 'customer_contacts' : 'supplier_contacts';
			for (const c of nav.contacts) if (c && typeof c === 'object') createRow(ctx, env, contactRes, c, { fk: resource === 'customers' ? 'customer_id' : 'supplier_id', id: row.id });
			delete nav.contacts;
		}
		if (Object.keys(nav).length) store.nav.set(row.id, nav);
		return { row, status: def.createStatus ?? 200 };
	}

	function register(resource) {
		const def = RESOURCES[resource];
		const ops = new Set(def.ops);
		const name = (op) => `s200.${resource}.${op}`;
		const single = (ctx, env, row) => {
			envForProject = env;
			return ctx.json(200, project(resource, env.edition, row, parseQuery(ctx, resource, env.edition, { list: false })));
		};
		if (ops.has('list')) route('GET', `/${resource}`, name('list'), (ctx, env) => listRows(ctx, env, resource, env.stores[resource].rows));
		if (ops.has('new')) {
			route('POST', `/${resource}_new`, name('new'), (ctx, env) => {
				readJson(ctx);
				const row = templateFor(resource);
				row.id = 0;
				if ('currency_id' in row && resource !== 'pop_orders') row.currency_id = env.stores.currencies.rows.find((c) => c.is_base_currency)?.id ?? null;
				if ('default_tax_code_id' in row) row.default_tax_code_id = env.stores.tax_codes.rows[0]?.id ?? null;
				if ('country_code_id' in row) row.country_code_id = 13;
				if ('document_date' in row) row.document_date = fmtDate(clock.now());
				if ('account_opened' in row) row.account_opened = fmtDate(clock.now());
				envForProject = env;
				return ctx.json(200, project(resource, env.edition, row, { select: undefined, expand: [] }));
			});
		}
		if (ops.has('get')) route('GET', `/${resource}/:id`, name('get'), (ctx, env) => single(ctx, env, findOr404(env, resource, parseId(ctx.params.id))));
		if (ops.has('create')) {
			route('POST', `/${resource}`, name('create'), (ctx, env) => {
				const body = readJson(ctx);
				const { row, status } = createRow(ctx, env, resource, body);
				log(env, ctx, resource, 'create', row.id, body);
				envForProject = env;
				return ctx.json(status, full(resource, env.edition, row));
			});
		}
		if (ops.has('update')) {
			route('PUT', `/${resource}/:id`, name('update'), (ctx, env) => {
				const id = parseId(ctx.params.id);
				const body = readJson(ctx);
				const row = findOr404(env, resource, id);
				updateRow(env, resource, row, body);
				log(env, ctx, resource, 'update', id, body);
				envForProject = env;
				return ctx.json(200, full(resource, env.edition, row));
			});
		}
		if (ops.has('delete')) {
			route('DELETE', `/${resource}/:id`, name('delete'), (ctx, env) => {
				const id = parseId(ctx.params.id);
				const row = findOr404(env, resource, id);
				deleteRow(env, resource, row);
				log(env, ctx, resource, 'delete', id, undefined);
				return ctx.send(200, '', { 'content-length': '0' });
			});
		}
		for (const nested of def.nested) {
			const parentDef = RESOURCES[nested.parent];
			const paramName = parentDef.schema;
			const base = `/${nested.parent}/:parentId/${resource}`;
			const parentOf = (ctx, env) => findOr404(env, nested.parent, parseId(ctx.params.parentId));
			const nops = new Set(nested.ops);
			const mustBelong = (env, ctx, parent) => {
				const row = findOr404(env, resource, parseId(ctx.params.id));
				if (row[nested.fk] !== parent.id) throw new SageError(404, 'NotFound', `The ${SINGULAR(resource)} with id ${row.id} was not found for ${paramName.replace(/_/g, ' ')} ${parent.id}.`);
				return row;
			};
			if (nops.has('list')) route('GET', base, name('list'), (ctx, env) => listRows(ctx, env, resource, env.stores[resource].byFk(nested.fk, parentOf(ctx, env).id)));
			if (nops.has('create')) {
				route('POST', base, name('create'), (ctx, env) => {
					const parent = parentOf(ctx, env);
					const body = readJson(ctx);
					const { row, status } = createRow(ctx, env, resource, body, { fk: nested.fk, id: parent.id });
					log(env, ctx, resource, 'create', row.id, body);
					envForProject = env;
					return ctx.json(status, full(resource, env.edition, row));
				});
			}
			if (nops.has('get')) route('GET', `${base}/:id`, name('get'), (ctx, env) => single(ctx, env, mustBelong(env, ctx, parentOf(ctx, env))));
			if (nops.has('update')) {
				route('PUT', `${base}/:id`, name('update'), (ctx, env) => {
					const row = mustBelong(env, ctx, parentOf(ctx, env));
					const body = readJson(ctx);
					updateRow(env, resource, row, body);
					log(env, ctx, resource, 'update', row.id, body);
					envForProject = env;
					return ctx.json(200, full(resource, env.edition, row));
				});
			}
			if (nops.has('delete')) {
				route('DELETE', `${base}/:id`, name('delete'), (ctx, env) => {
					const row = mustBelong(env, ctx, parentOf(ctx, env));
					deleteRow(env, resource, row);
					log(env, ctx, resource, 'delete', row.id, undefined);
					return ctx.send(200, '', { 'content-length': '0' });
				});
			}
		}
	}
	function updateRow(env, resource, row, body) {
		const { changes, navChanges } = applyBody(resource, env, body, { creating: false, existing: row });
		Object.assign(row, changes);
		derive(resource, row);
		row.date_time_updated = stampOf(clock.now());
		const store = env.stores[resource];
		delete navChanges.contacts;
		if (Object.keys(navChanges).length) store.nav.set(row.id, { ...(store.nav.get(row.id) ?? {}), ...navChanges });
		store.touch();
	}
	function deleteRow(env, resource, row) {
		const singular = SINGULAR(resource);
		if ((resource === 'customers' || resource === 'suppliers') && row.balance !== 0) {
			throw new SageError(400, 'ValidationError', `The ${singular} cannot be deleted because its balance is not zero.`, 'balance');
		}
		for (const [child, fk] of DEPENDANTS[resource] ?? []) {
			if (env.stores[child].byFk(fk, row.id).length) throw new SageError(400, 'ValidationError', `The ${singular} cannot be deleted because it is used by ${child.replace(/_/g, ' ')}.`, 'id');
		}
		for (const [child, fk] of CASCADE[resource] ?? []) for (const c of env.stores[child].byFk(fk, row.id).slice()) env.stores[child].remove(c.id);
		env.stores[resource].remove(row.id);
	}

	for (const resource of Object.keys(RESOURCES)) register(resource);

	// Anything else under the API root: 405 when the path exists for another method, else APIM 404.
	server.route('*', '/s200/api/*', 's200.unsupported', (ctx) => {
		const other = supported.some((s) => s.method !== ctx.method && s.regex.test(ctx.path));
		if (other) return ctx.json(405, { Message: `The requested resource does not support http method '${ctx.method}'.` });
		return ctx.json(404, APIM.notFound);
	});

	const controller = {
		demo: {
			...DEMO,
			companyNames: Object.fromEntries(COMPANIES.map((c) => [c.company_id, c.company_name])),
			get authorizeUrl() {
				return `${server.url}/s200/id/authorize`;
			},
			get tokenUrl() {
				return `${server.url}/s200/id/oauth/token`;
			},
			get baseUrl() {
				return `${server.url}/s200/api/uk/sage200extra/accounts/v1/`;
			},
			get standardBaseUrl() {
				return `${server.url}/s200/api/uk/sage200/accounts/v1/`;
			},
			audience: AUDIENCE,
			scope: 'openid profile email offline_access',
		},
		options,
		clock,
		writeLog,
		resources: RESOURCES,
		/** Live rows (sorted by id) of one company's resource; generated on first use. */
		records: (companyId, resource) => {
			if (!RESOURCES[resource]) throw new Error(`unknown Sage 200 resource '${resource}'`);
			return company(companyId)[resource].rows;
		},
		/** Mint a valid access/refresh pair directly (company limits the token to one company). */
		issue: ({ company: only, clientId = DEMO.clientId, scope = 'openid profile email offline_access', user = DEMO.user } = {}) =>
			mintPair({ clientId, scope, user, companies: only !== undefined ? [only] : DEMO.companies }),
		hooks,
		/** The server's stamp for a moment (ms), in the options.stamps format. */
		stampOf,
		/**
		 * Change a record as a Sage 200 user would (no API call): `fields` merged in, date_time_updated
		 * set to the server clock or to `stamp` (a stamp written late, or many records sharing one).
		 */
		change: (companyId, resource, id, fields = {}, { stamp } = {}) => {
			const store = company(companyId)[resource];
			const row = store.byId.get(id);
			if (!row) throw new Error(`no ${resource} ${id} in company ${companyId}`);
			Object.assign(row, fields, { date_time_updated: stamp ?? stampOf(clock.now()) });
			store.touch();
			return row;
		},
		/** Create a record as a Sage 200 user would: the resource's defaults, `fields`, both stamps now (or `stamp`). */
		insert: (companyId, resource, fields = {}, { stamp } = {}) => {
			const at = stamp ?? stampOf(clock.now());
			return company(companyId)[resource].insert({ ...templateFor(resource), ...fields, date_time_created: at, date_time_updated: at });
		},
		/** Switch how list bodies are written (see LIST_JSON_STYLES). */
		setListJson: (style) => {
			if (!LIST_JSON_STYLES.includes(style)) throw new Error(`listJson must be one of ${LIST_JSON_STYLES.join(', ')}`);
			listJson = style;
		},
		tokenRequests: () => tokenLog.slice(),
		expireAccessTokens: () => {
			for (const t of accessTokens.values()) t.expiresAt = 0;
		},
		revokeRefreshTokens: () => refreshTokens.clear(),
		/** Forget generated data, writes, tokens and codes. */
		reset: () => {
			companies = {};
			writeLog.length = 0;
			tokenLog.length = 0;
			codes.clear();
			accessTokens.clear();
			refreshTokens.clear();
		},
	};
	return controller;
}

module.exports = { registerSage200, compileFilter, FilterError, SITE_ID };
