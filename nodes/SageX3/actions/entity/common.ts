import { NodeOperationError, type IExecuteFunctions, type INode, type INodeProperties } from 'n8n-workflow';

import { ALL_FIELDS } from '../../../shared/fields';
import { checkSelection } from '../../../shared/graphql';
import { selectableFields, selectionOfPicked } from '../../../shared/graphql/selectable-fields';
import { recordLocatorProperty } from '../../../shared/graphql/record-search';
import type { EntityDescriptor } from '../../../shared/graphql/entities';
import { readCachedParameter, requireNonEmptyString, runNodeCopy } from '../../../shared/utils';
import type { X3Session } from '../../helpers/session';
import { folderLocator } from '../common.descriptions';

/** The folder and the entity every Entity operation works on. */
export const entityProperties: INodeProperties[] = [
	folderLocator,
	{
		displayName: 'Entity Name or ID',
		name: 'entity',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getEntities', loadOptionsDependsOn: ['folder.value'] },
		required: true,
		default: '',
		description:
			'Entity of the folder schema, found by introspection; its ID is its path, such as sage.x3BusinessPartners.customer or x3MasterData.businessPartner. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];

/** The record a Get, Update or Delete targets: picked from the entity's records, or given by its key. */
export const entityKeyProperty: INodeProperties = recordLocatorProperty({
	displayName: 'Record',
	name: 'key',
	searchListMethod: 'searchRecords',
	keyMode: { name: 'key', displayName: 'By Key', placeholder: 'AE003' },
	description: 'The record: pick it from the entity’s records or give the value of its key field (its _id, or its code on the older schema), e.g. AE003',
});

export const entityFieldsProperty: INodeProperties = {
	displayName: 'Field Names or IDs',
	name: 'fields',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getEntityFields', loadOptionsDependsOn: ['folder.value', 'entity'] },
	default: [],
	description:
		'Fields to return, from the entity\'s schema, e.g. code and companyName (from an expression: "code, companyName"); a reference comes back with its identifying fields. Leave empty, or choose (All Fields), for every field. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const entityNameOf = (context: IExecuteFunctions, itemIndex: number) =>
	requireNonEmptyString(runNodeCopy(context), readCachedParameter(context, 'entity', itemIndex, ''), 'Entity', itemIndex);

/** The introspected entity called `name` in the folder, or an error listing close matches. */
export async function resolveEntity(
	this: IExecuteFunctions,
	session: X3Session,
	folderUrl: string,
	name: string,
	itemIndex: number,
): Promise<EntityDescriptor> {
	const entities = await session.entities(folderUrl, itemIndex);
	const entity = entities.find((candidate) => candidate.key === name) ?? entities.find((candidate) => candidate.key.toLowerCase() === name.toLowerCase());
	if (entity) return entity;
	const last = name.split('.').pop()?.toLowerCase() ?? '';
	const similar = entities.filter((candidate) => candidate.name.toLowerCase() === last).map((candidate) => candidate.key);
	throw new NodeOperationError(this.getNode(), `The folder has no entity "${name}" (parameter "Entity")`, {
		itemIndex,
		description: `${similar.length ? `Did you mean ${similar.join(' or ')}? ` : ''}Entities: ${entities
			.map((candidate) => candidate.key)
			.slice(0, 40)
			.join(', ')}`,
	});
}

/**
 * Fields as the parameter holds them: picked names (a list, or names separated by spaces or
 * commas from an expression), or a GraphQL selection with sub-fields as older workflows wrote it.
 * Checked for syntax here, before anything is sent; names are checked by `fieldSelection`.
 */
export function readFields(node: INode, raw: unknown, itemIndex: number): string[] | string {
	if (typeof raw === 'string' && raw.includes('{')) {
		checkSelection(node, raw.trim(), 'Fields', itemIndex);
		return raw.trim();
	}
	return (Array.isArray(raw) ? raw : String(raw ?? '').split(/[\s,]+/)).map((field) => String(field).trim()).filter(Boolean);
}

/** The selection for the picked fields, each checked against the introspected type; `fallback` when none is picked. */
export function fieldSelection(node: INode, entity: EntityDescriptor, fields: string[] | string, itemIndex: number, fallback: string): string {
	// A selection with sub-fields goes as written: X3 names any field its type lacks.
	if (typeof fields === 'string') return fields;
	if (fields.length === 0) return fallback;
	const selectable = selectableFields(entity);
	const unknown = fields.filter((field) => field !== ALL_FIELDS && !selectable.has(field));
	if (unknown.length) {
		throw new NodeOperationError(node, `Unknown field(s) ${unknown.join(', ')} in the parameter "Fields" for ${entity.key}`, {
			itemIndex,
			description: `Fields of ${entity.nodeTypeName}: ${[...selectable.keys()].join(', ')}, or * for all. Nothing was sent to Sage.`,
		});
	}
	return selectionOfPicked(entity, fields);
}

export function entitySelection(this: IExecuteFunctions, entity: EntityDescriptor, itemIndex: number): string {
	const fields = readFields(this.getNode(), this.getNodeParameter('fields', itemIndex, []), itemIndex);
	return fieldSelection(this.getNode(), entity, fields, itemIndex, entity.defaultSelection || entity.keyField);
}

export const dataProperty: INodeProperties = {
	displayName: 'Data',
	name: 'data',
	type: 'json',
	required: true,
	default: '{}',
	description: 'Field values as a JSON object, passed to the mutation as a GraphQL variable',
};
