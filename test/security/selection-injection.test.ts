/**
 * Security issue, finding 9 (selection check): a Fields selection is put inside one field's
 * braces, so it must not be able to close them and add a sibling field, another operation, a
 * type definition or a fragment. Each payload below passed the old `{ ${selection} }` parse.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { checkSelection } from '../../nodes/shared/graphql';
import { Engine } from '../harness/engine';

const { startSandbox } = require('../sandbox/index.js');

const runNode = (): INode => ({ id: 'n', name: 'Sage DMO', type: 'sageDmo', typeVersion: 1, position: [0, 0], parameters: {} });

const injections = [
	['a sibling "query" field', '_id } query { totalCount'],
	['a second operation', '_id } { other'],
	['a type definition', 'code } type X { a: Int'],
	['a fragment definition', 'code } fragment F on Customer { name'],
	['a fragment spread', 'code ...F'],
];

test.each(injections)('%s is refused, naming the Fields parameter (%s)', (_label, selection) => {
	let error: unknown;
	try {
		checkSelection(runNode(), selection, 'Fields', 2);
	} catch (caught) {
		error = caught;
	}
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toMatch(/^Invalid GraphQL in "Fields"/);
	expect((error as NodeOperationError).context.itemIndex).toBe(2);
});

test('ordinary selections still pass: nested fields, arguments, inline fragments, directives', () => {
	for (const selection of ['code companyName', 'code address { city country { code } }', 'lines(first: 5) { edges { node { _id } } }', '_id ... on Customer { name }', 'code name @include(if: true)']) {
		expect(() => checkSelection(runNode(), selection, 'Fields', 0)).not.toThrow();
	}
});

test('a syntax error still points into the selection', () => {
	expect(() => checkSelection(runNode(), 'code name(: 1)', 'Fields', 0)).toThrow(/^Invalid GraphQL in "Fields" at line 1, column 11: Expected Name, found ":"/);
});

test('through the SDMO node: the injected sibling query never reaches Sage', async () => {
	const sandbox = await startSandbox();
	try {
		const engine = new Engine({ nodes: { sageDmo: new SageDmo() }, credentials: [new SageDmoApi()] });
		engine.addCredential('c', 'sageDmoApi', {
			clientId: sandbox.sdmo.demo.clientId,
			clientSecret: sandbox.sdmo.demo.clientSecret,
			tenantId: sandbox.sdmo.demo.tenantId,
			tokenUrl: `${sandbox.url}/sdmo/v1/token`,
		});
		const result = await engine.run({
			type: 'sageDmo',
			parameters: { resource: 'customer', operation: 'get', recordId: '1', options: { fields: '_id } query { totalCount' } },
			credentials: { sageDmoApi: 'c' },
		});
		expect(result.error?.message).toMatch(/^Invalid GraphQL in "Fields \(Selection\)"/);
		const bodies = sandbox.server.log.map((entry: { rawBody?: Buffer }) => entry.rawBody?.toString('utf8') ?? '');
		expect(bodies.filter((body: string) => body.includes('totalCount'))).toEqual([]);
	} finally {
		await sandbox.close();
	}
});
