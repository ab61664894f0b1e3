import type { INodePropertyOptions } from 'n8n-workflow';

import { ALL_FIELDS, allFieldsOption } from '../fields';
import type { EntityDescriptor } from './entities';

/**
 * The fields of an entity a Fields picker offers, each with what it selects: a leaf as itself, a
 * reference as `currency { _id id }` (its identifying fields, as the default selection has it).
 * Read from the entity's default selection, which introspection built from the schema.
 */
export function selectableFields(entity: EntityDescriptor): Map<string, string> {
	const entries = new Map<string, string>();
	const text = entity.defaultSelection;
	let position = 0;
	while (position < text.length) {
		const match = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*/y;
		match.lastIndex = position;
		const found = match.exec(text);
		if (!found) break;
		position = match.lastIndex;
		let entry = found[1];
		if (text[position] === '{') {
			// The default selection nests one level: a reference's leaves.
			const close = text.indexOf('}', position);
			if (close < 0) break;
			entry = `${found[1]} ${text.slice(position, close + 1)}`;
			position = close + 1;
		}
		entries.set(found[1], entry);
	}
	for (const leaf of entity.fields) if (!entries.has(leaf)) entries.set(leaf, leaf);
	return entries;
}

/** Picker options: (All Fields), then each field, an object field saying which of its sub-fields come back. */
export function selectableFieldOptions(entity: EntityDescriptor, describe: (name: string) => string | undefined = () => undefined): INodePropertyOptions[] {
	const options = [...selectableFields(entity)]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, entry]) => {
			const sub = entry.includes('{') ? `sub-fields: ${entry.slice(entry.indexOf('{') + 1, -1).trim().split(/\s+/).join(', ')}` : entity.fieldTypes?.[name];
			const extra = describe(name);
			const description = [sub, extra].filter(Boolean).join('; ');
			return { name, value: name, ...(description && { description }) };
		});
	return [allFieldsOption(`Every field of ${entity.nodeTypeName || entity.name}, each reference with its identifying fields`), ...options];
}

/** The selection for picked names (known ones: check them first); `*` selects everything. */
export function selectionOfPicked(entity: EntityDescriptor, picked: string[]): string {
	if (picked.includes(ALL_FIELDS)) return entity.defaultSelection || entity.keyField;
	const entries = selectableFields(entity);
	return picked.map((name) => entries.get(name) ?? name).join(' ');
}
