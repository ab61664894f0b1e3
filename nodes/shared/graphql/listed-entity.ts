import type { EntityDescriptor, FilterDialect, OperationArgument } from './entities';

/**
 * The part of an introspected entity a change poll's list query needs: where its connection is
 * and which arguments it takes, its key field and that field's type, its filter dialect. A few
 * hundred bytes, where the whole descriptor (every field, type and mutation) is many kilobytes:
 * triggers keep this in the workflow's static data between polls.
 */
export interface ListedEntity {
	/** The entity's dot path ("x3BusinessPartners.customer"). */
	key: string;
	/** Its name, for messages. */
	name: string;
	listPath: string[];
	listArguments: OperationArgument[];
	keyField: string;
	/** Named GraphQL type of the key field: numeric keys go into filters unquoted. */
	keyType?: string;
	filterDialect: FilterDialect;
}

export function listedEntityOf(entity: EntityDescriptor): ListedEntity {
	const keyType = entity.fieldTypes?.[entity.keyField];
	return {
		key: entity.key,
		name: entity.name,
		listPath: [...entity.listPath],
		listArguments: entity.listArguments.map((argument) => ({ name: argument.name, type: argument.type })),
		keyField: entity.keyField,
		...(keyType !== undefined ? { keyType } : {}),
		filterDialect: entity.filterDialect,
	};
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
/** A variable's type as a query writes it: `String`, `Int!`, `[String!]!`. */
const TYPE = /^[[\]!_0-9A-Za-z]{1,200}$/;

export const isGraphqlName = (value: unknown): value is string => typeof value === 'string' && value.length <= 200 && NAME.test(value);

/**
 * Whether a value read back from static data is a ListedEntity: every name a GraphQL name, so
 * nothing but names goes into the query text, whatever the stored workflow holds.
 */
export function isListedEntity(value: unknown): value is ListedEntity {
	if (!value || typeof value !== 'object') return false;
	const entity = value as Partial<ListedEntity>;
	const path = entity.listPath;
	const args = entity.listArguments;
	return (
		typeof entity.key === 'string' &&
		entity.key.length <= 500 &&
		typeof entity.name === 'string' &&
		entity.name.length <= 200 &&
		Array.isArray(path) &&
		path.length > 0 &&
		path.length <= 10 &&
		path.every(isGraphqlName) &&
		Array.isArray(args) &&
		args.length <= 50 &&
		args.every((argument) => !!argument && isGraphqlName(argument.name) && typeof argument.type === 'string' && TYPE.test(argument.type)) &&
		isGraphqlName(entity.keyField) &&
		(entity.keyType === undefined || isGraphqlName(entity.keyType)) &&
		(entity.filterDialect === 'x3Cloud' || entity.filterDialect === 'xtrem')
	);
}
