import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readSimplify } from '../../shared/descriptions';
import type { EntityDescriptor } from '../../shared/graphql/entities';
import { readMappedParameter, requireNonEmptyString, runNodeCopy } from '../../shared/utils';
import { lookupEach } from '../helpers/records';
import type { X3Session } from '../helpers/session';
import { folderNameOf } from './common.descriptions';

/**
 * Get for any entity: every item's parameters are checked (`check`, then its key) before any
 * request, then its entity and selection are resolved (`target`) and all keys are read in shared
 * requests of up to 100 (aliased `read` calls, or an `$in`/`_in` filter).
 */
export async function getRecordsByKey(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	session: X3Session,
	key: { parameter: string; displayName: string },
	check: (itemIndex: number) => unknown,
	target: (itemIndex: number, folderUrl: string) => Promise<{ entity: EntityDescriptor; selection: string }>,
): Promise<INodeExecutionData[]> {
	return await lookupEach(
		this,
		session,
		items.length,
		(itemIndex) => {
			check(itemIndex);
			const node = runNodeCopy(this);
			return {
				key: requireNonEmptyString(node, readMappedParameter(this, key.parameter, itemIndex, ''), key.displayName, itemIndex),
				simplify: readSimplify(node, this.getNodeParameter.bind(this), itemIndex),
				folderName: folderNameOf.call(this, itemIndex),
			};
		},
		async ({ key: value, simplify, folderName }, itemIndex) => {
			const folderUrl = await session.folderUrl(folderName, 'dataService', itemIndex);
			return { itemIndex, key: value, folderUrl, ...(await target(itemIndex, folderUrl)), simplify };
		},
	);
}
