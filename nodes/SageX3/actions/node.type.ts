import type { AllEntities } from 'n8n-workflow';

/** Every resource of the node and its operations, as the `resource` and `operation` parameters hold them. */
type NodeMap = {
	customer: 'create' | 'delete' | 'get' | 'getAll' | 'update' | 'upsert';
	dataDelivery: 'delete' | 'download' | 'listFiles';
	entity: 'create' | 'delete' | 'get' | 'getAll' | 'update' | 'upsert';
	folder: 'list';
	graphql: 'execute';
};

export type SageX3Type = AllEntities<NodeMap>;
