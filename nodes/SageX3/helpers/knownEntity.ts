import { NodeOperationError, type INode } from 'n8n-workflow';

import type { EntityDescriptor } from '../../shared/graphql/entities';

/** An entity a resource of the node stands for, found in the folder's schema under one of the paths X3 uses for it. */
export interface KnownEntity {
	/** Its paths on the older cloud schema and on V12, tried in this order. */
	keys: string[];
	/** Its entity name, for a schema that keeps it under another path. */
	name: string;
	/** How messages call it ("customer") and the resource that uses it ("Customer"). */
	label: string;
	resource: string;
}

/** The folder's entity: a known path, else the only entity of that name. */
export function findKnownEntity(entities: EntityDescriptor[], known: KnownEntity): EntityDescriptor | undefined {
	for (const key of known.keys) {
		const entity = entities.find((candidate) => candidate.key === key);
		if (entity) return entity;
	}
	const named = entities.filter((candidate) => candidate.name === known.name);
	return named.length === 1 ? named[0] : undefined;
}

/** The folder's entity, or an error naming the paths looked for and the entities of that name there are. */
export function requireKnownEntity(node: INode, entities: EntityDescriptor[], known: KnownEntity, itemIndex?: number): EntityDescriptor {
	const entity = findKnownEntity(entities, known);
	if (entity) return entity;
	const named = entities.filter((candidate) => candidate.name === known.name).map((candidate) => candidate.key);
	throw new NodeOperationError(node, `The folder's schema has no ${known.label} entity the ${known.resource} resource can use`, {
		itemIndex,
		description: `Looked for ${known.keys.join(', ')}. ${
			named.length ? `The schema has ${named.join(' and ')}: pick one with the Entity resource.` : 'Use the Entity resource to pick another entity.'
		}`,
	});
}
