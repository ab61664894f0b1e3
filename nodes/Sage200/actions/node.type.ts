import type { AllEntities } from 'n8n-workflow';

import type { Sage200ResourceMap } from './resources';

/**
 * The node's resources and their operations. The table in resources.ts generates the record
 * resources, so their map is derived from its types rather than listed a second time here.
 */
type NodeMap = Sage200ResourceMap & {
	customApiCall: 'request';
};

export type Sage200Type = AllEntities<NodeMap>;
