import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/asyncMutation.operation';

/** Customer → Async Mutation is Entity → Async Mutation on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['asyncMutation'] } }, properties);

export { execute };
