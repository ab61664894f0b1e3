import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { companyConnection, getSage200Account, readCompanySite, type Sage200Account } from '../helpers/connection';
import { findResource, type Sage200Operation } from '../helpers/resources';
import { processItems, readCachedParameter } from '../../shared/utils';
import * as customApiCall from './customApiCall/request.operation';
import { operations } from './record/Record.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	// Read once per execution: every item shares the credential, each may name its own company.
	let account: Sage200Account | undefined;

	const output = await processItems(
		this,
		this.getInputData().length,
		(itemIndex) => {
			const resourceValue = readCachedParameter(this, 'resource', itemIndex) as string;
			const target = readCompanySite(node, readCachedParameter(this, 'company', itemIndex), readCachedParameter(this, 'site', itemIndex), itemIndex);
			if (resourceValue === customApiCall.CUSTOM_API_CALL) {
				return { kind: 'custom' as const, target, call: customApiCall.prepare.call(this, node, itemIndex) };
			}
			const operation = readCachedParameter(this, 'operation', itemIndex) as Sage200Operation;
			const resource = findResource(resourceValue);
			if (!resource || !resource.operations.includes(operation) || !(operation in operations)) {
				throw new NodeOperationError(node, `The operation "${operation}" is not available for the resource "${resourceValue}"`, { itemIndex });
			}
			return { kind: 'record' as const, resource, operation, target };
		},
		async (prepared, itemIndex) => {
			account ??= await getSage200Account.call(this, itemIndex);
			const connection = companyConnection(account, prepared.target);
			if (prepared.kind === 'custom') return await customApiCall.execute.call(this, prepared.call, connection, account.baseUrl, itemIndex);
			const { resource, operation } = prepared;
			return await operations[operation].call(this, {
				itemIndex,
				resource,
				connection,
				baseUrl: account.baseUrl,
			});
		},
	);
	return [output];
}
