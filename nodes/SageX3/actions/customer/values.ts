import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import type { EntityDescriptor, InputFieldDescriptor } from '../../../shared/graphql/entities';
import { parseJsonObjectParameter } from '../../../shared/utils';
import { settableCustomerFields, type CustomerWriteKind } from '../../helpers/customer';
import { valuesParameterName } from './fields';

interface GivenValue {
	name: string;
	value: unknown;
	/** Typed in the editor as text: converted to the input field's type once the schema is known. */
	fromText: boolean;
	parameter: string;
}

export interface CustomerValues {
	given: GivenValue[];
	/** The parameter the values were given in, for messages. */
	parameter: string;
}

/**
 * The values an item gives for create or update, read and parsed without the schema (nothing is
 * sent yet): Field by Field or the JSON, plus values of workflows saved with the earlier fixed
 * fields (Short Name, Category, Other Fields (JSON), ...), which are now checked like the others.
 */
export function readCustomerValues(this: IExecuteFunctions, kind: CustomerWriteKind, itemIndex: number): CustomerValues {
	const node = this.getNode();
	const listName = valuesParameterName(kind);
	const json = this.getNodeParameter('fieldsMode', itemIndex, 'fields') === 'json';
	const given: GivenValue[] = [];
	const earlier = this.getNodeParameter(kind === 'create' ? 'additionalFields' : 'updateFields', itemIndex, {}) as IDataObject;
	for (const [name, value] of Object.entries(earlier ?? {})) {
		if (name === 'otherFields') {
			const other = parseJsonObjectParameter(node, value, 'Other Fields (JSON)', itemIndex);
			for (const [otherName, otherValue] of Object.entries(other)) given.push({ name: otherName, value: otherValue, fromText: false, parameter: listName });
		} else {
			given.push({ name, value, fromText: false, parameter: listName });
		}
	}
	if (json) {
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex, '{}'), 'Data (JSON)', itemIndex);
		for (const [name, value] of Object.entries(data)) given.push({ name, value, fromText: false, parameter: 'Data (JSON)' });
	} else {
		const rows = (this.getNodeParameter('fieldValues.field', itemIndex, []) as IDataObject[]) ?? [];
		rows.forEach((row, index) => {
			const name = typeof row.name === 'string' ? row.name.trim() : '';
			if (!name) throw new NodeOperationError(node, `Field ${index + 1} of "${listName}" has no field name: choose one or remove it`, { itemIndex });
			given.push({ name, value: row.value, fromText: typeof row.value === 'string', parameter: listName });
		});
	}
	return { given, parameter: json ? 'Data (JSON)' : listName };
}

const fail = (node: INode, itemIndex: number, message: string, description?: string): never => {
	throw new NodeOperationError(node, message, { itemIndex, description });
};

/** A value typed as text, as the input field's GraphQL type wants it. */
function convertText(node: INode, field: InputFieldDescriptor, text: string, parameter: string, itemIndex: number): unknown {
	const where = `The field "${field.name}" in "${parameter}"`;
	if (field.isList || field.kind === 'INPUT_OBJECT') {
		try {
			return JSON.parse(text);
		} catch {
			return fail(node, itemIndex, `${where} must be JSON: it is a ${field.type}`);
		}
	}
	const trimmed = text.trim();
	switch (field.typeName) {
		case 'Boolean':
			if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
			return fail(node, itemIndex, `${where} must be true or false, not "${text}"`);
		case 'Int':
			if (/^-?\d+$/.test(trimmed) && Number.isSafeInteger(Number(trimmed))) return Number(trimmed);
			return fail(node, itemIndex, `${where} must be a whole number, not "${text}"`);
		case 'Float':
			if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
			return fail(node, itemIndex, `${where} must be a number, not "${text}"`);
		default:
			// String, ID, enums and X3's own scalars (dates, decimals) travel as text.
			return text;
	}
}

/**
 * The mutation data: the given values checked against the folder's input type (an unknown or
 * missing field is named before anything is sent), text converted to each field's type, and the
 * values of the operation's own parameters on top.
 */
export function customerMutationData(
	node: INode,
	entity: EntityDescriptor,
	kind: CustomerWriteKind,
	values: CustomerValues,
	own: IDataObject,
	itemIndex: number,
): IDataObject {
	const inputFields = entity.mutations[kind]?.inputFields;
	const byName = new Map((inputFields ?? []).map((field) => [field.name, field]));
	const data: IDataObject = {};
	for (const { name, value, fromText, parameter } of values.given) {
		const field = byName.get(name);
		if (inputFields && !field) {
			const inputType = entity.mutations[kind]?.arguments.find((argument) => argument.name === 'data')?.type.replace(/!$/, '') ?? 'input type';
			const settable = settableCustomerFields(entity, kind).map((candidate) => candidate.name);
			fail(node, itemIndex, `Unknown field "${name}" in "${parameter}" for ${entity.key}`, `Fields of the folder's ${inputType}: ${settable.join(', ') || 'none besides the key'}`);
		}
		if (field && fromText) data[name] = convertText(node, field, value as string, parameter, itemIndex) as IDataObject[string];
		else if (field && ['String', 'ID'].includes(field.typeName) && typeof value === 'number') data[name] = String(value);
		else data[name] = value as IDataObject[string];
	}
	Object.assign(data, own);
	const missing = (inputFields ?? []).filter((field) => field.required && (data[field.name] === undefined || data[field.name] === null));
	if (missing.length) {
		const names = missing.map((field) => `"${field.name}"`).join(', ');
		fail(node, itemIndex, `The folder's schema requires ${names} to ${kind} a customer: add ${missing.length > 1 ? 'them' : 'it'} in "${values.parameter}"`);
	}
	return data;
}
