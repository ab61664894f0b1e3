/* Sage 200 → Sales Order → Get Many: orders with their expanded lines, Simplify against Sage's plain JSON and an OData-annotating gateway. */
import type { IDataObject } from 'n8n-workflow';

import { useSage200Suite } from '../setup';

const list = (simple?: boolean) => ({
	resource: 'salesOrder',
	operation: 'getAll',
	returnAll: false,
	limit: 6,
	listOptions: { expand: 'lines' },
	...(simple === undefined ? {} : { simple }),
});
const keysWithAt = (value: unknown): string[] => {
	if (Array.isArray(value)) return value.flatMap(keysWithAt);
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, inner]) => [...(key.includes('@') ? [key] : []), ...keysWithAt(inner)]);
};

describe('as Sage 200 documents its answers (plain JSON)', () => {
	const suite = useSage200Suite();

	test('orders with their lines: the same with Simplify on and off', async () => {
		const simple = await suite.run(list());
		const raw = await suite.run(list(false));
		expect(simple.error).toBeUndefined();
		expect(simple.items).toHaveLength(6);
		expect(simple.items.map((item) => item.json)).toEqual(raw.items.map((item) => item.json));
		const counts = simple.items.map((item) => (item.json.lines as IDataObject[]).length);
		expect(Math.max(...counts)).toBeGreaterThan(1);
		expect(simple.items.every((item) => (item.json.lines as IDataObject[]).every((line) => line.sop_order_id === item.json.id))).toBe(true);
	});
});

describe('behind a gateway that adds OData annotations', () => {
	const suite = useSage200Suite({ sage200: { odataAnnotations: true } });

	test('Simplify: no annotation left, the records and their lines otherwise as sent', async () => {
		const raw = await suite.run(list(false));
		expect(new Set(keysWithAt(raw.items.map((item) => item.json)))).toEqual(new Set(['@odata.etag', 'lines@odata.count']));
		const simple = await suite.run(list());
		expect(simple.error).toBeUndefined();
		expect(keysWithAt(simple.items.map((item) => item.json))).toEqual([]);
		expect(simple.items.map((item) => item.json)).toEqual(
			raw.items.map(({ json: { '@odata.etag': _etag, 'lines@odata.count': _count, ...rest } }) => rest),
		);
	});

	test('customers with their contacts: the contacts keep every field, without annotations', async () => {
		const parameters = { resource: 'customer', operation: 'getAll', returnAll: false, limit: 3, listOptions: { expand: 'contacts' } };
		const raw = await suite.run({ ...parameters, simple: false });
		const simple = await suite.run(parameters);
		expect(simple.error).toBeUndefined();
		const contacts = (items: typeof raw.items) => items.map((item) => item.json.contacts as IDataObject[]);
		expect(contacts(raw.items).every((list) => list.length > 0 && list.every((contact) => contact['@odata.etag'] !== undefined))).toBe(true);
		expect(contacts(simple.items)).toEqual(contacts(raw.items).map((list) => list.map(({ '@odata.etag': _etag, ...contact }) => contact)));
	});
});
