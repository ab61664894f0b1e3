import { NodeOperationError, type INode, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';

/**
 * The Fields / Select pickers of the three nodes: a multi-select of the fields the schema lists
 * (X3 and SDMO introspection, Sage 200's OpenAPI), empty for the operation's default fields, and
 * "(All Fields)", stored as `*`, for every field.
 */
export const ALL_FIELDS = '*';

const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The first entry of every field picker. */
export const allFieldsOption = (description: string): INodePropertyOptions => ({ name: '(All Fields)', value: ALL_FIELDS, description });

export interface FieldPickerOptions {
	name?: string;
	displayName?: string;
	loadOptionsMethod: string;
	dependsOn: string[];
	/** What an empty selection returns, and what else the user should know. */
	description: string;
}

/** A multi-select of the schema's fields (parameter `fields` unless told otherwise). */
export function fieldPickerProperty(options: FieldPickerOptions): INodeProperties {
	return {
		displayName: options.displayName ?? 'Field Names or IDs',
		name: options.name ?? 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: options.loadOptionsMethod, loadOptionsDependsOn: options.dependsOn },
		default: [],
		description: options.description + ' Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	};
}

/**
 * The names a picker holds: a list, or, from an expression, names separated by commas or spaces
 * (e.g. "id, name"). Checked for shape before anything is sent.
 */
export function readPickedFields(node: INode, raw: unknown, parameterName: string, itemIndex: number): string[] {
	if (raw === undefined || raw === null || raw === '') return [];
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [raw];
	const names = values.map((value) => (typeof value === 'string' ? value.trim() : value)).filter((value) => value !== '');
	const bad = names.filter((name) => typeof name !== 'string' || (name !== ALL_FIELDS && !FIELD_NAME.test(name)));
	if (bad.length) {
		throw new NodeOperationError(node, `"${parameterName}" must list field names, e.g. ["id", "name"] or "id, name" (got ${JSON.stringify(bad[0])})`, {
			itemIndex,
			description: 'Field names are letters, digits and _; (All Fields) is *. Nothing was sent to Sage.',
		});
	}
	return [...new Set(names as string[])];
}

/** Picked names the schema does not list fail naming them and the fields there are; `*` always passes. */
export function requireKnownFields(node: INode, picked: string[], known: readonly string[], parameterName: string, owner: string, itemIndex: number): void {
	const knownSet = new Set(known);
	const unknown = picked.filter((name) => name !== ALL_FIELDS && !knownSet.has(name));
	if (unknown.length === 0) return;
	const listed = known.slice(0, 60).join(', ');
	throw new NodeOperationError(node, `Unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in the parameter "${parameterName}" for ${owner}`, {
		itemIndex,
		description: `Fields of ${owner}: ${listed}${known.length > 60 ? `, … (${known.length} in all)` : ''}. Nothing was sent to Sage.`,
	});
}
