import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/delete.operation';

/** Customer → Delete is Entity → Delete on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['delete'] } }, properties);

export { execute };
