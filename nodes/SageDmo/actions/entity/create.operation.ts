import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { SdmoSession } from '../../helpers/connection';
import { parseJsonObjectParameter, prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import { parseSelection } from '../../helpers/parameters';
import { fieldsOptions } from './common';
import { runMutation } from './mutate';

export const properties: INodeProperties[] = [
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "id": "",\n  "name": ""\n}',
		description: 'Fields of the new record as JSON; references take an _id or a #natural key',
	},
	fieldsOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field', { itemIndex });
		return { target: session.targetOf(itemIndex), data, selection: parseSelection(node, options.fields, 'Fields', itemIndex) };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(this, session, input.target, 'create', itemIndex, () => ({ data: input.data }), input.selection);
		return withDiagnoses((payload ?? {}) as IDataObject, warnings, '_diagnoses');
	});
	return [...failed, ...done];
}
