import { type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { pollingTriggerDescription, runChangePoll } from '../shared/trigger';
import { sage200ChangeSource } from '../Sage200/helpers/changes';
import { CREDENTIAL_TYPE, companyConnection, getSage200Account } from '../Sage200/helpers/connection';
import { listSearch } from '../Sage200/methods';
import { properties } from './description';
import { readTriggerParameters } from './parameters';

export class Sage200Trigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage 200 Trigger',
		name: 'sage200Trigger',
		icon: { light: 'file:sage200.svg', dark: 'file:sage200.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["event"] === "recordCreated" ? "Created: " : "Updated: ") + $parameter["resource"]}}',
		...pollingTriggerDescription({
			description: 'Starts the workflow when Sage 200 records are created or changed',
			defaultName: 'Sage 200 Trigger',
			credential: CREDENTIAL_TYPE,
			properties,
		}),
	};

	methods = { listSearch };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const trigger = readTriggerParameters(this);
		const account = await getSage200Account.call(this);
		const source = sage200ChangeSource(this, companyConnection(account, trigger.target), account.baseUrl, trigger.query);
		return await runChangePoll.call(this, { source, watch: trigger.watch, pageSize: trigger.pageSize, options: trigger.options });
	}
}
