import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { graphqlCallProperties, prepareGraphqlCall, runGraphqlCall } from '../../../shared/graphql';
import { processItems } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';

const properties: INodeProperties[] = [
	folderLocator,
	...graphqlCallProperties({
		displayOptions: {},
		queryPlaceholder: '{ sage { x3BusinessPartners { customer(first: 2) { edges { node { code companyName } } } } } }',
		connectionPathPlaceholder: 'sage.x3BusinessPartners.customer',
	}),
];

const displayOptions = { show: { resource: ['graphql'], operation: ['execute'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await processItems(
		this,
		items.length,
		(itemIndex) => ({
			call: prepareGraphqlCall(this.getNode(), this.getNodeParameter.bind(this), itemIndex),
			folderName: folderNameOf.call(this, itemIndex),
		}),
		async ({ call, folderName }, itemIndex) => {
			const url = await session.folderUrl(folderName, 'dataService', itemIndex);
			const { connection } = await session.connection();
			return await runGraphqlCall.call(this, connection, url, call, itemIndex);
		},
	);
}
