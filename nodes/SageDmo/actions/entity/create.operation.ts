import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import { isFieldName } from '../../../shared/records/graphql-keys';
import { runPlannedWrite, withConfirmedOutcome } from '../../../shared/records/write-outcome';
import { parseJsonObjectParameter, prepareItems, runEach } from '../../../shared/utils';
import type { SdmoSession } from '../../helpers/connection';
import { parseSelection } from '../../helpers/parameters';
import { DEFAULT_KEY_FIELD, fieldsOption, fieldsOptions } from './common';
import { mutationTarget } from './mutate';
import { planSdmoWrite, sdmoWriteOutput } from './write';

export const properties: INodeProperties[] = [
	{
		displayName: 'Data',
		name: 'data',
		type: 'json',
		required: true,
		default: '{\n  "id": "",\n  "name": ""\n}',
		description: 'Fields of the new record as JSON; references take an _id or a #natural key',
	},
	{
		...fieldsOptions,
		options: [
			fieldsOption,
			{
				displayName: 'Key Field',
				name: 'keyField',
				type: 'string',
				default: DEFAULT_KEY_FIELD,
				description:
					'Field of Data that no two records share: the natural key a Record ID such as #FR0006 refers to (the default), or number on documents. If the connection drops after the create was sent, the node finds the record by it to learn whether Sage created it. Empty: no such check.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['entity'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: SdmoSession): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const { prepared, failed } = prepareItems(this, items.length, (itemIndex) => {
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const data = parseJsonObjectParameter(node, this.getNodeParameter('data', itemIndex), 'Data', itemIndex);
		if (Object.keys(data).length === 0) throw new NodeOperationError(node, '"Data" must hold at least one field', { itemIndex });
		const keyField = String(options.keyField ?? DEFAULT_KEY_FIELD).trim();
		if (keyField && !isFieldName(keyField)) {
			throw new NodeOperationError(node, `"Key Field" must be a field name (letters, digits, _), got ${JSON.stringify(keyField)}`, { itemIndex });
		}
		const value = data[keyField];
		const unique = keyField && (typeof value === 'string' || typeof value === 'number') ? { field: keyField, value: String(value) } : undefined;
		return { target: session.targetOf(itemIndex), data, unique, selection: parseSelection(node, options.fields, 'Fields', itemIndex) };
	});
	const done = await runEach(this, prepared, async (input, itemIndex) => {
		const resolved = await mutationTarget.call(this, session, input.target, 'create', itemIndex);
		return await runPlannedWrite({
			...planSdmoWrite.call(this, session, resolved, { kind: 'create', unique: input.unique, data: input.data, selection: input.selection, itemIndex }),
			output: (checked) => withConfirmedOutcome(sdmoWriteOutput('create', undefined, checked), checked),
		});
	});
	return [...failed, ...done];
}
