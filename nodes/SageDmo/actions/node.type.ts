import type { AllEntities } from 'n8n-workflow';

type RecordOperation = 'asyncMutation' | 'bulkUpdate' | 'create' | 'delete' | 'get' | 'getMany' | 'update' | 'upsert';

type NodeMap = {
	customer: RecordOperation;
	entity: RecordOperation;
	graphql: 'execute';
	token: 'revoke';
};

export type SageDmoType = AllEntities<NodeMap>;
