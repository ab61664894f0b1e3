import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { requireNonEmptyString } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { planEntityWrite } from '../entity/write';
import { writeX3Items } from '../write';
import { resolveCustomer } from './common';
import { customerRecordProperty } from './fields';

const properties: INodeProperties[] = [folderLocator, customerRecordProperty];

const displayOptions = { show: { resource: ['customer'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await writeX3Items(
		this,
		items,
		session,
		'dataService',
		(itemIndex) => ({
			code: requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ code }, folderUrl, itemIndex) => {
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			const planned = planEntityWrite.call(this, session, { folderUrl, entity, kind: 'delete', key: code, data: {}, selection: '', itemIndex });
			return { ...planned, output: (result) => withConfirmedOutcome({ code, deleted: result.answer !== false }, result) };
		},
	);
}
