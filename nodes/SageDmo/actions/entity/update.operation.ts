import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { SdmoSession } from '../../helpers/connection';
import { parseJsonObjectParameter, prepareItems, runEach, withDiagnoses } from '../../../shared/utils';
import { parseRecordId, parseSelection } from '../../helpers/parameters';
import { fieldsOptions, recordIdProperty } from './common';
import { runMutation } from './mutate';

export const properties: INodeProperties[] = [
	recordIdProperty('The _id, or the natural key prefixed with # (e.g. #FR0006), of the record to update'),
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "name": ""\n}',
		description: 'Fields to change as JSON; fields left out keep their value',
	},
	fieldsOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const recordId = parseRecordId(node, this.getNodeParameter('recordId', itemIndex), 'Record ID', itemIndex);
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field to change', { itemIndex });
		return { target: session.targetOf(itemIndex), recordId, data, selection: parseSelection(node, options.fields, 'Fields', itemIndex) };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const { payload, warnings } = await runMutation.call(
			this,
			session,
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
