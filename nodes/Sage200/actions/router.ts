import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { Sage200Session } from '../helpers/session';
import * as customApiCall from './customApiCall/request.operation';
import type { Sage200Type } from './node.type';
import * as record from './record/Record.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const session = new Sage200Session(this);
	const resource = session.parameter('resource', 0) as Sage200Type['resource'];
	// The Custom API Call has one operation: its value is not read.
	if (resource === customApiCall.CUSTOM_API_CALL) return [await customApiCall.execute.call(this, items, session)];

	// Every other resource is a row of the table; each item's resource is checked against it.
	const operation = session.parameter('operation', 0) as Exclude<Sage200Type, { resource: 'customApiCall' }>['operation'];
	const run = Object.prototype.hasOwnProperty.call(record.operations, operation) ? record.operations[operation] : record.unavailable(operation);
	return [await run.execute.call(this, items, session)];
}
