import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/update.operation';

/** Customer → Update is Entity → Update on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['update'] } }, properties);

export { execute };
