import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { sageRequest } from '../../../shared/transport';
import { requireNonEmptyString } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { writeX3Items } from '../write';
import { fileProperty } from './common';
import { findDeliveryFile, listDeliveryFiles } from './files';

const properties: INodeProperties[] = [folderLocator, fileProperty];

const displayOptions = { show: { resource: ['dataDelivery'], operation: ['delete'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await writeX3Items(
		this,
		items,
		session,
		'dataDelivery',
		(itemIndex) => ({
			file: requireNonEmptyString(node, this.getNodeParameter('file', itemIndex, ''), 'File', itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ file }, deliveryUrl, itemIndex) => {
			const target = await findDeliveryFile.call(this, session, deliveryUrl, file, itemIndex, items[itemIndex]?.json);
			const { connection } = await session.connection();
			return {
				node,
				itemIndex,
				kind: 'delete',
				send: async () => await sageRequest.call(this, connection, { method: 'DELETE', url: target.deleteUrl, action: `Deleting ${target.key}`, itemIndex }),
				// A fresh listing, not the run's: whether the file is still there now.
				readBack: async () => (await listDeliveryFiles.call(this, session, deliveryUrl, itemIndex)).find((entry) => entry.key === target.key),
				howToCheck: `List Files in the folder and look for ${target.key}`,
				output: (result) => withConfirmedOutcome({ key: target.key, deleted: true }, result),
			};
		},
	);
}
