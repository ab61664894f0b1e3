import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/get.operation';

/** Customer → Get is Entity → Get on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['get'] } }, properties);

export { execute };
