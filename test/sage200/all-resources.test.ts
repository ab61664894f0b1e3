/* Every resource and every operation the table offers, run through the engine against the sandbox. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { SAGE200_RESOURCES, type Sage200Resource } from '../../nodes/Sage200/actions/resources';
import { startSage200Env, type Sage200Env } from './setup';

let env: Sage200Env;
beforeAll(async () => {
	env = await startSage200Env({ sage200: { customers: 60, customers2: 10, counts: { 1: { products: 30, suppliers: 20, sop_orders: 20, pop_orders: 10, sop_quotes: 5, nominal_codes: 20, customer_delivery_addresses: 10 } } } });
});
afterAll(async () => await env.close());
beforeEach(() => env.server.resetCounters());

const first = (path: string) => env.s200.records(1, path)[0] as IDataObject;

/** Parameters of a Create per resource: the key fields the node asks for, plus what the sandbox validates. */
function createParameters(resource: Sage200Resource): INodeParameters {
	switch (resource.path) {
		case 'cost_centres':
			return { code: 'NCC', additionalFields: { name: 'New Centre' } };
		case 'customers':
			return { reference: 'NEW001', name: 'New Customer Ltd' };
		case 'customer_contacts':
			return { parentId: String(first('customers').id), additionalFields: { first_name: 'Nora', last_name: "O'Hara" } };
		case 'customer_delivery_addresses':
			return { customer_id: first('customers').id as number, description: 'Warehouse door 2', tax_code_id: first('tax_codes').id as number };
		case 'departments':
			return { code: 'NDP', additionalFields: { name: 'New Department' } };
		case 'nominal_codes':
			return { reference: '99990', report_category_id: 1, additionalFields: { name: 'Suspense' } };
		case 'products':
			return { code: 'NEWPROD1', name: 'New Product', product_group_id: first('product_groups').id as number };
		case 'pop_orders':
			return { supplier_id: first('suppliers').id as number, additionalFields: { document_no: 'PONEW0001' } };
		case 'sop_orders':
			return { customer_id: first('customers').id as number, document_no: 'SONEW00001' };
		case 'sop_quotes':
			return { customer_id: first('customers').id as number, customer_type: 'EnumCustomerTypeCustomer', document_no: 'QNEW000001' };
		case 'suppliers':
			return { reference: 'NEWSUP1', name: 'New Supplier Ltd' };
		case 'supplier_contacts':
			return { parentId: String(first('suppliers').id), additionalFields: { first_name: 'Sam', last_name: 'Supplier' } };
		case 'warehouses':
			return { name: 'NEWWH' };
		default:
			throw new Error(`no create parameters for ${resource.path}`);
	}
}

const UPDATES: Record<string, IDataObject> = {
	customer_contacts: { first_name: 'Updated' },
	supplier_contacts: { first_name: 'Updated' },
	customer_delivery_addresses: { description: 'Updated' },
	sop_orders: { customer_document_no: 'UPDATED' },
	sop_quotes: { customer_document_no: 'UPDATED' },
	pop_orders: { supplier_document_no: 'UPDATED' },
	warehouses: { description: 'Updated' },
	products: { description: 'Updated' },
};
const updateFor = (resource: Sage200Resource) => UPDATES[resource.path] ?? { name: 'Updated' };

describe.each(SAGE200_RESOURCES.map((r) => [r.displayName, r] as const))('%s', (_name, resource) => {
	test('Get Many (limit) and Get', async () => {
		const list = await env.run({ resource: resource.value, operation: 'getAll', returnAll: false, limit: 3 });
		expect(list.error).toBeUndefined();
		const expected = env.s200.records(1, resource.path).slice(0, 3).map((r: IDataObject) => r.id);
		expect(list.items.map((i) => i.json.id)).toEqual(expected);
		expect(env.server.count(`s200.${resource.path}.list`)).toBe(1);

		const got = await env.run({ resource: resource.value, operation: 'get', recordId: String(expected[0]) });
		expect(got.error).toBeUndefined();
		expect(got.items[0].json.id).toBe(expected[0]);
		expect(env.server.count(`s200.${resource.path}.get`)).toBe(1);
	});

	test('Get Many (return all) matches the sandbox', async () => {
		const all = await env.run({ resource: resource.value, operation: 'getAll', returnAll: true, listOptions: { pageSize: 7, concurrency: 2 } });
		expect(all.error).toBeUndefined();
		expect(all.items.map((i) => i.json.id)).toEqual(env.s200.records(1, resource.path).map((r: IDataObject) => r.id));
		expect(env.server.maxInFlight[`s200.${resource.path}.list`] ?? 0).toBeLessThanOrEqual(2);
	});

	if (resource.parent) {
		test(`Get Many narrowed to one ${resource.parent.displayName}`, async () => {
			const parentId = first(resource.parent!.path).id;
			const r = await env.run({ resource: resource.value, operation: 'getAll', returnAll: true, parentId: String(parentId) });
			expect(r.error).toBeUndefined();
			expect(r.items.length).toBeGreaterThan(0);
			for (const item of r.items) expect(item.json[resource.parent!.field]).toBe(parentId);
			expect(env.server.log.filter((e: IDataObject) => String(e.path).includes(`/${resource.parent!.path}/${parentId}/${resource.path}`))).toHaveLength(1);
		});
	}

	if (resource.operations.includes('create')) {
		test('Create, Update, Delete', async () => {
			const created = await env.run({ resource: resource.value, operation: 'create', ...createParameters(resource) });
			expect(created.error).toBeUndefined();
			const id = created.items[0].json.id as number;
			expect(env.s200.records(1, resource.path).some((r: IDataObject) => r.id === id)).toBe(true);

			const change = updateFor(resource);
			const updated = await env.run({ resource: resource.value, operation: 'update', recordId: String(id), updateFields: change as never });
			expect(updated.error).toBeUndefined();
			expect(updated.items[0].json).toMatchObject(change);
			expect(env.s200.records(1, resource.path).find((r: IDataObject) => r.id === id)).toMatchObject(change);

			const deleted = await env.run({ resource: resource.value, operation: 'delete', recordId: String(id) });
			expect(deleted.error).toBeUndefined();
			expect(deleted.items).toEqual([{ json: { id, deleted: true }, pairedItem: { item: 0 } }]);
			expect(env.s200.records(1, resource.path).some((r: IDataObject) => r.id === id)).toBe(false);
			expect(env.s200.writeLog.filter((w: IDataObject) => w.id === id && w.resource === resource.path).map((w: IDataObject) => w.op)).toEqual(['create', 'update', 'delete']);
		});
	}
});
