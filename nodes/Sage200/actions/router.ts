import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { companyConnection, getSage200Account, readCompanySite, type Sage200Account } from '../helpers/connection';
import { findResource, type Sage200Operation } from '../helpers/resources';
import { processItems, readParameter } from '../../shared/utils';
import { operations } from './record/Record.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	// Read once per execution: every item shares the credential, each may name its own company.
	let account: Sage200Account | undefined;

	const output = await processItems(
		this,
		this.getInputData().length,
		(itemIndex) => {
			const resourceValue = readParameter(this, 'resource', itemIndex) as string;
			const operation = readParameter(this, 'operation', itemIndex) as Sage200Operation;
			const resource = findResource(resourceValue);
			if (!resource || !resource.operations.includes(operation) || !(operation in operations)) {
				throw new NodeOperationError(node, `The operation "${operation}" is not available for the resource "${resourceValue}"`, { itemIndex });
			}
			const target = readCompanySite(node, readParameter(this, 'company', itemIndex), readParameter(this, 'site', itemIndex), itemIndex);
			return { resource, operation, target };
		},
		async ({ resource, operation, target }, itemIndex) => {
			account ??= await getSage200Account.call(this, itemIndex);
			return await operations[operation].call(this, {
				itemIndex,
				resource,
				connection: companyConnection(account, target),
				baseUrl: account.baseUrl,
			});
		},
	);
	return [output];
}
