import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { parseJsonObjectParameter, prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import { parseSelection } from '../../helpers/parameters';
import { fieldsOption, show, type RecordContext } from './common';
import { runMutation } from './mutate';

export const description: INodeProperties[] = [
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "id": "",\n  "name": ""\n}',
		description: 'Fields of the new record as JSON; references take an _id or a #natural key',
		displayOptions: show('create'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('create'),
		options: [fieldsOption],
	},
];

export async function execute(this: IExecuteFunctions, context: RecordContext, itemCount: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, itemCount, (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field', { itemIndex });
		return { target: context.targetOf(itemIndex), data, selection: parseSelection(node, options.fields, 'Fields', itemIndex) };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(this, context, input.target, 'create', itemIndex, () => ({ data: input.data }), input.selection);
		return withDiagnoses((payload ?? {}) as IDataObject, warnings, '_diagnoses');
	});
	return [...failed, ...done];
}
