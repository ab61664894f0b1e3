import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { parseJsonObjectParameter, prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import { parseRecordId, parseSelection } from '../../helpers/parameters';
import { fieldsOption, recordIdParameter, show, type RecordContext } from './common';
import { runMutation } from './mutate';

export const description: INodeProperties[] = [
	recordIdParameter('update', 'The _id, or the natural key prefixed with # (e.g. #FR0006), of the record to update'),
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "name": ""\n}',
		description: 'Fields to change as JSON; fields left out keep their value',
		displayOptions: show('update'),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show('update'),
		options: [fieldsOption],
	},
];

export async function execute(this: IExecuteFunctions, context: RecordContext, itemCount: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, itemCount, (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const recordId = parseRecordId(node, this.getNodeParameter('recordId', itemIndex), 'Record ID', itemIndex);
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field to change', { itemIndex });
		return { target: context.targetOf(itemIndex), recordId, data, selection: parseSelection(node, options.fields, 'Fields', itemIndex) };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(
			this,
			context,
			input.target,
			'update',
			itemIndex,
			() => ({ data: { ...input.data, _id: input.recordId } }),
			input.selection,
		);
		return withDiagnoses((payload ?? {}) as IDataObject, warnings, '_diagnoses');
	});
	return [...failed, ...done];
}
