import type { IExecuteFunctions } from 'n8n-workflow';

import type { EntityDescriptor } from '../../../shared/graphql/entities';
import { readCachedParameter, requireNonEmptyString, runNodeCopy } from '../../../shared/utils';
import { defaultCustomerFields, requireCustomerEntity } from '../../helpers/customer';
import type { X3Session } from '../../helpers/session';
import { folderNameOf } from '../common.descriptions';
import { fieldSelection, readFields } from '../entity/common';
import { readCustomerValues } from './values';

/** The folder's customer entity, from the schema the session read once for that folder. */
export async function resolveCustomer(this: IExecuteFunctions, session: X3Session, folderUrl: string, itemIndex: number): Promise<EntityDescriptor> {
	return requireCustomerEntity(runNodeCopy(this), await session.entities(folderUrl, itemIndex), itemIndex);
}

/** Fields as given, syntax-checked before anything is sent. */
export const customerFieldsOf = (context: IExecuteFunctions, itemIndex: number) => readFields(runNodeCopy(context), readCachedParameter(context, 'fields', itemIndex, []), itemIndex);

/** The selection: the picked fields, checked against the folder's type, or the default fields of that type. */
export const customerSelection = (context: IExecuteFunctions, entity: EntityDescriptor, fields: string[] | string, itemIndex: number) =>
	fieldSelection(runNodeCopy(context), entity, fields, itemIndex, defaultCustomerFields(entity).join(' '));

/** What Create and Create or Update read from an item before anything is sent: the new customer's code, company name, values and fields, and the folder. */
export function readNewCustomer(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	return {
		code: requireNonEmptyString(node, this.getNodeParameter('code', itemIndex, ''), 'Customer Code', itemIndex),
		companyName: requireNonEmptyString(node, this.getNodeParameter('companyName', itemIndex, ''), 'Company Name', itemIndex),
		values: readCustomerValues.call(this, 'create', itemIndex),
		fields: customerFieldsOf(this, itemIndex),
		folderName: folderNameOf.call(this, itemIndex),
	};
}
