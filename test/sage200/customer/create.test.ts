/* Sage 200 → Customer → Create: a customer created (then updated and deleted), and Sage's validation errors, run through n8n's engine against the sandbox over HTTP. */
import { useSage200Suite } from '../setup';

const suite = useSage200Suite({ latencyMs: 15 });
const { run } = suite;

describe('Sage 200 → Customer → Create', () => {
	test('Create, Update and Delete a customer', async () => {
		const created = await run({ resource: 'customer', operation: 'create', reference: 'NEWC0001'.slice(0, 8), name: 'New Customer Ltd', additionalFields: '{"credit_limit": 1500}' });
		expect(created.error).toBeUndefined();
		const id = created.items[0].json.id as number;
		expect(created.items[0].json).toMatchObject({ reference: 'NEWC0001', name: 'New Customer Ltd', credit_limit: 1500 });
		expect(suite.s200.records(1, 'customers').find((c: any) => c.id === id)?.name).toBe('New Customer Ltd');
		expect(suite.s200.records(2, 'customers').some((c: any) => c.reference === 'NEWC0001')).toBe(false);

		const updated = await run({ resource: 'customer', operation: 'update', recordId: String(id), updateFields: { credit_limit: 2500, name: "O'Neill Trading Ltd" } });
		expect(updated.error).toBeUndefined();
		expect(updated.items[0].json).toMatchObject({ id, credit_limit: 2500, name: "O'Neill Trading Ltd" });
		const lastWrite = suite.s200.writeLog[suite.s200.writeLog.length - 1];
		expect(lastWrite).toMatchObject({ op: 'update', id, company: 1, body: { credit_limit: 2500, name: "O'Neill Trading Ltd" } });

		const deleted = await run({ resource: 'customer', operation: 'delete', recordId: String(id) });
		expect(deleted.error).toBeUndefined();
		expect(deleted.items[0].json).toEqual({ id, deleted: true });
		expect(suite.s200.records(1, 'customers').some((c: any) => c.id === id)).toBe(false);
	});

	test('Sage validation errors come back as NodeApiError with Sage\'s message', async () => {
		const r = await run({ resource: 'customer', operation: 'create', reference: 'ABS001', name: 'Duplicate' });
		expect(r.error?.name).toBe('NodeApiError');
		expect(r.error?.message).toMatch(/Creating customer failed: .*already exists/);
	});
});
