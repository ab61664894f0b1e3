import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import { versionDescription } from './actions/versionDescription';
import { listSearch, loadOptions } from './methods';

export class SageX3 implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage X3',
		name: 'sageX3',
		group: ['transform'],
		...versionDescription,
		icon: { light: 'file:sageX3.svg', dark: 'file:sageX3.dark.svg' },
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		usableAsTool: true,
	};

	methods = { listSearch, loadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
