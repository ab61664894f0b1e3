import { NodeOperationError, type INode } from 'n8n-workflow';

import type { EntityDescriptor } from '../../shared/graphql';
import { CUSTOMER_ENTITY_KEY, type SdmoSession } from '../../SageDmo/helpers/connection';

export interface TriggerResource {
	displayName: string;
	description: string;
	/** The entity's name in the schema (the last part of its path). */
	entityName: string;
	/** Paths tried first, in the packages Sage's DMO guide names (xtremMasterData, xtremSales, ...); otherwise any entity of that name. */
	preferred: string[];
}

/** The resources offered by name; each is looked up in the app's schema, never assumed to exist. */
export const TRIGGER_RESOURCES: Record<'customer' | 'item' | 'salesOrder' | 'workOrder', TriggerResource> = {
	customer: { displayName: 'Customer', description: 'Customers (xtremMasterData.customer)', entityName: 'customer', preferred: [CUSTOMER_ENTITY_KEY] },
	item: { displayName: 'Item', description: 'Items (the entity named item)', entityName: 'item', preferred: ['xtremMasterData.item'] },
	salesOrder: { displayName: 'Sales Order', description: 'Sales orders (the entity named salesOrder)', entityName: 'salesOrder', preferred: ['xtremSales.salesOrder'] },
	workOrder: {
		displayName: 'Work Order',
		description: 'Work orders (the entity named workOrder, in this app or another app of the tenant)',
		entityName: 'workOrder',
		preferred: ['xtremManufacturing.workOrder'],
	},
};

export type TriggerResourceName = keyof typeof TRIGGER_RESOURCES | 'entity';

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

export function isTriggerResource(value: unknown): value is TriggerResourceName {
	return typeof value === 'string' && (value === 'entity' || hasOwn(TRIGGER_RESOURCES, value));
}

/** Types a change timestamp has in a schema: a datetime scalar, or a String holding one. */
const DATETIME_TYPE = /^(date_?time|timestamp|instant|datetimeoffset)$/i;
/** A String field is taken for a timestamp by its name: xtrem's _createStamp, _updateStamp and the like. */
const STAMP_NAME = /stamp$|date_?time$|timestamp$/i;

/**
 * The fields of an entity that can order its changes: its datetime fields (by the schema's type),
 * and String fields named like a timestamp. Dates (a day) are not: a day cannot order the changes
 * made within it. xtrem's own stamps come first.
 */
export function timestampFieldsOf(entity: EntityDescriptor): string[] {
	const types = entity.fieldTypes ?? {};
	const fields = entity.fields.filter((name) => {
		const type = types[name] ?? '';
		if (DATETIME_TYPE.test(type)) return true;
		return (type === '' || type === 'String') && STAMP_NAME.test(name);
	});
	const rank = (name: string) => (name === '_updateStamp' ? 0 : name === '_createStamp' ? 1 : 2);
	return fields.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export interface WatchedEntity {
	app: string;
	entity: EntityDescriptor;
}

/**
 * The entity a trigger watches: the one picked (Entity), or the resource's entity found by name in
 * the app's schema, then in the tenant's other apps (each read only when the app has none).
 */
export async function resolveWatchedEntity(
	session: SdmoSession,
	node: INode,
	target: { resource: TriggerResourceName; app: string; entityKey?: string },
): Promise<WatchedEntity> {
	if (target.resource === 'entity') {
		return { app: target.app, entity: await session.entityOf({ app: target.app, entityKey: target.entityKey ?? '' }, 0) };
	}
	const preset = TRIGGER_RESOURCES[target.resource];
	const pick = (entities: EntityDescriptor[]) =>
		preset.preferred.map((key) => entities.find((entity) => entity.key === key)).find(Boolean) ??
		entities.filter((entity) => entity.name === preset.entityName).sort((a, b) => a.key.localeCompare(b.key))[0];
	const inApp = pick(await session.entitiesOf(target.app, 0));
	if (inApp) return { app: target.app, entity: inApp };
	const apps = Object.keys((await session.urls()).apps).filter((app) => app !== target.app).sort();
	for (const app of apps) {
		const found = pick(await session.entitiesOf(app, 0));
		if (found) return { app, entity: found };
	}
	throw new NodeOperationError(node, `No app of the tenant has a ${preset.displayName.toLowerCase()} entity (an entity named ${preset.entityName})`, {
		description: `Apps searched: ${[target.app, ...apps].join(', ')}. Pick the entity under Resource → Entity instead.`,
	});
}
