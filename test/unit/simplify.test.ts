/* Simplify: GraphQL Execute's (connections unwrapped, the namespaces walked down to the records), entity reads' (X3, SDMO) and Sage 200 reads'. */
import type { INode } from 'n8n-workflow';

import { simplifySage200Record } from '../../nodes/Sage200/helpers/simplify';
import { readSimplify } from '../../nodes/shared/descriptions';
import { simplifyEntityRecord, simplifyGraphqlData, simplifyItemRecord, simplifyRecord, TruncatedCollectionError } from '../../nodes/shared/graphql/simplify';

const node: INode = { id: 'n', name: 'Sage', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

describe('simplifyGraphqlData', () => {
	test('an SDMO query answer becomes one item per record', () => {
		const data = { xtremMasterData: { customer: { query: { edges: [{ node: { _id: '1', id: 'GB1' } }, { node: { _id: '2', id: 'GB2' } }], pageInfo: { hasNextPage: true } } } } };
		expect(simplifyGraphqlData(data)).toEqual([
			{ _id: '1', id: 'GB1' },
			{ _id: '2', id: 'GB2' },
		]);
	});

	test('nested connections (order lines) inside each record are unwrapped too', () => {
		const data = { x3Sales: { salesOrder: { query: { edges: [{ node: { id: 'SO1', lines: { edges: [{ node: { item: 'A' } }, { node: { item: 'B' } }] } } }] } } } };
		expect(simplifyGraphqlData(data)).toEqual([{ id: 'SO1', lines: [{ item: 'A' }, { item: 'B' }] }]);
	});

	test('an answer with several fields stays one item, its connections unwrapped', () => {
		const data = { customers: { edges: [{ node: { code: 'C1' } }] }, suppliers: { totalCount: 3 } };
		expect(simplifyGraphqlData(data)).toEqual([{ customers: [{ code: 'C1' }], suppliers: { totalCount: 3 } }]);
	});

	test('a mutation answer (one record) is that record', () => {
		expect(simplifyGraphqlData({ xtremMasterData: { customer: { create: { _id: '9', name: 'New' } } } })).toEqual([{ _id: '9', name: 'New' }]);
	});

	test('a scalar at the end is kept under "value"; an empty list gives no items', () => {
		expect(simplifyGraphqlData({ a: { b: 42 } })).toEqual([{ value: 42 }]);
		expect(simplifyGraphqlData({ a: { query: { edges: [] } } })).toEqual([]);
	});

	test('a record without connections is unchanged', () => {
		expect(simplifyRecord({ code: 'C1', address: { city: 'Paris' }, tags: ['a'] })).toEqual({ code: 'C1', address: { city: 'Paris' }, tags: ['a'] });
	});
});

describe('simplifyEntityRecord (entity Get and Get Many on X3 and SDMO)', () => {

	test('connections (X3 older schema) and xtrem collections become lists; references stay objects', () => {
		const record = {
			_id: '7',
			customer: { _id: '3', id: 'GB3' },
			lines: { query: { totalCount: 2, edges: [{ node: { _id: '71', item: { id: 'I1' } }, cursor: 'a' }, { node: { _id: '72', item: { id: 'I2' } }, cursor: 'b' }], pageInfo: { hasNextPage: false } } },
			history: { edges: [{ node: { at: '2024' } }] },
		};
		expect(simplifyEntityRecord(record)).toEqual({
			_id: '7',
			customer: { _id: '3', id: 'GB3' },
			lines: [
				{ _id: '71', item: { id: 'I1' } },
				{ _id: '72', item: { id: 'I2' } },
			],
			history: [{ at: '2024' }],
		});
	});

	test('members named $... (metadata no GraphQL field can carry) go at every level; other keys stay', () => {
		const record = { code: 'C1', $urls: { self: 'u' }, lines: { edges: [{ node: { n: 1, $uuid: 'x' } }] }, _diagnoses: ['w'], query: 'kept: not a connection' };
		expect(simplifyEntityRecord(record)).toEqual({ code: 'C1', lines: [{ n: 1 }], _diagnoses: ['w'], query: 'kept: not a connection' });
	});

	test('a collection that says there is more throws, naming every such path, nested ones too', () => {
		const more = { pageInfo: { hasNextPage: true } };
		const record = { lines: { query: { edges: [{ node: { taxes: { edges: [], ...more } } }], ...more } }, notes: { edges: [], pageInfo: { hasNextPage: false } } };
		expect(() => simplifyEntityRecord(record)).toThrow(TruncatedCollectionError);
		expect(() => simplifyEntityRecord(record)).toThrow('Sage sent only part of the collection "lines", "lines[0].taxes" (its pageInfo says there is more)');
	});

	test('for an item: a NodeOperationError with the item index and the way out', () => {
		let caught: { name?: string; context: { itemIndex?: number }; description?: string } | undefined;
		try {
			simplifyItemRecord(node, { lines: { edges: [], pageInfo: { hasNextPage: true } } }, 4);
		} catch (error) {
			caught = error as typeof caught;
		}
		expect(caught?.name).toBe('NodeOperationError');
		expect(caught?.context.itemIndex).toBe(4);
		expect(caught?.description).toContain('turn off "Simplify"');
		expect(simplifyItemRecord(node, { a: 1 }, 0)).toEqual({ a: 1 });
	});

	test('the record given is not changed', () => {
		const record = { $urls: {}, lines: { edges: [{ node: { n: 1 } }] } };
		const copy = JSON.parse(JSON.stringify(record));
		simplifyEntityRecord(record);
		expect(record).toEqual(copy);
	});
});

describe('simplifySage200Record (Sage 200 Get and Get Many)', () => {

	test('OData annotations and verbose metadata go at every level; nested records stay as sent', () => {
		const record = {
			'@odata.context': 'c',
			'odata.metadata': 'm',
			id: 1,
			__metadata: { uri: 'u' },
			lines: [{ id: 11, '@odata.etag': 'e', product: { code: 'P' } }],
			'lines@odata.count': 1,
			contacts: { __deferred: { uri: 'u' } },
			main_address: { city: 'Leeds', 'city@odata.type': 'Edm.String' },
		};
		expect(simplifySage200Record(node, record, 0)).toEqual({ id: 1, lines: [{ id: 11, product: { code: 'P' } }], main_address: { city: 'Leeds' } });
	});

	test('a record with nothing to remove is kept as sent; one annotation or link deep down still takes the full path', () => {
		const plain = { id: 1, email: 'a@b.example', lines: [{ id: 2, note: 'odata.x', tags: ['@x'], product: { code: 'P', price: null } }] };
		const copy = JSON.parse(JSON.stringify(plain));
		expect(simplifySage200Record(node, plain, 0)).toBe(plain);
		expect(plain).toEqual(copy);

		const deep = { id: 1, lines: [{ id: 2 }, { id: 3, product: { code: 'P', 'code@odata.type': 'Edm.String' } }] };
		expect(simplifySage200Record(node, deep, 0)).toEqual({ id: 1, lines: [{ id: 2 }, { id: 3, product: { code: 'P' } }] });
		expect(simplifySage200Record(node, { id: 1, lines: [[{ contacts: { __deferred: { uri: 'u' } }, id: 4 }]] }, 0)).toEqual({ id: 1, lines: [[{ id: 4 }]] });
		expect(() => simplifySage200Record(node, { id: 1, lines: [{ id: 2, taxes: [{ 'items@odata.nextLink': 'n' }] }] }, 0)).toThrow('"lines[0].taxes[0].items"');
	});

	test('an expanded collection with a next link fails the item, naming it', () => {
		expect(() => simplifySage200Record(node, { id: 1, lines: [{ id: 2, 'taxes@odata.nextLink': 'n' }], 'lines@odata.nextLink': 'n' }, 2)).toThrow(
			'Sage 200 sent only part of "lines[0].taxes", "lines" (a next link came with it)',
		);
	});
});

describe('readSimplify', () => {
	test('true when absent, the boolean given, anything else refused naming Simplify', () => {
		expect(readSimplify(node, (_name: string, _index: number, fallback: unknown) => fallback, 0)).toBe(true);
		expect(readSimplify(node, () => false, 0)).toBe(false);
		expect(() => readSimplify(node, () => 'false', 3)).toThrow('"Simplify" must be true or false, got "false"');
	});
});
