import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

import { graphqlOperationProperty } from '../../../shared/graphql';
import { appProperty } from '../common.descriptions';
import * as execute from './execute.operation';

export { execute };

export const description: INodeProperties[] = [
	graphqlOperationProperty('an app'),
	...updateDisplayOptions({ show: { resource: ['graphql'] } }, [appProperty]),
	...execute.description,
];
