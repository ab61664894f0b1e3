/**
 * Entities of a Sage GraphQL schema, discovered by introspection rather than hard-coded, because
 * root names differ between releases: X3's older cloud schema (`sage.x3BusinessPartners.customer`
 * is itself a connection), X3 V12 and SDMO's xtrem schemas (`xtremMasterData.customer.query`,
 * `read(_id)`, and `create/update/delete/bulkUpdate` mutations at the same path).
 */

export const ENTITY_INTROSPECTION_QUERY = `query SageEntityIntrospection {
  __schema {
    queryType { name }
    mutationType { name }
    types {
      kind name
      fields { name args { name type { ...TypeRef } } type { ...TypeRef } }
      inputFields { name type { ...TypeRef } }
    }
  }
}
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

interface TypeRef {
	kind: string;
	name: string | null;
	ofType?: TypeRef | null;
}

interface IntrospectionField {
	name: string;
	args: Array<{ name: string; type: TypeRef }>;
	type: TypeRef;
}

interface IntrospectionType {
	kind: string;
	name: string;
	fields: IntrospectionField[] | null;
	inputFields: Array<{ name: string; type: TypeRef }> | null;
}

export interface IntrospectionData {
	__schema: {
		queryType: { name: string } | null;
		mutationType: { name: string } | null;
		types: IntrospectionType[];
	};
}

/** Filters are strings in Sage's own dialect: `$in`/`$gt` (X3 cloud) or `_in`/`_gt` (xtrem). */
export type FilterDialect = 'x3Cloud' | 'xtrem';

export interface OperationArgument {
	name: string;
	/** GraphQL type as written in a variable definition, e.g. "CustomerInput!". */
	type: string;
}

/** A field of a mutation's input object, so a node can offer and type its values. */
export interface InputFieldDescriptor {
	name: string;
	/** GraphQL type as written in a variable definition, e.g. "String!". */
	type: string;
	/** Named type (String, Boolean, Int, an enum or input object) and its kind (SCALAR, ENUM, INPUT_OBJECT). */
	typeName: string;
	kind: string;
	isList: boolean;
	required: boolean;
}

export interface EntityMutation {
	path: string[];
	arguments: OperationArgument[];
	/** Whether the mutation returns an object (needs a selection) or a scalar (count, boolean). */
	returnsObject: boolean;
	/** Fields of the input object taken as `data` (or as the only input-object argument). */
	inputFields?: InputFieldDescriptor[];
}

export interface EntityAsyncOperation {
	name: string;
	start: EntityMutation;
	track: EntityMutation;
}

export interface EntityDescriptor {
	/** Stable identifier used in pickers: the dot path of the entity ("xtremMasterData.customer"). */
	key: string;
	name: string;
	displayName: string;
	/** Response path of the connection to page through. */
	listPath: string[];
	listArguments: OperationArgument[];
	hasTotalCount: boolean;
	/** `read(_id)` where the schema has it. */
	read?: EntityMutation;
	nodeTypeName: string;
	/** Leaf fields of a record; references appear as `field { _id id }`. */
	fields: string[];
	/** Named GraphQL type of each leaf field (String, Int, a custom scalar such as Datetime, an enum). */
	fieldTypes?: Record<string, string>;
	/** Default selection: every leaf and reference field. */
	defaultSelection: string;
	/** Field that identifies a record: the argument of `delete`/`read`, else `_id` or `code`. */
	keyField: string;
	filterDialect: FilterDialect;
	mutations: { create?: EntityMutation; update?: EntityMutation; delete?: EntityMutation; bulkUpdate?: EntityMutation };
	asyncOperations: EntityAsyncOperation[];
}

const MAX_DEPTH = 5;

const namedType = (type: TypeRef): TypeRef => (type.ofType ? namedType(type.ofType) : type);

function printType(type: TypeRef): string {
	if (type.kind === 'NON_NULL') return `${printType(type.ofType!)}!`;
	if (type.kind === 'LIST') return `[${printType(type.ofType!)}]`;
	return type.name ?? 'String';
}

const isLeaf = (type: TypeRef) => ['SCALAR', 'ENUM'].includes(namedType(type).kind);

const toArguments = (field: IntrospectionField): OperationArgument[] =>
	field.args.map((arg) => ({ name: arg.name, type: printType(arg.type) }));

function humanize(name: string): string {
	const words = name.replace(/^xtrem|^x3/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2');
	return words.charAt(0).toUpperCase() + words.slice(1);
}

export function describeEntities(data: IntrospectionData): EntityDescriptor[] {
	const types = new Map(data.__schema.types.map((type) => [type.name, type]));
	const typeOf = (ref: TypeRef) => types.get(namedType(ref).name ?? '');
	const fieldsOf = (ref: TypeRef) => typeOf(ref)?.fields ?? [];
	const isConnection = (ref: TypeRef) => {
		const names = fieldsOf(ref).map((field) => field.name);
		return names.includes('pageInfo') && (names.includes('edges') || names.includes('nodes'));
	};

	const selectionFor = (nodeType: TypeRef): string[] =>
		fieldsOf(nodeType).flatMap((field) => {
			if (isLeaf(field.type)) return [field.name];
			if (field.args.some((arg) => arg.type.kind === 'NON_NULL')) return [];
			const leaves = fieldsOf(field.type).filter((sub) => isLeaf(sub.type) && sub.args.length === 0);
			if (leaves.length === 0 || isConnection(field.type)) return [];
			const identifying = leaves.filter((sub) => ['_id', 'id', 'code'].includes(sub.name));
			const chosen = namedType(field.type).kind === 'OBJECT' && identifying.length ? identifying : leaves;
			return [`${field.name} { ${chosen.map((sub) => sub.name).join(' ')} }`];
		});

	const mutationsByKey = new Map<string, { type: IntrospectionType; path: string[] }>();
	const walkMutations = (ref: TypeRef, path: string[], seen: Set<string>) => {
		const type = typeOf(ref);
		if (!type?.fields || seen.has(type.name) || path.length > MAX_DEPTH) return;
		const names = type.fields.map((field) => field.name);
		if (path.length && ['create', 'update', 'delete', 'bulkUpdate'].some((name) => names.includes(name))) {
			mutationsByKey.set(path.join('.'), { type, path });
		}
		for (const field of type.fields) {
			if (namedType(field.type).kind === 'OBJECT' && field.args.length === 0) {
				walkMutations(field.type, [...path, field.name], new Set([...seen, type.name]));
			}
		}
	};
	const mutationRoot = data.__schema.mutationType?.name;
	if (mutationRoot) walkMutations({ kind: 'OBJECT', name: mutationRoot }, [], new Set());

	const isList = (type: TypeRef): boolean => type.kind === 'LIST' || (type.kind === 'NON_NULL' && !!type.ofType && isList(type.ofType));
	const inputFieldsOf = (field: IntrospectionField): InputFieldDescriptor[] | undefined => {
		const inputs = field.args.filter((arg) => typeOf(arg.type)?.kind === 'INPUT_OBJECT');
		const input = typeOf((inputs.find((arg) => arg.name === 'data') ?? (inputs.length === 1 ? inputs[0] : undefined))?.type ?? { kind: '', name: null });
		return input?.inputFields?.map((inputField) => ({
			name: inputField.name,
			type: printType(inputField.type),
			typeName: namedType(inputField.type).name ?? '',
			kind: namedType(inputField.type).kind,
			isList: isList(inputField.type),
			required: inputField.type.kind === 'NON_NULL',
		}));
	};

	const toMutation = (field: IntrospectionField | undefined, path: string[]): EntityMutation | undefined => {
		if (!field) return undefined;
		const inputFields = inputFieldsOf(field);
		return { path: [...path, field.name], arguments: toArguments(field), returnsObject: !isLeaf(field.type), ...(inputFields && { inputFields }) };
	};

	const entities: EntityDescriptor[] = [];
	const walkQueries = (ref: TypeRef, path: string[], seen: Set<string>) => {
		const type = typeOf(ref);
		if (!type?.fields || seen.has(type.name) || path.length > MAX_DEPTH) return;
		for (const field of type.fields) {
			if (isConnection(field.type)) {
				// xtrem: `customer { query(...) read(_id) }`; X3 cloud: `customer(...)` is the connection.
				const xtremStyle = field.name === 'query' && path.length > 0;
				const entityPath = xtremStyle ? path : [...path, field.name];
				const connectionFields = fieldsOf(field.type);
				const edgeType = connectionFields.find((sub) => sub.name === 'edges')?.type;
				const nodeRef = edgeType
					? fieldsOf(edgeType).find((sub) => sub.name === 'node')?.type
					: connectionFields.find((sub) => sub.name === 'nodes')?.type;
				if (!nodeRef) continue;
				const key = entityPath.join('.');
				const mutationType = mutationsByKey.get(key);
				const mutationField = (name: string) => mutationType?.type.fields?.find((sub) => sub.name === name);
				const readField = xtremStyle ? type.fields.find((sub) => sub.name === 'read') : undefined;
				const selection = selectionFor(nodeRef);
				const leaves = fieldsOf(nodeRef).filter((sub) => isLeaf(sub.type));
				const leafNames = leaves.map((sub) => sub.name);
				const keyField =
					mutationField('delete')?.args[0]?.name ??
					readField?.args[0]?.name ??
					['_id', 'code', 'id'].find((name) => leafNames.includes(name)) ??
					leafNames[0] ??
					'_id';
				const asyncOperations: EntityAsyncOperation[] = [];
				for (const candidate of mutationType?.type.fields ?? []) {
					const operations = fieldsOf(candidate.type);
					const start = operations.find((sub) => sub.name === 'start');
					const track = operations.find((sub) => sub.name === 'track');
					if (start && track) {
						const base = [...mutationType!.path, candidate.name];
						asyncOperations.push({ name: candidate.name, start: toMutation(start, base)!, track: toMutation(track, base)! });
					}
				}
				const name = entityPath[entityPath.length - 1];
				entities.push({
					key,
					name,
					displayName: `${humanize(name)} (${entityPath.slice(0, -1).filter((part) => part !== 'sage').join('.') || 'root'})`,
					listPath: [...path, field.name],
					listArguments: toArguments(field),
					hasTotalCount: connectionFields.some((sub) => sub.name === 'totalCount'),
					read: toMutation(readField, path),
					nodeTypeName: namedType(nodeRef).name ?? '',
					fields: leafNames,
					fieldTypes: Object.fromEntries(leaves.map((sub) => [sub.name, namedType(sub.type).name ?? ''])),
					defaultSelection: selection.join(' '),
					keyField,
					filterDialect: xtremStyle ? 'xtrem' : 'x3Cloud',
					mutations: {
						create: toMutation(mutationField('create'), mutationType?.path ?? []),
						update: toMutation(mutationField('update'), mutationType?.path ?? []),
						delete: toMutation(mutationField('delete'), mutationType?.path ?? []),
						bulkUpdate: toMutation(mutationField('bulkUpdate'), mutationType?.path ?? []),
					},
					asyncOperations,
				});
			} else if (namedType(field.type).kind === 'OBJECT' && field.args.length === 0) {
				walkQueries(field.type, [...path, field.name], new Set([...seen, type.name]));
			}
		}
	};
	const queryRoot = data.__schema.queryType?.name;
	if (queryRoot) walkQueries({ kind: 'OBJECT', name: queryRoot }, [], new Set());
	return entities.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Nest `inner` inside the fields of `path`: ["a","b"] → "a { b { inner } }". */
function nest(path: string[], inner: string): string {
	return path.reduceRight((body, segment) => `${segment} { ${body} }`, inner);
}

function variableDefinitions(args: OperationArgument[], rename: (name: string) => string = (name) => name): string {
	return args.length ? `(${args.map((arg) => `$${rename(arg.name)}: ${arg.type}`).join(', ')})` : '';
}

function argumentList(args: OperationArgument[], rename: (name: string) => string = (name) => name): string {
	return args.length ? `(${args.map((arg) => `${arg.name}: $${rename(arg.name)}`).join(', ')})` : '';
}

export interface ListQueryOptions {
	selection: string;
	filter?: string;
	orderBy?: string;
	pageSize: number;
	includeTotalCount?: boolean;
}

export interface BuiltQuery {
	query: string;
	variables: Record<string, unknown>;
	/** Response path of the result (connection, record or mutation payload). */
	path: string[];
}

/** What a list query needs of an entity (a trigger keeps only this much between polls). */
export type ListableEntity = Pick<EntityDescriptor, 'listArguments' | 'listPath'> & Partial<Pick<EntityDescriptor, 'hasTotalCount'>>;

/** A paged list query: `after` is a variable (cursors contain quotes) and pageInfo is selected. */
export function buildListQuery(entity: ListableEntity, options: ListQueryOptions): BuiltQuery & { afterVariable: string } {
	const supported = new Set(entity.listArguments.map((arg) => arg.name));
	const values: Record<string, unknown> = { first: options.pageSize, filter: options.filter, orderBy: options.orderBy };
	const args = entity.listArguments.filter(
		(arg) => arg.name === 'after' || (values[arg.name] !== undefined && values[arg.name] !== ''),
	);
	if (!supported.has('after')) args.push({ name: 'after', type: 'String' });
	const variables = Object.fromEntries(args.filter((arg) => arg.name !== 'after').map((arg) => [arg.name, values[arg.name]]));
	const field = entity.listPath[entity.listPath.length - 1];
	const total = options.includeTotalCount && entity.hasTotalCount ? 'totalCount ' : '';
	const connection = `${field}${argumentList(args)} { ${total}edges { node { ${options.selection} } cursor } pageInfo { hasNextPage endCursor } }`;
	return {
		query: `query SageList${variableDefinitions(args)} { ${nest(entity.listPath.slice(0, -1), connection)} }`,
		variables,
		path: entity.listPath,
		afterVariable: 'after',
	};
}

/** Many `read` calls in one request, one alias per key: results are at `[...parent, alias(i)]`. */
export function buildReadByKeysQuery(
	entity: EntityDescriptor,
	selection: string,
	keys: string[],
): BuiltQuery & { aliasPath: (index: number) => string[] } {
	const read = entity.read;
	if (!read) throw new Error(`Entity ${entity.key} has no read operation`);
	const argument = read.arguments[0];
	const parent = read.path.slice(0, -1);
	const definitions = keys.map((_, index) => `$key${index}: ${argument.type}`).join(', ');
	const reads = keys
		.map((_, index) => `r${index}: ${read.path[read.path.length - 1]}(${argument.name}: $key${index}) { ${selection} }`)
		.join(' ');
	return {
		query: `query SageReadMany(${definitions}) { ${nest(parent, reads)} }`,
		variables: Object.fromEntries(keys.map((key, index) => [`key${index}`, key])),
		path: parent,
		aliasPath: (index) => [...parent, `r${index}`],
	};
}

export type MutationKind = 'create' | 'update' | 'delete' | 'bulkUpdate';

/** A mutation whose arguments are all passed as variables named after them (prefixed `arg_`). */
export function buildMutation(
	entity: EntityDescriptor,
	kind: MutationKind,
	selection: string,
	argumentValues: Record<string, unknown>,
): BuiltQuery {
	const mutation = entity.mutations[kind];
	if (!mutation) throw new Error(`Entity ${entity.key} has no ${kind} mutation`);
	return buildOperationCall('mutation', `Sage${kind.charAt(0).toUpperCase()}${kind.slice(1)}`, mutation, selection, argumentValues);
}

/** Call any operation (mutation or query field) with its arguments as variables. */
export function buildOperationCall(
	operationType: 'query' | 'mutation',
	operationName: string,
	operation: EntityMutation,
	selection: string,
	argumentValues: Record<string, unknown>,
): BuiltQuery {
	const args = operation.arguments.filter((arg) => argumentValues[arg.name] !== undefined || arg.type.endsWith('!'));
	const rename = (name: string) => `arg_${name.replace(/^_+/, '')}`;
	const field = operation.path[operation.path.length - 1];
	const body = `${field}${argumentList(args, rename)}${operation.returnsObject ? ` { ${selection} }` : ''}`;
	return {
		query: `${operationType} ${operationName}${variableDefinitions(args, rename)} { ${nest(operation.path.slice(0, -1), body)} }`,
		variables: Object.fromEntries(args.map((arg) => [rename(arg.name), argumentValues[arg.name]])),
		path: operation.path,
	};
}

/** A value inside a Sage filter string: quoted with single quotes, backslash and quote escaped. */
export function filterLiteral(value: string | number | boolean): string {
	if (typeof value !== 'string') return String(value);
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A filter matching any of `values` on `field`, in the entity's own dialect. */
export function keyInFilter(entity: EntityDescriptor, field: string, values: Array<string | number>): string {
	const operator = entity.filterDialect === 'xtrem' ? '_in' : '$in';
	if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(field)) throw new Error(`Invalid field name ${field}`);
	return `{${field}: {${operator}: [${values.map(filterLiteral).join(', ')}]}}`;
}
