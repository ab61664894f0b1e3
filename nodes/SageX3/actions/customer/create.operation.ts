import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseJsonObjectParameter, processItems, requireNonEmptyString } from '../../../shared/utils';
import { SEED_CUSTOMER } from '../../helpers/customer';
import { requireSelection } from '../../helpers/filter';
import { writeRecord } from '../../helpers/records';
import type { X3Session } from '../../helpers/session';
import { folderLocator, folderNameOf } from '../common.descriptions';
import { customerCodeProperty, customerFieldsProperty, customerValueOptions } from './fields';

const show = { resource: ['customer'], operation: ['create'] };

export const description: INodeProperties[] = [
	{ ...folderLocator, displayOptions: { show } },
	customerCodeProperty(['create']),
	{
		displayName: 'Company Name',
		name: 'companyName',
		type: 'string',
		required: true,
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: customerValueOptions.filter((option) => option.name !== 'companyName'),
	},
	customerFieldsProperty(['create']),
];

/** Turn the collection into mutation data: typed fields plus the free JSON ones. */
export function customerData(this: IExecuteFunctions, collection: IDataObject, itemIndex: number): IDataObject {
	const { otherFields, ...fields } = collection;
	const extra = parseJsonObjectParameter(this.getNode(), otherFields, 'Other Fields (JSON)', itemIndex);
	return { ...fields, ...extra };
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	return await processItems(
		this,
		items.length,
		(itemIndex) => {
			const code = requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex);
			const companyName = requireNonEmptyString(node, this.getNodeParameter('companyName', itemIndex, ''), 'Company Name', itemIndex);
			const data = customerData.call(this, this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject, itemIndex);
			const selection = requireSelection(node, this.getNodeParameter('fields', itemIndex, ''), 'Fields', itemIndex, SEED_CUSTOMER.defaultSelection);
			return { code, data: { ...data, code, companyName }, selection, folderName: folderNameOf.call(this, itemIndex) };
		},
		async ({ code, data, selection, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const record = await writeRecord.call(this, session, { folderUrl, entity: SEED_CUSTOMER, kind: 'create', selection, argumentValues: { data }, itemIndex });
			return (record ?? { code }) as IDataObject;
		},
	);
}
