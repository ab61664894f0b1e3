/* Sage 200 → Sales Order → Get: an order with its expanded lines and customer, and Simplify against Sage's plain JSON and an OData-annotating gateway. */
import type { IDataObject } from 'n8n-workflow';

import { useSage200Suite } from '../setup';

type Order = IDataObject & { id: number };
const get = (recordId: number, simple?: boolean) => ({
	resource: 'salesOrder',
	operation: 'get',
	recordId: String(recordId),
	getOptions: { expand: 'lines,customer' },
	...(simple === undefined ? {} : { simple }),
});

describe('as Sage 200 documents its answers (plain JSON)', () => {
	const suite = useSage200Suite();

	test('an order with its lines and customer: Simplify on and off give the same record', async () => {
		const [order] = suite.s200.records(1, 'sop_orders') as Order[];
		const simple = await suite.run(get(order.id));
		const raw = await suite.run(get(order.id, false));
		expect(simple.error).toBeUndefined();
		expect(simple.items[0].json).toEqual(raw.items[0].json);
		const lines = simple.items[0].json.lines as IDataObject[];
		expect(lines.length).toBeGreaterThan(0);
		expect(lines[0]).toMatchObject({ sop_order_id: order.id, line_number: 1, line_quantity: expect.any(Number) });
		expect((simple.items[0].json.customer as IDataObject).id).toBe(order.customer_id);
	});
});

describe('behind a gateway that adds OData annotations', () => {
	const suite = useSage200Suite({ sage200: { odataAnnotations: true } });

	test('Simplify drops @odata.* at every level and keeps everything else as sent', async () => {
		const [order] = suite.s200.records(1, 'sop_orders') as Order[];
		const raw = (await suite.run(get(order.id, false))).items[0].json;
		expect(raw['@odata.etag']).toEqual(expect.stringMatching(/^W\//));
		expect(raw['lines@odata.count']).toBe((raw.lines as unknown[]).length);
		const { '@odata.etag': etag, 'lines@odata.count': count, customer, ...rest } = raw;
		const { '@odata.etag': customerEtag, ...customerRest } = customer as IDataObject;
		expect([etag, count, customerEtag].every((value) => value !== undefined)).toBe(true);

		const simple = await suite.run(get(order.id));
		expect(simple.error).toBeUndefined();
		expect(simple.items[0].json).toEqual({ ...rest, customer: customerRest });
	});
});

describe('behind a gateway that pages expanded collections', () => {
	const suite = useSage200Suite({ sage200: { expandedPageSize: 1 } });

	test('lines cut short fail the item under Simplify; without it the record comes with its next link', async () => {
		const orders = suite.s200.records(1, 'sop_orders') as Order[];
		const raws = await Promise.all(orders.slice(0, 3).map(async (order) => (await suite.run(get(order.id, false))).items[0].json));
		const cut = raws.find((raw) => raw['lines@odata.nextLink'] !== undefined)!;
		expect(cut.lines).toHaveLength(1);

		const simple = await suite.run(get(cut.id as number), { continueOnFail: true });
		expect(simple.items[0].json.error).toBe('Sage 200 sent only part of "lines" (a next link came with it): "Simplify" would drop the rest');
		const failed = await suite.run(get(cut.id as number));
		expect(failed.error?.name).toBe('NodeOperationError');
	});
});
