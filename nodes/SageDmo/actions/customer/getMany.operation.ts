import { updateDisplayOptions } from 'n8n-workflow';

import { execute, properties } from '../entity/getMany.operation';

/** Customer → Get Many is Entity → Get Many on xtremMasterData.customer (SdmoSession.targetOf presets it). */
export const description = updateDisplayOptions({ show: { resource: ['customer'], operation: ['getMany'] } }, properties);

export { execute };
