import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { HIDDEN_IN_TOOLS, returnAllOrLimit, simplifyProperty } from '../../../shared/descriptions';
import { conditionProperties, sortProperty } from '../../../shared/filters';
import { recordOutputProperties } from '../../../shared/output/record-file';
import type { X3Session } from '../../helpers/session';
import { folderLocator } from '../common.descriptions';
import { getManyRecords } from '../getMany';
import { customerFieldsOf, customerSelection, resolveCustomer } from './common';
import { customerFieldsProperty } from './fields';

const properties: INodeProperties[] = [
	folderLocator,
	...returnAllOrLimit({}),
	...conditionProperties('getFilterFields', ['folder.value']),
	{
		displayName: 'Filter (Advanced)',
		name: 'filter',
		type: 'string',
		default: '',
		displayOptions: HIDDEN_IN_TOOLS,
		placeholder: "{code: {$regex: '^AE1'}}",
		description:
			"Raw filter in the folder schema's own syntax, for what Conditions cannot say: $eq, $ne, $gt, $lt, $in, $regex on the older schema (e.g. {code: {$regex: '^AE1'}}); _eq, _in, _regex on V12 (e.g. {code: {_regex: '^AE1'}}). Combined with Conditions using AND.",
	},
	sortProperty('getSortFields', ['folder.value']),
	{
		displayName: 'Order By',
		name: 'orderBy',
		type: 'string',
		default: '',
		displayOptions: HIDDEN_IN_TOOLS,
		placeholder: '{companyName: 1}',
		description: "Raw sort order in Sage's syntax, e.g. {companyName: 1, code: -1} (1 ascending, -1 descending); use Sort instead to pick the fields, not both",
	},
	customerFieldsProperty,
	simplifyProperty(),
	...recordOutputProperties(),
];

const displayOptions = { show: { resource: ['customer'], operation: ['getAll'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await getManyRecords.call(this, items, session, (itemIndex) => customerFieldsOf(this, itemIndex), async (itemIndex, folderUrl) => {
		const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
		return { entity, selection: customerSelection(this, entity, customerFieldsOf(this, itemIndex), itemIndex) };
	});
}
