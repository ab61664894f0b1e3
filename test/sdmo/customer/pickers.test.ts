/* Sage DMO → Customer: the Record picker of Get, Update and Delete (methods/listSearch searchRecords) and the locator's values. */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type INode } from 'n8n-workflow';

import { searchRecords } from '../../../nodes/SageDmo/methods/listSearch';
import { SageDmo } from '../../../nodes/SageDmo/SageDmo.node';
import { TestNodeTypes } from '../../harness/node-types';
import { addCredential, engine, run, sandbox, type Json, useSdmoSandbox } from '../setup';

useSdmoSandbox();

function context(parameters: Json = {}) {
	const credentialId = addCredential();
	const node: INode = {
		id: 'n',
		name: 'Sage DMO',
		type: 'sageDmo',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'customer', operation: 'get', app: 'sdmo', ...parameters } as never,
		credentials: { sageDmoApi: { id: credentialId, name: engine.store.get(credentialId).name } },
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sageDmo: new SageDmo() }) });
	return new LoadOptionsContext(workflow, node, { credentialsHelper: engine.credentialsHelper, currentNodeParameters: node.parameters } as never, 'parameters.recordId' as never);
}

const customers = () => sandbox.sdmo.customers() as Json[];

test('the list pages 50 customers at a time by cursor, each shown by natural key and name with its _id as the value', async () => {
	const first = await searchRecords.call(context());
	expect(first.results).toEqual(customers().slice(0, 50).map((c) => ({ name: `${c.id} – ${c.name}`, value: c._id })));
	expect(first.paginationToken).toEqual(expect.any(String));
	const second = await searchRecords.call(context(), undefined, first.paginationToken);
	expect(second.results.map((r) => r.value)).toEqual(customers().slice(50, 100).map((c) => c._id));
});

test('a search matches the natural key or the name, literally', async () => {
	const found = await searchRecords.call(context(), 'GB001');
	const expected = customers().filter((c) => c.id.includes('GB001') || c.name.includes('GB001'));
	expect(expected.length).toBeGreaterThan(1);
	expect(found.results.map((r) => r.value)).toEqual(expected.slice(0, 50).map((c) => c._id));
	sandbox.sdmo.change('customer', '5', { name: 'Atlas (North) Ltd.*' });
	const literal = await searchRecords.call(context(), '(North) Ltd.*');
	expect(literal.results).toEqual([{ name: `${customers()[4].id} – Atlas (North) Ltd.*`, value: '5' }]);
});

test('an entity picks its own records; Get takes the locator’s list, key and mapped values', async () => {
	const suppliers = await searchRecords.call(context({ resource: 'entity', entity: 'xtremMasterData.supplier' }));
	expect(suppliers.results.map((r) => r.value)).toEqual((sandbox.sdmo.records('supplier') as Json[]).slice(0, 50).map((s) => s._id));
	const id = addCredential();
	for (const recordId of [{ __rl: true, mode: 'list', value: '2' }, { __rl: true, mode: 'id', value: '#GB0002' }, { __rl: true, mode: 'id', value: '={{ $json.key }}' }, '2']) {
		const r = await run(id, { resource: 'customer', operation: 'get', recordId }, [{ key: '2' }]);
		expect([recordId, r.error, r.items[0]?.json.id]).toEqual([recordId, undefined, 'GB0002']);
	}
});
