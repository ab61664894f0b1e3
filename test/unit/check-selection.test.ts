/*
 * checkSelection parses each distinct selection once per node run (every item usually shares
 * one), and still refuses a bad one for every item that has it.
 */
import { NodeOperationError, type INode } from 'n8n-workflow';

import { checkSelection } from '../../nodes/shared/graphql';
import * as vendor from '../../nodes/shared/graphql/vendor';

jest.mock('../../nodes/shared/graphql/vendor', () => {
	const actual = jest.requireActual('../../nodes/shared/graphql/vendor');
	return { ...actual, parse: jest.fn(actual.parse) };
});

const parse = vendor.parse as jest.Mock;
const runNodeCopy = (): INode => ({ id: 'n', name: 'Sage X3', type: 'sageX3', typeVersion: 1, position: [0, 0], parameters: {} });

beforeEach(() => parse.mockClear());

test('a selection shared by 1,000 items is parsed once per run', () => {
	const node = runNodeCopy();
	for (let itemIndex = 0; itemIndex < 1000; itemIndex++) checkSelection(node, 'code companyName', 'Fields', itemIndex);
	expect(parse).toHaveBeenCalledTimes(1);
	checkSelection(node, 'code', 'Fields', 0);
	expect(parse).toHaveBeenCalledTimes(2);
	// Another run (another node copy) checks again.
	checkSelection(runNodeCopy(), 'code companyName', 'Fields', 0);
	expect(parse).toHaveBeenCalledTimes(3);
});

test('a bad selection fails every item that has it, naming the parameter and the item', () => {
	const node = runNodeCopy();
	for (const itemIndex of [3, 4]) {
		let error: unknown;
		try {
			checkSelection(node, 'code { ', 'Fields', itemIndex);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as NodeOperationError).message).toMatch(/^Invalid GraphQL in "Fields" at line 1/);
		expect((error as NodeOperationError).context.itemIndex).toBe(itemIndex);
	}
});
