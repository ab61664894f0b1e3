import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/bulkUpdate.operation';

/** Customer → Bulk Update is Entity → Bulk Update on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['bulkUpdate'] } }, properties);

export { execute };
