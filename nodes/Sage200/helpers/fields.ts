import type { INode, INodePropertyOptions } from 'n8n-workflow';

import { ALL_FIELDS, allFieldsOption, fieldPickerProperty, readPickedFields, requireKnownFields } from '../../shared/fields';
import type { FilterFields, FilterFieldType } from '../../shared/filters';
import { SAGE200_FIELD_TABLE } from '../actions/fields';
import type { Sage200Resource } from '../actions/resources';

const TYPES: Record<string, FilterFieldType> = { s: 'text', n: 'number', d: 'date', b: 'boolean' };

export interface Sage200Fields {
	/** Scalar fields with their filter types, as Sage 200's OpenAPI describes the resource's schema. */
	fields: FilterFields;
	/** Fields the Standard edition does not have. */
	professionalOnly: Set<string>;
}

/** The resource's scalar fields, from the table generated from Sage's OpenAPI files. */
export function sage200FieldsOf(resource: Sage200Resource): Sage200Fields {
	const fields: FilterFields = {};
	const professionalOnly = new Set<string>();
	for (const entry of (SAGE200_FIELD_TABLE[resource.path] ?? '').split(' ').filter(Boolean)) {
		const [name, code] = entry.split(':');
		const type = TYPES[code.charAt(0)];
		if (!type) continue;
		fields[name] = { type };
		if (code.endsWith('+')) professionalOnly.add(name);
	}
	return { fields, professionalOnly };
}

/** The Fields picker of Get and Get Many ($select), from the resource's OpenAPI fields. */
export const selectFieldsProperty = fieldPickerProperty({
	loadOptionsMethod: 'getSelectFields',
	dependsOn: ['resource'],
	description:
		'Fields to return ($select), from Sage\'s OpenAPI description of the resource, e.g. id, reference and name (from an expression: "id, reference, name"). Leave empty, or choose (All Fields), for every field; Options → Select adds names the list lacks.',
});

/** Picker options: (All Fields), then the resource's scalar fields with their types. */
export function selectFieldOptions(resource: Sage200Resource): INodePropertyOptions[] {
	const { fields, professionalOnly } = sage200FieldsOf(resource);
	return [
		allFieldsOption('Every field of the record (no $select)'),
		...Object.entries(fields)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([name, field]) => ({ name, value: name, description: `${field.type}${professionalOnly.has(name) ? ' (Sage 200 Professional only)' : ''}` })),
	];
}

/**
 * The $select of a Get or Get Many: the picked fields, checked against the resource's OpenAPI
 * fields, then the names of Options → Select (already checked as names) not picked; undefined
 * (no $select, every field) when neither is given or a picked * asks for all.
 */
export function selectOf(node: INode, resource: Sage200Resource, picked: unknown, rawSelect: string, itemIndex: number): string | undefined {
	const names = readPickedFields(node, picked, 'Fields', itemIndex);
	requireKnownFields(node, names, Object.keys(sage200FieldsOf(resource).fields), 'Fields', resource.path, itemIndex);
	// Options → Select alone goes as written, as it did before the picker.
	if (names.length === 0) return rawSelect || undefined;
	const all = [...new Set([...names, ...rawSelect.split(',').filter(Boolean)])];
	return all.includes(ALL_FIELDS) ? undefined : all.join(',');
}
