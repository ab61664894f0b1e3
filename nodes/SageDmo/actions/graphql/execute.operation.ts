import { NodeOperationError, updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { graphqlCallProperties, prepareGraphqlCall, runGraphqlCall } from '../../../shared/graphql';
import { prepareItems, runEach } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';

const properties: INodeProperties[] = graphqlCallProperties({
	displayOptions: {},
	queryPlaceholder: 'query { xtremMasterData { customer { query(first: 10) { edges { node { _id id name } } } } } }',
	connectionPathPlaceholder: 'xtremMasterData.customer.query',
});

export const description = updateDisplayOptions({ show: { resource: ['graphql'], operation: ['execute'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => {
		const app = String(this.getNodeParameter('app', itemIndex, 'sdmo') ?? '').trim();
		if (!app) throw new NodeOperationError(node, '"App" must not be empty (for example sdmo or shopfloor)', { itemIndex });
		return { app, call: prepareGraphqlCall(node, this.getNodeParameter.bind(this), itemIndex) };
	});
	const done = await runEach(this, prepared, async ({ app, call }, itemIndex) => {
		const url = await session.appGraphqlUrl(app, itemIndex);
		return await runGraphqlCall.call(this, session.connection, url, call, itemIndex);
	});
	return [...failed, ...done];
}
