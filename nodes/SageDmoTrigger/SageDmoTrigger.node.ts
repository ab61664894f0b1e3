import { NodeOperationError, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';

import { listedEntityOf } from '../shared/graphql';
import { pollingTriggerDescription, pollWithStoredTarget, runChangePoll } from '../shared/trigger';
import { MAX_PAGE_SIZE } from '../SageDmo/actions/entity/common';
import { SdmoSession } from '../SageDmo/helpers/connection';
import { triggerProperties } from './description';
import { dmoChangeSource, isDmoChangeTarget, type DmoChangeTarget } from './helpers/changes';
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
		version: 1,
		...pollingTriggerDescription({
			description: 'Starts the workflow when Sage DMO records are created or updated',
			defaultName: 'Sage DMO Trigger',
			credential: 'sageDmoApi',
			properties: triggerProperties,
		}),
	};

	methods = { loadOptions };

	/**
	 * One poll. The watched app, entity and selection are resolved from the app's schema once and
	 * kept in the node's static data next to the watermark: a poll sends its page (and a token
	 * request when the token expired), and reads the schema again only for new parameters or when
	 * Sage refuses the query.
	 */
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const node = this.getNode();
		const parameters = readTriggerParameters(this);
		const session = await SdmoSession.open(this);
		const { stampField } = parameters;
		return await pollWithStoredTarget(this, {
			from: JSON.stringify([session.tokenUrl.toString(), parameters.app, parameters.resource, parameters.entityKey ?? '', stampField, parameters.selection ?? '', parameters.filter ?? '']),
			isTarget: isDmoChangeTarget,
			resolve: async (): Promise<DmoChangeTarget> => {
				const { app, entity } = await resolveWatchedEntity(session, node, parameters);
				if (!entity.fields.includes(stampField)) {
					throw new NodeOperationError(node, `"Timestamp Field": ${entity.key} has no field "${stampField}"`, {
						description: `Timestamp fields of ${entity.key}: ${timestampFieldsOf(entity).join(', ') || 'none'}`,
					});
				}
				return { app, entity: listedEntityOf(entity), selection: parameters.selection ?? entity.defaultSelection };
			},
			poll: async (target) => {
				const source = dmoChangeSource(this, session, {
					entity: target.entity,
					url: await session.appGraphqlUrl(target.app),
					stampField,
					keyField: target.entity.keyField,
					filter: parameters.filter,
					selection: target.selection,
					simplify: parameters.simplify,
				});
				return await runChangePoll.call(this, {
					source,
					// Another entity, event, timestamp or filter is another stream of changes: it starts over.
					watch: JSON.stringify([target.app, target.entity.key, parameters.event, stampField, parameters.filter ?? '']),
					pageSize: Math.min(parameters.options.maxRecordsPerPoll, MAX_PAGE_SIZE),
					options: parameters.options,
				});
			},
		});
	}
}
