import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { graphqlCallProperties, prepareGraphqlCall, runGraphqlCall } from '../../../shared/graphql';
import { prepareItems, runEach } from '../../../shared/utils';
import { appGraphqlUrl, type SdmoSession } from '../../helpers/connection';

export const description: INodeProperties[] = graphqlCallProperties({
	displayOptions: { show: { resource: ['graphql'], operation: ['execute'] } },
	queryPlaceholder: 'query { xtremMasterData { customer { query(first: 10) { edges { node { _id id name } } } } } }',
	connectionPathPlaceholder: 'xtremMasterData.customer.query',
});

export async function execute(this: IExecuteFunctions, session: SdmoSession, itemCount: number): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, itemCount, (itemIndex) => {
		const app = String(this.getNodeParameter('app', itemIndex, 'sdmo') ?? '').trim();
		if (!app) throw new NodeOperationError(node, '"App" must not be empty (for example sdmo or shopfloor)', { itemIndex });
		return { app, call: prepareGraphqlCall(node, this.getNodeParameter.bind(this), itemIndex) };
	});
	const done = await runEach(this, prepared, async ({ app, call }, itemIndex) => {
		const url = await appGraphqlUrl.call(this, session, app, itemIndex);
		return await runGraphqlCall.call(this, session.connection, url, call, itemIndex);
	});
	return [...failed, ...done];
}
