import { NodeOperationError, type INode } from 'n8n-workflow';

import { readPickedFields, requireKnownFields } from '../../shared/fields';
import { checkSelection } from '../../shared/graphql';
import type { EntityDescriptor } from '../../shared/graphql/entities';
import { selectableFields, selectionOfPicked } from '../../shared/graphql/selectable-fields';
import { locatorValueOf } from '../../shared/utils';

/** A selection such as "_id id name currency { id }", syntax-checked locally. */
export function parseSelection(node: INode, value: unknown, parameterName: string, itemIndex: number): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const selection = String(value).trim();
	checkSelection(node, selection, parameterName, itemIndex);
	return selection;
}

/** What a Get or Get Many returns: fields picked from the schema, and a GraphQL selection of Options → Fields (Selection). */
export interface FieldsInput {
	picked: string[];
	selection?: string;
}

/** Both checked for shape before anything is sent; the picked names are checked against the schema by `fieldsSelection`. */
export function readFieldsInput(node: INode, picked: unknown, selection: unknown, itemIndex: number): FieldsInput {
	return { picked: readPickedFields(node, picked, 'Fields', itemIndex), selection: parseSelection(node, selection, 'Fields (Selection)', itemIndex) };
}

/**
 * The selection to send: the picked fields (a reference with its identifying fields) and the
 * GraphQL selection, both when both are given (GraphQL merges a field named twice); undefined
 * for the entity's default selection, every field.
 */
export function fieldsSelection(node: INode, entity: EntityDescriptor, input: FieldsInput, itemIndex: number): string | undefined {
	requireKnownFields(node, input.picked, [...selectableFields(entity).keys()], 'Fields', entity.key, itemIndex);
	const parts = [input.picked.length ? selectionOfPicked(entity, input.picked) : '', input.selection ?? ''].filter(Boolean);
	return parts.length ? parts.join(' ') : undefined;
}

/** An xtrem filter or orderBy string: a JSON-like object such as {name: {_regex: 'Atlas'}}. */
export function parseObjectString(node: INode, value: unknown, parameterName: string, itemIndex: number, example: string): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'object') return JSON.stringify(value);
	const text = String(value).trim();
	if (text === '') return undefined;
	let depth = 0;
	let quote: string | undefined;
	for (let position = 0; position < text.length; position++) {
		const char = text[position];
		if (quote) {
			if (char === '\\') position++;
			else if (char === quote) quote = undefined;
		} else if (char === '"' || char === "'") quote = char;
		else if (char === '{' || char === '[') depth++;
		else if (char === '}' || char === ']') depth--;
		if (depth < 0) break;
	}
	if (!text.startsWith('{') || !text.endsWith('}') || depth !== 0 || quote) {
		throw new NodeOperationError(node, `"${parameterName}" must be an object in Sage's filter syntax, like ${example} (got ${JSON.stringify(text)})`, {
			itemIndex,
		});
	}
	return text;
}

/** A record key: an _id such as "6" or a natural key such as "#FR0006". */
export function parseRecordId(node: INode, raw: unknown, parameterName: string, itemIndex: number): string {
	const value = locatorValueOf(raw);
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (text === '' || text === '#') {
		throw new NodeOperationError(node, `"${parameterName}" must be a record _id such as 6, or a natural key such as #FR0006`, { itemIndex });
	}
	return text;
}
