import { type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { pollingTriggerDescription } from '../shared/trigger';
import { triggerProperties } from './description';
import { listSearch, loadOptions } from './methods';
import { pollX3Changes } from './poll';

export class SageX3Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage X3 Trigger',
		name: 'sageX3Trigger',
		icon: { light: 'file:sageX3.svg', dark: 'file:sageX3.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"] === "recordCreated" ? "Created: " : "Updated: "}}{{$parameter["resource"]}}',
		...pollingTriggerDescription({
			description: 'Starts the workflow when Sage X3 records are created or changed',
			defaultName: 'Sage X3 Trigger',
			credential: 'sageX3Api',
			properties: triggerProperties,
		}),
	};

	methods = { listSearch, loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollX3Changes.call(this);
	}
}
