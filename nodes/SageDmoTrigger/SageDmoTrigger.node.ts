import { NodeOperationError, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { runChangePoll } from '../shared/trigger';
import { MAX_PAGE_SIZE } from '../SageDmo/actions/entity/common';
import { SdmoSession } from '../SageDmo/helpers/connection';
import { triggerDescription } from './description';
import { dmoChangeSource } from './helpers/changes';
import { readTriggerParameters } from './helpers/parameters';
import { resolveWatchedEntity, timestampFieldsOf } from './helpers/target';
import * as loadOptions from './methods/loadOptions';

export class SageDmoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sage DMO Trigger',
		name: 'sageDmoTrigger',
		group: ['trigger'],
		icon: { light: 'file:sageDmo.svg', dark: 'file:sageDmo.dark.svg' },
		subtitle: '={{$parameter["event"] + ": " + $parameter["resource"]}}',
		...triggerDescription,
	};

	methods = { loadOptions };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const parameters = readTriggerParameters(this);
		const session = await SdmoSession.open(this);
		const { app, entity } = await resolveWatchedEntity(session, node, parameters);
		const { stampField } = parameters;
		if (!entity.fields.includes(stampField)) {
			throw new NodeOperationError(node, `"Timestamp Field": ${entity.key} has no field "${stampField}"`, {
				description: `Timestamp fields of ${entity.key}: ${timestampFieldsOf(entity).join(', ') || 'none'}`,
			});
		}
		const source = dmoChangeSource(this, session, {
			entity,
			url: await session.appGraphqlUrl(app),
			stampField,
			keyField: entity.keyField,
			filter: parameters.filter,
			selection: parameters.selection ?? entity.defaultSelection,
			simplify: parameters.simplify,
		});
		return await runChangePoll.call(this, {
			source,
			// Another entity, event, timestamp or filter is another stream of changes: it starts over.
			watch: JSON.stringify([app, entity.key, parameters.event, stampField, parameters.filter ?? '']),
			pageSize: Math.min(parameters.options.maxRecordsPerPoll, MAX_PAGE_SIZE),
			options: parameters.options,
		});
	}
}
