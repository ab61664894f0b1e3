import type { INodeProperties } from 'n8n-workflow';

import { graphqlOperationProperty } from '../../../shared/graphql';
import * as execute from './execute.operation';

export { execute };

export const description: INodeProperties[] = [graphqlOperationProperty('a folder'), ...execute.description];
