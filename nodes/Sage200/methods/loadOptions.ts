import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { filterFieldOptions, sortFieldOptions } from '../../shared/filters';
import { findResource } from '../actions/resources';
import { sage200FieldsOf, selectFieldOptions } from '../helpers/fields';

/** Fields a Get Many's Conditions can compare, with their types, from Sage 200's OpenAPI description of the resource. */
export async function getFilterFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resource = findResource(String(this.getCurrentNodeParameter('resource') ?? ''));
	if (!resource) return [];
	const { fields, professionalOnly } = sage200FieldsOf(resource);
	return filterFieldOptions(fields).map((option) =>
		professionalOnly.has(String(option.value)) ? { ...option, description: `${option.description} (Sage 200 Professional only)` } : option,
	);
}

/** Fields a Get Many can sort by ($orderby): the resource's scalar fields. */
export async function getSortFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resource = findResource(String(this.getCurrentNodeParameter('resource') ?? ''));
	return resource ? sortFieldOptions(sage200FieldsOf(resource).fields) : [];
}

/** Fields a Get or Get Many can return ($select): (All Fields), then the resource's scalar fields. */
export async function getSelectFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const resource = findResource(String(this.getCurrentNodeParameter('resource') ?? ''));
	return resource ? selectFieldOptions(resource) : [];
}
