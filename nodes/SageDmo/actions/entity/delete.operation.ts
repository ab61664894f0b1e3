import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runPlannedWrite, withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { prepareItems, runEach } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';
import { parseRecordId } from '../../helpers/parameters';
import { recordIdProperty } from './common';
import { mutationTarget } from './mutate';
import { planSdmoWrite, sdmoWriteOutput } from './write';

export const properties: INodeProperties[] = [
	recordIdProperty('The _id, or the natural key prefixed with # (e.g. #FR0006), of the record to delete'),
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => ({
		target: session.targetOf(itemIndex),
		recordId: parseRecordId(node, this.getNodeParameter('recordId', itemIndex), 'Record ID', itemIndex),
	}));
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const resolved = await mutationTarget.call(this, session, input.target, 'delete', itemIndex);
		return await runPlannedWrite({
			...planSdmoWrite.call(this, session, resolved, { kind: 'delete', recordId: input.recordId, data: {}, itemIndex }),
			output: (checked) => withConfirmedOutcome(sdmoWriteOutput('delete', input.recordId, checked), checked),
		});
	});
	return [...failed, ...done];
}
