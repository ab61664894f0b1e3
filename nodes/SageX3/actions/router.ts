import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { Operation } from '../../shared/operation';
import { X3Session } from '../helpers/session';
import * as customer from './customer/Customer.resource';
import * as dataDelivery from './dataDelivery/DataDelivery.resource';
import * as entity from './entity/Entity.resource';
import * as folder from './folder/Folder.resource';
import * as graphql from './graphql/Graphql.resource';
import type { SageX3Type } from './node.type';

type Resource = SageX3Type['resource'];

/** Each operation of node.type.ts, checked against the one operation contract. */
const operations: { [R in Resource]: Record<Extract<SageX3Type, { resource: R }>['operation'], Operation<X3Session>> } = {
	customer,
	dataDelivery,
	entity,
	folder,
	graphql,
};

const has = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** The operation the parameters name; undefined for a value the node does not have. */
function operationOf({ resource, operation }: SageX3Type): Operation<X3Session> | undefined {
	const ofResource: Record<string, Operation<X3Session>> | undefined = has(operations, resource) ? operations[resource] : undefined;
	return ofResource && has(ofResource, operation) ? ofResource[operation] : undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// One session per execution: one connection, one folder list, one schema per folder.
	const session = new X3Session(this);
	const x3NodeData = { resource: session.parameter('resource', 0), operation: session.parameter('operation', 0) } as SageX3Type;
	const handler = operationOf(x3NodeData);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${x3NodeData.operation}" is not supported for the resource "${x3NodeData.resource}"`,
		);
	}
	return [await handler.execute.call(this, this.getInputData(), session)];
}
