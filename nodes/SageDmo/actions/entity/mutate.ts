import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { executeGraphql, valueAtPath } from '../../../shared/graphql';
import { buildMutation, type EntityDescriptor, type MutationKind } from '../../../shared/graphql/entities';
import type { RecordTarget, SdmoSession } from '../../helpers/connection';

/** Run one create/update/delete/bulkUpdate on the item's entity; returns the payload and Sage's warnings. */
export async function runMutation(
	this: IExecuteFunctions,
	session: SdmoSession,
	target: RecordTarget,
	kind: MutationKind,
	itemIndex: number,
	argumentsOf: (entity: EntityDescriptor) => Record<string, unknown>,
	selection?: string,
): Promise<{ entity: EntityDescriptor; payload: unknown; warnings: string[] }> {
	const entity = await session.entityOf(target, itemIndex);
	if (!entity.mutations[kind]) {
		throw new NodeOperationError(this.getNode(), `Entity "${entity.key}" has no ${kind} mutation in app "${target.app}"`, { itemIndex });
	}
	const url = await session.appGraphqlUrl(target.app, itemIndex);
	const built = buildMutation(entity, kind, selection ?? entity.defaultSelection, argumentsOf(entity));
	const result = await executeGraphql.call(this, session.connection, {
		url,
		query: built.query,
		variables: built.variables as IDataObject,
		isMutation: true,
		action: `${kind === 'bulkUpdate' ? 'Bulk updating' : kind.replace(/e?$/, 'ing').replace(/^./, (c) => c.toUpperCase())} ${entity.name}`,
		itemIndex,
	});
	return { entity, payload: valueAtPath(result.data, built.path), warnings: result.warnings };
}

/** The name of the argument a mutation takes the record key in (`_id` for xtrem). */
export const keyArgumentOf = (entity: EntityDescriptor, kind: MutationKind) => entity.mutations[kind]?.arguments[0]?.name ?? entity.keyField;
