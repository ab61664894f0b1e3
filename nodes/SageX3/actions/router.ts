import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { X3Session } from '../helpers/session';
import * as customer from './customer/Customer.resource';
import * as dataDelivery from './dataDelivery/DataDelivery.resource';
import * as entity from './entity/Entity.resource';
import * as folder from './folder/Folder.resource';
import * as graphql from './graphql/Graphql.resource';

type OperationModule = {
	execute: (this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session) => Promise<INodeExecutionData[]>;
};

const resources: Record<string, Record<string, OperationModule>> = {
	customer: { create: customer.create, delete: customer.delete, get: customer.get, getAll: customer.getAll, update: customer.update },
	dataDelivery: { delete: dataDelivery.delete, download: dataDelivery.download, listFiles: dataDelivery.listFiles },
	entity: { create: entity.create, delete: entity.delete, get: entity.get, getAll: entity.getAll, update: entity.update },
	folder: { list: folder.list },
	graphql: { execute: graphql.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = resources[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for the resource "${resource}"`);
	}
	// One session per execution: one connection, one folder list, one schema per folder.
	const session = new X3Session(this);
	return [await handler.execute.call(this, items, session)];
}
