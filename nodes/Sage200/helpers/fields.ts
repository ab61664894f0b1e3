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
