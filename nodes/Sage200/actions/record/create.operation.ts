import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { runPlannedWrite, withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { parseJsonObjectParameter, requireNonEmptyString, requirePositiveInteger, runNodeCopy } from '../../../shared/utils';
import { sage200Request } from '../../helpers/api';
import type { Sage200Session } from '../../helpers/session';
import { SAGE200_RESOURCES, resourcesWith } from '../resources';
import { describeAction, processRecordItems, type RecordItem } from './common';
import { sage200Check } from './keys';

/** One parameter per key field of each resource (from the table), then a JSON object for the rest. */
const keyFieldProperties: INodeProperties[] = SAGE200_RESOURCES.filter((entry) => entry.operations.includes('create')).flatMap((entry) =>
	updateDisplayOptions({ show: { resource: [entry.value], operation: ['create'] } }, [
		...(entry.parent?.requiredFor.includes('create')
			? [
					{
						displayName: entry.parent.displayName,
						name: 'parentId',
						type: 'string',
						required: true,
						default: '',
						description: `ID of the record the new ${entry.displayName.toLowerCase()} belongs to`,
					} satisfies INodeProperties,
				]
			: []),
		...entry.createFields.map(
			(field): INodeProperties => ({
				displayName: field.displayName,
				name: field.name,
				type: field.type,
				required: true,
				default: field.default,
				description: field.description,
			}),
		),
	]),
);

const properties: INodeProperties[] = [
	{
		displayName: 'Additional Fields (JSON)',
		name: 'additionalFields',
		type: 'json',
		default: '{}',
		description: 'Other fields of the record as a JSON object, named as in the Sage 200 API (e.g. {"credit_limit": 5000})',
	},
];

export const description: INodeProperties[] = [
	...keyFieldProperties,
	...updateDisplayOptions({ show: { resource: resourcesWith('create'), operation: ['create'] } }, properties),
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: Sage200Session): Promise<INodeExecutionData[]> {
	return await processRecordItems.call(this, items, session, 'create', createRecord);
}

async function createRecord(this: IExecuteFunctions, { itemIndex, resource, connection, baseUrl }: RecordItem): Promise<IDataObject[]> {
	const node = runNodeCopy(this);
	const body: IDataObject = { ...parseJsonObjectParameter(node, this.getNodeParameter('additionalFields', itemIndex, '{}'), 'Additional Fields (JSON)', itemIndex) };
	for (const field of resource.createFields) {
		const value = this.getNodeParameter(field.name, itemIndex, field.default);
		body[field.name] =
			field.type === 'number'
				? requirePositiveInteger(node, value, field.displayName, itemIndex)
				: requireNonEmptyString(node, value, field.displayName, itemIndex);
	}
	let path = resource.path;
	if (resource.parent?.requiredFor.includes('create')) {
		const parentId = String(this.getNodeParameter('parentId', itemIndex, '')).trim();
		if (!/^\d+$/.test(parentId) || parentId === '0') {
			throw new NodeOperationError(node, `"${resource.parent.displayName}" must be a Sage 200 record ID (a whole number above 0), got "${parentId}"`, {
				itemIndex,
			});
		}
		path = `${resource.parent.path}/${parentId}/${resource.path}`;
	}
	// A unique key field lets a create whose answer was lost be found again; without one its outcome stays unknown.
	const keyField = resource.createFields.find((field) => field.unique);
	const check = sage200Check.call(this, { connection, baseUrl, resource, itemIndex }, keyField && !resource.parent ? { field: keyField, key: String(body[keyField.name]) } : undefined);
	return [
		await runPlannedWrite({
			node,
			itemIndex,
			kind: 'create',
			send: async () => (await sage200Request.call(this, connection, baseUrl, { method: 'POST', path, body, action: describeAction('Creating', resource), itemIndex })).body as IDataObject,
			written: body,
			...check,
			output: (result) => withConfirmedOutcome((result.answer ?? result.record ?? {}) as IDataObject, result),
		}),
	];
}
