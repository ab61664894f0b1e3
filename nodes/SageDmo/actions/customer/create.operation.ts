import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/create.operation';

/** Customer → Create is Entity → Create on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['create'] } }, properties);

export { execute };
