/**
 * The shared filter builder: conditions → the exact filter text each API receives (X3 `$`, V12 and
 * SDMO `_`, Sage 200 OData), hostile values included, and the checks that fail before sending.
 */
import {
	andSageFilters,
	checkConditions,
	compileODataFilter,
	compileSageFilter,
	ConditionError,
	filterFieldOfGraphqlType,
	filterFieldsOfEntity,
	type Combine,
	type FilterFields,
	type RawCondition,
} from '../../nodes/shared/filters';

const { parseJsonish } = require('../sandbox/jsonish.js');

const FIELDS: FilterFields = {
	code: { type: 'text' },
	country: { type: 'text' },
	amount: { type: 'number' },
	isActive: { type: 'boolean' },
	updatedAt: { type: 'date' },
	orderDate: { type: 'date', dateOnly: true },
};

const compile = (rows: RawCondition[], combine: Combine = 'and') => {
	const conditions = checkConditions(rows, FIELDS, 'Europe/Paris');
	return { x3: compileSageFilter(conditions, combine, '$'), xtrem: compileSageFilter(conditions, combine, '_'), odata: compileODataFilter(conditions, combine) };
};

describe('conditions → filter text', () => {
	const table: Array<[string, RawCondition[], Combine, string, string, string]> = [
		['equals text', [{ field: 'country', operator: 'equals', value: 'FR' }], 'and', "{country: {$eq: 'FR'}}", "{country: {_eq: 'FR'}}", "country eq 'FR'"],
		['not equals number', [{ field: 'amount', operator: 'notEquals', value: '12.5' }], 'and', '{amount: {$ne: 12.5}}', '{amount: {_ne: 12.5}}', 'amount ne 12.5'],
		['contains', [{ field: 'code', operator: 'contains', value: 'E1' }], 'and', "{code: {$regex: 'E1'}}", "{code: {_regex: 'E1'}}", "contains(code, 'E1')"],
		['starts with', [{ field: 'code', operator: 'startsWith', value: 'AE1' }], 'and', "{code: {$regex: '^AE1'}}", "{code: {_regex: '^AE1'}}", "startswith(code, 'AE1')"],
		['ends with', [{ field: 'code', operator: 'endsWith', value: '09' }], 'and', "{code: {$regex: '09$'}}", "{code: {_regex: '09$'}}", "endswith(code, '09')"],
		['is one of (text)', [{ field: 'country', operator: 'isOneOf', value: 'FR, GB ,DE' }], 'and', "{country: {$in: ['FR', 'GB', 'DE']}}", "{country: {_in: ['FR', 'GB', 'DE']}}", "(country eq 'FR' or country eq 'GB' or country eq 'DE')"],
		['is one of (numbers, list)', [{ field: 'amount', operator: 'isOneOf', value: [1, '2'] }], 'and', '{amount: {$in: [1, 2]}}', '{amount: {_in: [1, 2]}}', '(amount eq 1 or amount eq 2)'],
		['less than', [{ field: 'amount', operator: 'lt', value: 5 }], 'and', '{amount: {$lt: 5}}', '{amount: {_lt: 5}}', 'amount lt 5'],
		['at most', [{ field: 'amount', operator: 'lte', value: '5' }], 'and', '{amount: {$lte: 5}}', '{amount: {_lte: 5}}', 'amount le 5'],
		['greater than', [{ field: 'amount', operator: 'gt', value: '-3' }], 'and', '{amount: {$gt: -3}}', '{amount: {_gt: -3}}', 'amount gt -3'],
		['at least', [{ field: 'amount', operator: 'gte', value: '0' }], 'and', '{amount: {$gte: 0}}', '{amount: {_gte: 0}}', 'amount ge 0'],
		['between', [{ field: 'amount', operator: 'between', value: '10', valueTo: '20' }], 'and', '{amount: {$gte: 10, $lte: 20}}', '{amount: {_gte: 10, _lte: 20}}', '(amount ge 10 and amount le 20)'],
		['date after, zone read as the workflow\'s', [{ field: 'updatedAt', operator: 'after', date: '2026-01-31T10:00:00' }], 'and', "{updatedAt: {$gt: '2026-01-31T09:00:00Z'}}", "{updatedAt: {_gt: '2026-01-31T09:00:00Z'}}", 'updatedAt gt 2026-01-31T09:00:00Z'],
		['date with offset', [{ field: 'updatedAt', operator: 'onOrBefore', date: '2026-06-01T00:00:00+02:00' }], 'and', "{updatedAt: {$lte: '2026-05-31T22:00:00Z'}}", "{updatedAt: {_lte: '2026-05-31T22:00:00Z'}}", 'updatedAt le 2026-05-31T22:00:00Z'],
		['date only', [{ field: 'orderDate', operator: 'betweenDates', date: '2026-01-01T00:00:00', dateTo: '2026-01-31T00:00:00' }], 'and', "{orderDate: {$gte: '2026-01-01', $lte: '2026-01-31'}}", "{orderDate: {_gte: '2026-01-01', _lte: '2026-01-31'}}", '(orderDate ge 2026-01-01 and orderDate le 2026-01-31)'],
		['is true', [{ field: 'isActive', operator: 'isTrue' }], 'and', '{isActive: {$eq: true}}', '{isActive: {_eq: true}}', 'isActive eq true'],
		['is false', [{ field: 'isActive', operator: 'isFalse' }], 'and', '{isActive: {$eq: false}}', '{isActive: {_eq: false}}', 'isActive eq false'],
		['text is empty', [{ field: 'code', operator: 'isEmpty' }], 'and', "{code: {$in: [null, '']}}", "{code: {_in: [null, '']}}", "(code eq null or code eq '')"],
		['date is not empty', [{ field: 'updatedAt', operator: 'isNotEmpty' }], 'and', '{updatedAt: {$ne: null}}', '{updatedAt: {_ne: null}}', 'updatedAt ne null'],
		[
			'AND of two fields: one object',
			[{ field: 'country', operator: 'equals', value: 'FR' }, { field: 'code', operator: 'startsWith', value: 'AE1' }],
			'and',
			"{country: {$eq: 'FR'}, code: {$regex: '^AE1'}}",
			"{country: {_eq: 'FR'}, code: {_regex: '^AE1'}}",
			"country eq 'FR' and startswith(code, 'AE1')",
		],
		[
			'AND on one field with two operators: merged',
			[{ field: 'amount', operator: 'gt', value: 1 }, { field: 'amount', operator: 'lt', value: 9 }],
			'and',
			'{amount: {$gt: 1, $lt: 9}}',
			'{amount: {_gt: 1, _lt: 9}}',
			'amount gt 1 and amount lt 9',
		],
		[
			'AND setting one operator twice: an and list',
			[{ field: 'code', operator: 'contains', value: 'A' }, { field: 'code', operator: 'contains', value: 'B' }],
			'and',
			"{$and: [{code: {$regex: 'A'}}, {code: {$regex: 'B'}}]}",
			"{_and: [{code: {_regex: 'A'}}, {code: {_regex: 'B'}}]}",
			"contains(code, 'A') and contains(code, 'B')",
		],
		[
			'OR',
			[{ field: 'country', operator: 'equals', value: 'FR' }, { field: 'amount', operator: 'between', value: 1, valueTo: 2 }],
			'or',
			"{$or: [{country: {$eq: 'FR'}}, {amount: {$gte: 1, $lte: 2}}]}",
			"{_or: [{country: {_eq: 'FR'}}, {amount: {_gte: 1, _lte: 2}}]}",
			"country eq 'FR' or (amount ge 1 and amount le 2)",
		],
	];
	test.each(table)('%s', (_name, rows, combine, x3, xtrem, odata) => {
		expect(compile(rows, combine)).toEqual({ x3, xtrem, odata });
	});

	test('no conditions: no filter', () => {
		expect(compile([])).toEqual({ x3: undefined, xtrem: undefined, odata: undefined });
	});
});

describe('hostile values are escaped', () => {
	const hostile: Array<[string, string]> = [
		['single quote', "O'Brien"],
		['double quote', 'say "hi"'],
		['backslash', 'C:\\temp\\'],
		['escaped quote attempt', "\\'} , {code: {$ne: '"],
		['unicode', 'Zoë 北京 🚀'],
		['newline and tab', 'line1\nline2\r\n\tend'],
		['line separators', 'a\u2028b\u2029c'],
		['$ prefix', '$where'],
		['_ prefix', '_id: {_ne: null}'],
		['regex metacharacters', '^a.b*c+(d)[e]{2}|f?$/'],
	];

	test.each(hostile)('%s: the filter decodes to the exact value', (_name, value) => {
		const { x3, xtrem, odata } = compile([{ field: 'code', operator: 'equals', value }]);
		expect(parseJsonish(x3, 'filter', (m: string) => new Error(m))).toEqual({ code: { $eq: value } });
		expect(parseJsonish(xtrem, 'filter', (m: string) => new Error(m))).toEqual({ code: { _eq: value } });
		expect(x3).not.toMatch(/[\n\r\u2028\u2029]/);
		expect(odata).toBe(`code eq '${value.replace(/'/g, "''")}'`);
	});

	test.each(hostile)('%s: Contains matches the value literally as a regular expression', (_name, value) => {
		const { xtrem, odata } = compile([{ field: 'code', operator: 'contains', value }]);
		const pattern = parseJsonish(xtrem, 'filter', (m: string) => new Error(m)).code._regex as string;
		const regex = new RegExp(pattern);
		expect(regex.exec(`xx${value}yy`)?.[0]).toBe(value);
		expect(regex.test(value.slice(1))).toBe(false);
		expect(odata).toBe(`contains(code, '${value.replace(/'/g, "''")}')`);
	});

	test('Is One Of with hostile values keeps each value whole', () => {
		const { xtrem } = compile([{ field: 'code', operator: 'isOneOf', value: ["a'b", 'c"d', 'e\\f'] }]);
		expect(parseJsonish(xtrem, 'filter', (m: string) => new Error(m))).toEqual({ code: { _in: ["a'b", 'c"d', 'e\\f'] } });
	});
});

describe('bad conditions fail naming the condition', () => {
	const bad: Array<[string, RawCondition[], RegExp]> = [
		['no field', [{ field: '', operator: 'equals', value: 'x' }], /^Condition 1: choose a field/],
		['field name with syntax', [{ field: 'code}, {x', operator: 'equals', value: 'x' }], /^Condition 1: "code}, \{x" is not a field name/],
		['$ field', [{ field: '$where', operator: 'equals', value: 'x' }], /^Condition 1: "\$where" is not a field name/],
		['unknown field', [{ field: 'country', operator: 'equals', value: 'x' }, { field: 'Country2', operator: 'equals', value: 'x' }], /^Condition 2: unknown field "Country2"/],
		['unknown operator', [{ field: 'code', operator: 'like', value: 'x' }], /^Condition 1: unknown operator "like"/],
		['operator not for the type', [{ field: 'amount', operator: 'contains', value: '1' }], /^Condition 1: "Contains" does not apply to the number field amount/],
		['number operator on a date', [{ field: 'updatedAt', operator: 'gt', value: '2026-01-01' }], /^Condition 1: "Greater Than \(>\)" does not apply to the date field updatedAt/],
		['boolean with equals', [{ field: 'isActive', operator: 'equals', value: 'true' }], /^Condition 1: "Equals" does not apply to the boolean field isActive/],
		['not a number', [{ field: 'amount', operator: 'gt', value: '12abc' }], /^Condition 1: the number field amount cannot be compared with "12abc"/],
		['number list with a word', [{ field: 'amount', operator: 'isOneOf', value: '1, two' }], /^Condition 1: the number field amount cannot be compared with "two"/],
		['not a date', [{ field: 'updatedAt', operator: 'after', date: 'yesterday' }], /^Condition 1: the date field updatedAt cannot be compared with "yesterday"/],
		['between without end', [{ field: 'amount', operator: 'between', value: '1' }], /^Condition 1: "Between" needs a Value To/],
		['date missing', [{ field: 'updatedAt', operator: 'before' }], /^Condition 1: "Is Before \(<\)" needs a Value \(Date\)/],
		['empty list', [{ field: 'code', operator: 'isOneOf', value: ' , ' }], /^Condition 1: "Is One Of" needs at least one value/],
		['contains nothing', [{ field: 'code', operator: 'contains', value: '' }], /^Condition 1: "Contains" needs a Value/],
		['prototype key is no field', [{ field: 'constructor', operator: 'equals', value: 'x' }], /^Condition 1: unknown field "constructor"/],
	];
	test.each(bad)('%s', (_name, rows, message) => {
		let error: unknown;
		try {
			checkConditions(rows, FIELDS);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ConditionError);
		expect((error as Error).message).toMatch(message);
	});

	test('an unknown field lists the fields and a near match', () => {
		try {
			checkConditions([{ field: 'COUNTRY', operator: 'equals', value: 'FR' }], FIELDS);
			throw new Error('not thrown');
		} catch (error) {
			expect((error as ConditionError).hint).toMatch(/^Did you mean country\? Fields that can be filtered: amount, code, country, isActive, orderDate, updatedAt$/);
		}
	});
});

describe('field types from the schema', () => {
	test.each([
		['String', 'text'],
		['ID', 'text'],
		['Int', 'number'],
		['Float', 'number'],
		['Decimal', 'number'],
		['Boolean', 'boolean'],
		['DateTime', 'date'],
		['Datetime', 'date'],
		['Date', 'date'],
		['SomeEnum', 'text'],
		[undefined, 'text'],
	])('%s → %s', (graphqlType, type) => {
		expect(filterFieldOfGraphqlType(graphqlType).type).toBe(type);
	});

	test('an entity gives its leaf fields', () => {
		expect(filterFieldsOfEntity({ fields: ['_id', 'code', 'amount', 'createdOn'], fieldTypes: { _id: 'ID', code: 'String', amount: 'Decimal', createdOn: 'Date' } })).toEqual({
			_id: { type: 'text' },
			code: { type: 'text' },
			amount: { type: 'number' },
			createdOn: { type: 'date', dateOnly: true },
		});
	});
});

describe('with Filter (Advanced)', () => {
	test('both must hold', () => {
		expect(andSageFilters(["{country: {_eq: 'FR'}}", "{code: {_regex: '^AE'}}"], '_')).toBe("{_and: [{country: {_eq: 'FR'}}, {code: {_regex: '^AE'}}]}");
		expect(andSageFilters([undefined, "{code: {$regex: '^AE'}}"], '$')).toBe("{code: {$regex: '^AE'}}");
		expect(andSageFilters([undefined, '  '], '$')).toBeUndefined();
	});
});
