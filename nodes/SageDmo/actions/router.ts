import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/operation';
import { failedItem, inItemOrder } from '../../shared/utils';
import { SdmoSession } from '../helpers/connection';
import * as customer from './customer/Customer.resource';
import * as entity from './entity/Entity.resource';
import * as graphql from './graphql/Graphql.resource';
import type { SageDmoType } from './node.type';
import * as token from './token/Token.resource';

type Operations = { [R in SageDmoType['resource']]: Record<Extract<SageDmoType, { resource: R }>['operation'], Operation<SdmoSession>> };

const operations: Operations = {
	customer: {
		asyncMutation: customer.asyncMutation,
		bulkUpdate: customer.bulkUpdate,
		create: customer.create,
		delete: customer.delete,
		get: customer.get,
		getMany: customer.getMany,
		update: customer.update,
		upsert: customer.upsert,
	},
	entity: {
		asyncMutation: entity.asyncMutation,
		bulkUpdate: entity.bulkUpdate,
		create: entity.create,
		delete: entity.delete,
		get: entity.get,
		getMany: entity.getMany,
		update: entity.update,
		upsert: entity.upsert,
	},
	graphql: { execute: graphql.execute },
	token: { revoke: token.revoke },
};

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const node = this.getNode();
	const sageDmo = {
		resource: this.getNodeParameter('resource', 0),
		operation: this.getNodeParameter('operation', 0),
	} as SageDmoType;

	let session: SdmoSession;
	try {
		session = await SdmoSession.open(this);
	} catch (error) {
		return [items.map((_, itemIndex) => failedItem.call(this, error, itemIndex))];
	}

	// A workflow may name an operation this version does not have: refuse it, never read Object's own keys.
	const byOperation: Partial<Record<string, Operation<SdmoSession>>> = hasOwn(operations, sageDmo.resource) ? operations[sageDmo.resource] : {};
	const operation = hasOwn(byOperation, sageDmo.operation) ? byOperation[sageDmo.operation] : undefined;
	if (!operation) {
		throw new NodeOperationError(node, `The operation "${sageDmo.operation}" is not supported for resource "${sageDmo.resource}"`);
	}
	return [inItemOrder(await operation.execute.call(this, items, session))];
}
