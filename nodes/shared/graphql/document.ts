import { NodeOperationError, type INode } from 'n8n-workflow';

import { perRun } from '../utils/node';

import {
	GraphQLError,
	Kind,
	parse,
	print,
	visit,
	type ArgumentNode,
	type DocumentNode,
	type FieldNode,
	type OperationDefinitionNode,
	type SelectionSetNode,
} from './vendor';

export type OperationType = 'query' | 'mutation' | 'subscription';

/** Parse locally so a typo is reported with its line and column before anything is sent. */
export function parseGraphqlDocument(node: INode, source: string, parameterName: string, itemIndex?: number): DocumentNode {
	if (typeof source !== 'string' || source.trim() === '') {
		throw new NodeOperationError(node, `The parameter "${parameterName}" must contain a GraphQL query or mutation`, {
			itemIndex,
		});
	}
	try {
		return parse(source);
	} catch (error) {
		const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
		const where = location ? ` at line ${location.line}, column ${location.column}` : '';
		const reason = (error as Error).message.replace(/^Syntax Error: /, '');
		throw new NodeOperationError(node, `Invalid GraphQL in "${parameterName}"${where}: ${reason}`, {
			itemIndex,
			description: 'Fix the query; nothing was sent to Sage.',
		});
	}
}

const checkedSelections = new WeakMap<object, Set<string>>();

// The selection is checked where the nodes put it: inside one field's braces, on one line.
const SELECTION_PREFIX = 'query { x { ';

function selectionError(node: INode, parameterName: string, itemIndex: number, reason: string): NodeOperationError {
	return new NodeOperationError(node, `Invalid GraphQL in "${parameterName}": ${reason}`, {
		itemIndex,
		description: 'List the fields to return, e.g. "code name address { city }"; nothing was sent to Sage.',
	});
}

/**
 * Check a field selection such as `code name { id }`: it must parse as the body of one field,
 * with nothing that closes those braces to add a sibling field, another operation or a fragment.
 * Every item of a run usually shares one, so each distinct text is parsed once per run (keyed by
 * the run's node).
 */
export function checkSelection(node: INode, selection: string, parameterName: string, itemIndex: number): void {
	const checked = perRun(checkedSelections, node, () => new Set<string>());
	if (checked.has(selection)) return;
	let document: DocumentNode;
	try {
		document = parse(`${SELECTION_PREFIX}${selection} } }`, { noLocation: true });
	} catch (error) {
		const location = error instanceof GraphQLError ? error.locations?.[0] : undefined;
		const column = location && location.line === 1 ? Math.max(1, location.column - SELECTION_PREFIX.length) : location?.column;
		const where = location ? ` at line ${location.line}, column ${column}` : '';
		throw new NodeOperationError(node, `Invalid GraphQL in "${parameterName}"${where}: ${(error as Error).message.replace(/^Syntax Error: /, '')}`, {
			itemIndex,
			description: 'Fix the selection; nothing was sent to Sage.',
		});
	}
	const [definition, ...others] = document.definitions;
	const field = definition?.kind === Kind.OPERATION_DEFINITION && definition.selectionSet.selections.length === 1 ? definition.selectionSet.selections[0] : undefined;
	if (others.length > 0 || field?.kind !== Kind.FIELD || field.name.value !== 'x' || field.alias) {
		throw selectionError(node, parameterName, itemIndex, 'it closes more braces than it opens (only fields of the record may be listed)');
	}
	let spread: string | undefined;
	visit(field, {
		FragmentSpread(fragment) {
			spread ??= fragment.name.value;
		},
	});
	if (spread !== undefined) {
		throw selectionError(node, parameterName, itemIndex, `it uses the fragment "...${spread}", which a field list cannot define; list the fields instead`);
	}
	checked.add(selection);
}

/** The operation that will run: the named one, or the only one in the document. */
export function selectOperation(
	node: INode,
	document: DocumentNode,
	operationName: string | undefined,
	itemIndex?: number,
): OperationDefinitionNode {
	const operations = document.definitions.filter(
		(definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
	);
	if (operationName) {
		const named = operations.find((operation) => operation.name?.value === operationName);
		if (!named) {
			const names = operations.map((operation) => operation.name?.value).filter(Boolean);
			throw new NodeOperationError(node, `No operation named "${operationName}" in the GraphQL document`, {
				itemIndex,
				description: names.length ? `Operations in the document: ${names.join(', ')}` : undefined,
			});
		}
		return named;
	}
	if (operations.length !== 1) {
		throw new NodeOperationError(
			node,
			operations.length === 0
				? 'The GraphQL document contains no query or mutation'
				: 'The GraphQL document contains several operations: set "Operation Name" to choose one',
			{ itemIndex },
		);
	}
	return operations[0];
}

export const operationTypeOf = (operation: OperationDefinitionNode): OperationType => operation.operation as OperationType;

/** Split "sage.x3BusinessPartners.customer" into response keys; refuses empty segments. */
export function parseConnectionPath(node: INode, path: string, parameterName: string, itemIndex?: number): string[] {
	const segments = String(path ?? '')
		.split('.')
		.map((segment) => segment.trim());
	if (segments.length === 0 || segments.some((segment) => !/^[_A-Za-z][_0-9A-Za-z]*$/.test(segment))) {
		throw new NodeOperationError(node, `"${parameterName}" must be a dot-separated path of field names, like "sage.x3BusinessPartners.customer"`, {
			itemIndex,
		});
	}
	return segments;
}

export interface PagedDocument {
	/** The query text with `after` bound to a variable and `pageInfo { hasNextPage endCursor }` selected. */
	query: string;
	/** The variable that carries the cursor. */
	afterVariable: string;
}

const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

const fieldNode = (name: string): FieldNode => ({ kind: Kind.FIELD, name: { kind: Kind.NAME, value: name } });

const findField = (set: SelectionSetNode | undefined, name: string) =>
	set?.selections.find((selection): selection is FieldNode => selection.kind === Kind.FIELD && !selection.alias && selection.name.value === name);

function ensureFields(set: SelectionSetNode | undefined, names: string[]): SelectionSetNode {
	const selections = [...(set?.selections ?? [])];
	for (const name of names) if (!findField(set, name)) selections.push(fieldNode(name));
	return { kind: Kind.SELECTION_SET, selections };
}

/**
 * Rewrite a query so the connection at `path` can be paged: its `after` argument becomes a
 * variable (cursors contain quotes, so they are never inlined) and `pageInfo` is selected.
 */
export function prepareConnectionPaging(
	node: INode,
	operation: OperationDefinitionNode,
	path: string[],
	itemIndex?: number,
	document?: DocumentNode,
): PagedDocument {
	let afterVariable = 'sageAfter';
	let found = false;

	const rewrite = (selectionSet: SelectionSetNode, depth: number): SelectionSetNode => ({
		...selectionSet,
		selections: selectionSet.selections.map((selection) => {
			if (selection.kind !== Kind.FIELD || responseKey(selection) !== path[depth]) return selection;
			if (depth < path.length - 1) {
				if (!selection.selectionSet) return selection;
				return { ...selection, selectionSet: rewrite(selection.selectionSet, depth + 1) };
			}
			found = true;
			return withPaging(selection);
		}),
	});

	const withPaging = (field: FieldNode): FieldNode => {
		const existing = field.arguments?.find((argument) => argument.name.value === 'after');
		let args = field.arguments ?? [];
		if (existing?.value.kind === Kind.VARIABLE) {
			afterVariable = existing.value.name.value;
		} else {
			const after: ArgumentNode = {
				kind: Kind.ARGUMENT,
				name: { kind: Kind.NAME, value: 'after' },
				value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: afterVariable } },
			};
			args = [...args.filter((argument) => argument.name.value !== 'after'), after];
		}
		const pageInfo = findField(field.selectionSet, 'pageInfo') ?? fieldNode('pageInfo');
		const pagedPageInfo = { ...pageInfo, selectionSet: ensureFields(pageInfo.selectionSet, ['hasNextPage', 'endCursor']) };
		const others = (field.selectionSet?.selections ?? []).filter((selection) => selection !== pageInfo);
		return {
			...field,
			arguments: args,
			selectionSet: { kind: Kind.SELECTION_SET, selections: [...others, pagedPageInfo] },
		};
	};

	const selectionSet = rewrite(operation.selectionSet, 0);
	if (!found) {
		throw new NodeOperationError(node, `The query has no field at "${path.join('.')}" to page through`, {
			itemIndex,
			description: 'Set "Connection Path" to the dot-separated response keys of a connection (a field with edges and pageInfo).',
		});
	}
	const variableDefinitions = [...(operation.variableDefinitions ?? [])];
	if (!variableDefinitions.some((definition) => definition.variable.name.value === afterVariable)) {
		variableDefinitions.push({
			kind: Kind.VARIABLE_DEFINITION,
			variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: afterVariable } },
			type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
		});
	}
	const rewritten: OperationDefinitionNode = { ...operation, variableDefinitions, selectionSet };
	// The fragments the operation spreads travel with it (and only those: GraphQL refuses unused ones).
	const fragments = document ? fragmentsUsedBy(document, rewritten) : [];
	return { query: print({ kind: Kind.DOCUMENT, definitions: [rewritten, ...fragments] } as DocumentNode), afterVariable };
}

/** The fragment definitions `operation` spreads, directly or through other fragments. */
function fragmentsUsedBy(document: DocumentNode, operation: OperationDefinitionNode) {
	const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
	const used = new Set<string>();
	const pending: Array<OperationDefinitionNode | (typeof fragments)[number]> = [operation];
	while (pending.length > 0) {
		visit(pending.pop()!, {
			FragmentSpread(spread) {
				const name = spread.name.value;
				const fragment = fragments.find((candidate) => candidate.name.value === name);
				if (fragment && !used.has(name)) {
					used.add(name);
					pending.push(fragment);
				}
			},
		});
	}
	return fragments.filter((fragment) => used.has(fragment.name.value));
}
