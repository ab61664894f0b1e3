import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runPlannedWrite, withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { parseJsonObjectParameter, prepareItems, runEach } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';
import { parseRecordId, parseSelection } from '../../helpers/parameters';
import { fieldsOptions, recordIdProperty } from './common';
import { mutationTarget } from './mutate';
import { planSdmoWrite, sdmoWriteOutput } from './write';

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
		const resolved = await mutationTarget.call(this, session, input.target, 'update', itemIndex);
		return await runPlannedWrite({
			...planSdmoWrite.call(this, session, resolved, { kind: 'update', recordId: input.recordId, data: input.data, selection: input.selection, itemIndex }),
			output: (checked) => withConfirmedOutcome(sdmoWriteOutput('update', input.recordId, checked), checked),
		});
	});
	return [...failed, ...done];
}
