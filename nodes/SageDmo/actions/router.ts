import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { failedItem, inItemOrder, readCachedParameter } from '../../shared/utils';
import { createSdmoSession } from '../helpers/connection';
import { CUSTOMER_ENTITY_KEY, resolveEntity } from '../helpers/entities';
import * as graphql from './graphql/Graphql.resource';
import type { RecordContext, RecordTarget } from './record/common';
import { recordOperations, type RecordOperationName } from './record/operations';
import * as token from './token/Token.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const itemCount = this.getInputData().length;
	const node = this.getNode();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;

	let session;
	try {
		session = await createSdmoSession.call(this);
	} catch (error) {
		return [Array.from({ length: itemCount }, (_, itemIndex) => failedItem.call(this, error, itemIndex))];
	}

	let output: INodeExecutionData[];
	if (resource === 'graphql' && operation === 'execute') {
		output = await graphql.execute.execute.call(this, session, itemCount);
	} else if (resource === 'token' && operation === 'revoke') {
		output = await token.revoke.execute.call(this, session, itemCount);
	} else if ((resource === 'customer' || resource === 'entity') && operation in recordOperations) {
		const targetOf = (itemIndex: number): RecordTarget => {
			const app = String(readCachedParameter(this, 'app', itemIndex, 'sdmo') ?? '').trim();
			if (!app) throw new NodeOperationError(node, '"App" must not be empty (for example sdmo or shopfloor)', { itemIndex });
			if (resource === 'customer') return { app, entityKey: CUSTOMER_ENTITY_KEY };
			const entityKey = String(readCachedParameter(this, 'entity', itemIndex, '') ?? '').trim();
			if (!/^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)+$/.test(entityKey)) {
				throw new NodeOperationError(node, `"Entity" must be an entity path such as xtremMasterData.supplier (got ${JSON.stringify(entityKey)})`, {
					itemIndex,
				});
			}
			return { app, entityKey };
		};
		const context: RecordContext = {
			session,
			targetOf,
			entityOf: async (target, itemIndex) => await resolveEntity.call(this, session, target.app, target.entityKey, itemIndex),
		};
		output = await recordOperations[operation as RecordOperationName].execute.call(this, context, itemCount);
	} else {
		throw new NodeOperationError(node, `The operation "${operation}" is not supported for resource "${resource}"`);
	}
	return [inItemOrder(output)];
}
