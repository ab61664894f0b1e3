/* Sage 200 → Customer: the Record picker of Get, Update and Delete (methods/listSearch searchRecords) against the sandbox's customers. */
import { LoadOptionsContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { searchRecords } from '../../../nodes/Sage200/methods/listSearch';
import { Sage200 } from '../../../nodes/Sage200/Sage200.node';
import { TestNodeTypes } from '../../harness/node-types';
import { apiRequestsOf, decodedQuery, useSage200Suite } from '../setup';

const suite = useSage200Suite();

function context(parameters: IDataObject = {}) {
	const credential = suite.env.addCredential();
	const node: INode = {
		id: 'subject',
		name: 'Subject',
		type: 'sage200',
		typeVersion: 1,
		position: [0, 0],
		parameters: {
			resource: 'customer',
			operation: 'get',
			site: { __rl: true, mode: 'id', value: suite.s200.demo.siteId },
			company: { __rl: true, mode: 'list', value: '1' },
			...parameters,
		} as never,
		credentials: { sage200OAuth2Api: { id: credential, name: credential } },
	};
	const workflow = new Workflow({ id: 'w', name: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sage200: new Sage200() }) });
	const additionalData = { credentialsHelper: suite.env.engine.credentialsHelper, restApiUrl: 'http://127.0.0.1/rest', currentNodeParameters: node.parameters } as unknown as IWorkflowExecuteAdditionalData;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.recordId');
}

const customers = (company = 1) => suite.s200.records(company, 'customers') as Array<{ id: number; reference: string; name: string }>;

describe('Sage 200 Record picker', () => {
	test('the first page lists the first 100 customers by ID, shown by reference and name, with a token for the next', async () => {
		const first = await searchRecords.call(context());
		expect(first.results).toEqual(customers().slice(0, 100).map((c) => ({ name: `${c.reference} – ${c.name} (${c.id})`, value: String(c.id) })));
		expect(first.paginationToken).toBe('100');
		const second = await searchRecords.call(context(), undefined, first.paginationToken);
		expect(second.results.map((r) => r.value)).toEqual(customers().slice(100, 200).map((c) => String(c.id)));
		const [request] = apiRequestsOf(suite.server).filter((e: any) => e.name === 's200.customers.list');
		expect(request.headers['x-company']).toBe('1');
		expect(decodedQuery(request).get('$select')).toBe('id,reference,name');
	});

	test('a search matches reference or name (as Sage compares text, without case), quotes escaped', async () => {
		const result = await searchRecords.call(context(), 'garage');
		const expected = customers().filter((c) => `${c.reference} ${c.name}`.toLowerCase().includes('garage'));
		expect(expected.length).toBeGreaterThan(0);
		expect(result.results.map((r) => r.value)).toEqual(expected.slice(0, 100).map((c) => String(c.id)));
		suite.server.resetCounters();
		const quoted = await searchRecords.call(context(), "O'Brien");
		expect(decodedQuery(apiRequestsOf(suite.server)[0]).get('$filter')).toBe("contains(reference, 'O''Brien') or contains(name, 'O''Brien')");
		expect(quoted.results.map((r) => r.name)).toEqual(customers().filter((c) => c.name.includes("O'Brien")).map((c) => `${c.reference} – ${c.name} (${c.id})`));
	});

	test('a number also finds the record by ID; another company lists its own records', async () => {
		const [target] = customers();
		const byId = await searchRecords.call(context(), String(target.id));
		expect(byId.results.map((r) => r.value)).toContain(String(target.id));
		const other = await searchRecords.call(context({ company: { __rl: true, mode: 'id', value: '2' } }));
		expect(other.results.map((r) => r.value)).toEqual(customers(2).slice(0, 100).map((c) => String(c.id)));
	});
});
