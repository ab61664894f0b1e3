import type { IExecuteFunctions } from 'n8n-workflow';

import type { EntityDescriptor } from '../../../shared/graphql/entities';
import { readCachedParameter, runNodeCopy } from '../../../shared/utils';
import { defaultCustomerFields, requireCustomerEntity } from '../../helpers/customer';
import type { X3Session } from '../../helpers/session';
import { fieldSelection, readFields } from '../entity/common';

/** The folder's customer entity, from the schema the session read once for that folder. */
export async function resolveCustomer(this: IExecuteFunctions, session: X3Session, folderUrl: string, itemIndex: number): Promise<EntityDescriptor> {
	return requireCustomerEntity(runNodeCopy(this), await session.entities(folderUrl, itemIndex), itemIndex);
}

/** Fields as given, syntax-checked before anything is sent. */
export const customerFieldsOf = (context: IExecuteFunctions, itemIndex: number) => readFields(runNodeCopy(context), readCachedParameter(context, 'fields', itemIndex, []), itemIndex);

/** The selection: the picked fields, checked against the folder's type, or the default fields of that type. */
export const customerSelection = (context: IExecuteFunctions, entity: EntityDescriptor, fields: string[] | string, itemIndex: number) =>
	fieldSelection(runNodeCopy(context), entity, fields, itemIndex, defaultCustomerFields(entity).join(' '));
