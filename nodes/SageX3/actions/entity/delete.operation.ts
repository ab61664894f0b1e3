import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { X3Session } from '../../helpers/session';
import { entityKeyProperty, entityProperties } from './common';
import { writeEntities } from './write';

export const description: INodeProperties[] = [...entityProperties(['delete']), entityKeyProperty(['delete'])];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], session: X3Session): Promise<INodeExecutionData[]> {
	return await writeEntities.call(this, items, session, 'delete');
}
