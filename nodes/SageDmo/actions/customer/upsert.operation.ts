import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/upsert.operation';

/** Customer → Create or Update is Entity → Create or Update on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['upsert'] } }, properties);

export { execute };
