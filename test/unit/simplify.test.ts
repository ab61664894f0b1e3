/* GraphQL Execute's Simplify: connections unwrapped, the namespaces walked down to the records. */
import { simplifyGraphqlData, simplifyRecord } from '../../nodes/shared/graphql/simplify';

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
