import { NodeOperationError, type INode } from 'n8n-workflow';

import type { EntityDescriptor } from '../../shared/graphql/entities';

/**
 * Where X3 keeps sales orders: `sage.x3Sales.salesOrder` on the older cloud schema (Sage's own
 * create example), `x3Sales.salesOrder` on V12 (also spelled `xtremX3Sales`). Read from the
 * folder's schema, as the Customer resource reads its entity.
 */
export const SALES_ORDER_ENTITY_KEYS = ['sage.x3Sales.salesOrder', 'x3Sales.salesOrder', 'xtremX3Sales.salesOrder'];

/** The folder's sales order entity: a known path, else the only entity called `salesOrder`. */
export function findSalesOrderEntity(entities: EntityDescriptor[]): EntityDescriptor | undefined {
	for (const key of SALES_ORDER_ENTITY_KEYS) {
		const entity = entities.find((candidate) => candidate.key === key);
		if (entity) return entity;
	}
	const named = entities.filter((candidate) => candidate.name === 'salesOrder');
	return named.length === 1 ? named[0] : undefined;
}

export function requireSalesOrderEntity(node: INode, entities: EntityDescriptor[]): EntityDescriptor {
	const entity = findSalesOrderEntity(entities);
	if (entity) return entity;
	const named = entities.filter((candidate) => candidate.name === 'salesOrder').map((candidate) => candidate.key);
	throw new NodeOperationError(node, "The folder's schema has no sales order entity the Sales Order resource can use", {
		description: `Looked for ${SALES_ORDER_ENTITY_KEYS.join(', ')}. ${
			named.length ? `The schema has ${named.join(' and ')}: pick one with the Entity resource.` : 'Use the Entity resource to pick another entity.'
		}`,
	});
}
