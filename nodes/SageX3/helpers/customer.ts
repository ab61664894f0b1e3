import type { INode } from 'n8n-workflow';

import type { EntityDescriptor, InputFieldDescriptor } from '../../shared/graphql/entities';
import { findKnownEntity, requireKnownEntity, type KnownEntity } from './knownEntity';

/**
 * Where X3 keeps customers: the older cloud schema (`sage.x3BusinessPartners.customer`) or V12
 * (`x3MasterData.customer`, also spelled `xtremX3MasterData`). Which one, and with which fields
 * and input types, is read from the folder's schema: the Customer resource is the Entity
 * resource with this entity chosen.
 */
export const CUSTOMER_ENTITY_KEYS = ['sage.x3BusinessPartners.customer', 'x3MasterData.customer', 'xtremX3MasterData.customer'];

/** The only customer fields Sage documents; every other field is the folder's own. */
export const DOCUMENTED_CUSTOMER_FIELDS = ['code', 'companyName'];

/** Fields returned when none is chosen: enough to recognise a customer, not the whole X3 record. */
export const DEFAULT_CUSTOMER_FIELD_COUNT = 12;

const CUSTOMER_ENTITY: KnownEntity = { keys: CUSTOMER_ENTITY_KEYS, name: 'customer', label: 'customer', resource: 'Customer' };

/** The folder's customer entity: a known path, else the only entity called `customer`. */
export const findCustomerEntity = (entities: EntityDescriptor[]) => findKnownEntity(entities, CUSTOMER_ENTITY);

export const requireCustomerEntity = (node: INode, entities: EntityDescriptor[], itemIndex?: number) => requireKnownEntity(node, entities, CUSTOMER_ENTITY, itemIndex);

/**
 * Fields returned when Fields is left empty, computed from the folder's type so a workflow never
 * names a field the schema lacks: the key, the documented fields, then other scalar fields in
 * schema order.
 */
export function defaultCustomerFields(entity: EntityDescriptor): string[] {
	const preferred = [entity.keyField, ...DOCUMENTED_CUSTOMER_FIELDS].filter((field) => entity.fields.includes(field));
	const others = entity.fields.filter((field) => !preferred.includes(field));
	return [...new Set([...preferred, ...others])].slice(0, Math.max(DEFAULT_CUSTOMER_FIELD_COUNT, preferred.length));
}

export type CustomerWriteKind = 'create' | 'update';

/** Input fields with a parameter of their own: Code and Company Name on create, the key on update. */
export const ownParameterFields = (entity: EntityDescriptor, kind: CustomerWriteKind): string[] =>
	kind === 'create' ? ['code', 'companyName'] : [entity.keyField, 'code'];

/** The input fields a user may set in Additional Fields / Update Fields. */
export function settableCustomerFields(entity: EntityDescriptor, kind: CustomerWriteKind): InputFieldDescriptor[] {
	const own = ownParameterFields(entity, kind);
	return (entity.mutations[kind]?.inputFields ?? []).filter((field) => !own.includes(field.name));
}
