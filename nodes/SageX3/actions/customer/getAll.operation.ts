import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions';
import { readParameter, runNode } from '../../../shared/utils';
import { SEED_CUSTOMER } from '../../helpers/customer';
import { requireSelection } from '../../helpers/filter';
import type { X3Session } from '../../helpers/session';
import { folderLocator } from '../common.descriptions';
import { LIST_LIMIT, readMany } from '../readMany';
import { customerFieldsProperty } from './fields';

const show = { resource: ['customer'], operation: ['getAll'] };

export const description: INodeProperties[] = [
	{ ...folderLocator, displayOptions: { show } },
	...returnAllOrLimit({ show }, LIST_LIMIT),
	{
		displayName: 'Filter',
		name: 'filter',
		type: 'string',
		default: '',
		placeholder: "{country: 'FR', code: {$regex: '^AE1'}}",
		description: 'Sage X3 filter; operators include $eq, $ne, $gt, $lt, $in, $regex',
		displayOptions: { show },
	},
	{
		displayName: 'Order By',
		name: 'orderBy',
		type: 'string',
		default: '',
		placeholder: '{companyName: 1}',
		description: 'Sort order: 1 ascending, -1 descending',
		displayOptions: { show },
	},
	customerFieldsProperty(['getAll']),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const selectionOf = (itemIndex: number) =>
		requireSelection(runNode(this), readParameter(this, 'fields', itemIndex, ''), 'Fields', itemIndex, SEED_CUSTOMER.defaultSelection);
	return await readMany.call(this, items, session, selectionOf, async (itemIndex) => ({ entity: SEED_CUSTOMER, selection: selectionOf(itemIndex) }));
}
