import type { INodeProperties } from 'n8n-workflow';

import type { EntityDescriptor } from '../../../shared/graphql/entities';
import type { SdmoSession } from '../../helpers/connection';

export const RECORD_RESOURCES = ['customer', 'entity'];

/** Largest page Get Many asks for: Sage documents the default (20) but no maximum, so a page is bounded here. */
export const MAX_PAGE_SIZE = 1000;

export interface RecordTarget {
	app: string;
	/** Entity key, e.g. xtremMasterData.customer. */
	entityKey: string;
}

export interface RecordContext {
	session: SdmoSession;
	/** App and entity an item works on: fixed for Customer, the "Entity" parameter otherwise. */
	targetOf: (itemIndex: number) => RecordTarget;
	entityOf: (target: RecordTarget, itemIndex: number) => Promise<EntityDescriptor>;
}

export const show = (operation: string) => ({ show: { resource: RECORD_RESOURCES, operation: [operation] } });

export const fieldsOption: INodeProperties = {
	displayName: 'Fields',
	name: 'fields',
	type: 'string',
	default: '',
	placeholder: '_id name currency { _id }',
	description: 'GraphQL selection of the fields to return; empty returns every field and the key of each reference',
};

export const recordIdParameter = (operation: string, description: string): INodeProperties => ({
	displayName: 'Record ID',
	name: 'recordId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '#FR0006',
	description,
	displayOptions: show(operation),
});
