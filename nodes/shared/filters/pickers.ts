import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { filterFieldsOfEntity } from './conditions';
import { filterFieldOptions } from './description';
import { sortFieldOptions } from './sort';

type IntrospectedEntity = Parameters<typeof filterFieldsOfEntity>[0];

/**
 * The loadOptions methods of a Get Many's Conditions and Sort pickers over an introspected entity
 * (an X3 folder's or a DMO app's): `listedEntity` finds the entity the node's parameters name, or
 * nothing while none is chosen (the pickers are then empty).
 */
export function entityFilterPickers(listedEntity: (this: ILoadOptionsFunctions) => Promise<IntrospectedEntity | undefined>) {
	return {
		/** Fields a Get Many's Conditions can compare, with their types. */
		async getFilterFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
			const entity = await listedEntity.call(this);
			return entity ? filterFieldOptions(filterFieldsOfEntity(entity)) : [];
		},
		/** Fields a Get Many can sort by: the same leaf fields. */
		async getSortFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
			const entity = await listedEntity.call(this);
			return entity ? sortFieldOptions(filterFieldsOfEntity(entity)) : [];
		},
	};
}
