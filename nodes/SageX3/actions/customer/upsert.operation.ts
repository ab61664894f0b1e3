import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { readUpsertSettings, upsertOptionsProperty } from '../../../shared/records/upsert';
import type { X3Session } from '../../helpers/session';
import { folderLocator } from '../common.descriptions';
import { planEntityWrite } from '../entity/write';
import { upsertX3Records, type X3UpsertItem } from '../upsert';
import { customerSelection, readNewCustomer, resolveCustomer } from './common';
import { companyNameProperty, customerCodeProperty, customerFieldsProperty, customerValuesProperties } from './fields';
import { customerMutationData, type CustomerValues } from './values';

const properties: INodeProperties[] = [
	folderLocator,
	{ ...customerCodeProperty, description: 'Code of the customer: updated when X3 has it, created otherwise' },
	companyNameProperty,
	...customerValuesProperties('create'),
	customerFieldsProperty,
	upsertOptionsProperty,
];

const displayOptions = { show: { resource: ['customer'], operation: ['upsert'] } };

export const description = updateDisplayOptions(displayOptions, properties);

interface CustomerUpsert extends X3UpsertItem {
	companyName: string;
	values: CustomerValues;
	selection: string;
}

/** Duplicates merged into one write: every item's values in item order (later ones win), the last company name. */
const mergeCustomers = (items: CustomerUpsert[]): CustomerUpsert => ({
	...items[0],
	companyName: items[items.length - 1].companyName,
	values: { parameter: items[0].values.parameter, given: items.flatMap((item) => item.values.given) },
});

/**
 * Create or Update by customer code: all codes of the run looked up in requests of 100, then the
 * missing customers created and the others updated with Company Name and the fields given.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const settings = readUpsertSettings(this);
	return await upsertX3Records(
		this,
		items,
		session,
		settings,
		(itemIndex) => readNewCustomer.call(this, itemIndex),
		async ({ code, companyName, values, fields, folderName }, itemIndex): Promise<CustomerUpsert> => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			const entity = await resolveCustomer.call(this, session, folderUrl, itemIndex);
			return {
				itemIndex,
				key: code,
				group: `${folderUrl}\n${entity.key}`,
				data: {},
				folderUrl,
				entity,
				// The customer code is the record's key on both schemas (`code`, or `_id` on V12).
				keyField: entity.keyField,
				companyName,
				values,
				selection: customerSelection(this, entity, fields, itemIndex),
			};
		},
		async (item, existing) => {
			const { entity, folderUrl, key: code, itemIndex, selection } = item;
			const kind = existing ? 'update' : 'create';
			const own = kind === 'create' ? { code, companyName: item.companyName } : { [entity.keyField]: code, companyName: item.companyName };
			const data = customerMutationData(node, entity, kind, item.values, own, itemIndex);
			const planned = planEntityWrite.call(this, session, { folderUrl, entity, kind, key: code, data, selection, itemIndex });
			return { ...planned, json: (record) => (Object.keys(record).length ? record : { code }) };
		},
		mergeCustomers,
	);
}
