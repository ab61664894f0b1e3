import type { INode } from 'n8n-workflow';

import type { EntityDescriptor } from '../../shared/graphql/entities';
import { findKnownEntity, requireKnownEntity, type KnownEntity } from './knownEntity';

/**
 * Where X3 keeps sales orders: `sage.x3Sales.salesOrder` on the older cloud schema (Sage's own
 * create example), `x3Sales.salesOrder` on V12 (also spelled `xtremX3Sales`). Read from the
 * folder's schema, as the Customer resource reads its entity.
 */
export const SALES_ORDER_ENTITY_KEYS = ['sage.x3Sales.salesOrder', 'x3Sales.salesOrder', 'xtremX3Sales.salesOrder'];

const SALES_ORDER_ENTITY: KnownEntity = { keys: SALES_ORDER_ENTITY_KEYS, name: 'salesOrder', label: 'sales order', resource: 'Sales Order' };

/** The folder's sales order entity: a known path, else the only entity called `salesOrder`. */
export const findSalesOrderEntity = (entities: EntityDescriptor[]) => findKnownEntity(entities, SALES_ORDER_ENTITY);

export const requireSalesOrderEntity = (node: INode, entities: EntityDescriptor[]) => requireKnownEntity(node, entities, SALES_ORDER_ENTITY);
