import { updateDisplayOptions, type IExecuteFunctions, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';

import type { X3Session } from '../../helpers/session';
import { dataProperty, entityFieldsProperty, entityKeyProperty, entityProperties } from './common';
import { writeEntities } from './write';

const properties: INodeProperties[] = [...entityProperties, entityKeyProperty, dataProperty, entityFieldsProperty];

const displayOptions = { show: { resource: ['entity'], operation: ['update'] } };

export const description = updateDisplayOptions(displayOptions, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await writeEntities.call(this, items, session, 'update');
}
