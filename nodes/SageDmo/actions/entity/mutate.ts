import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { executeGraphql, valueAtPath } from '../../../shared/graphql';
import { buildMutation, type EntityDescriptor, type MutationKind } from '../../../shared/graphql/entities';
import type { RecordTarget, SdmoSession } from '../../helpers/connection';

/** The entity a mutation runs on and its app's GraphQL URL. */
export interface MutationTarget {
	entity: EntityDescriptor;
	url: string;
}

/** The item's entity and URL, refused when its schema has no such mutation. */
export async function mutationTarget(this: IExecuteFunctions, session: SdmoSession, target: RecordTarget, kind: MutationKind, itemIndex: number): Promise<MutationTarget> {
	const entity = await session.entityOf(target, itemIndex);
	if (!entity.mutations[kind]) {
		throw new NodeOperationError(this.getNode(), `Entity "${entity.key}" has no ${kind} mutation in app "${target.app}"`, { itemIndex });
	}
	return { entity, url: await session.appGraphqlUrl(target.app, itemIndex) };
}

const actionOf = (kind: MutationKind) => (kind === 'bulkUpdate' ? 'Bulk updating' : kind.replace(/e?$/, 'ing').replace(/^./, (c) => c.toUpperCase()));

/** Send one create/update/delete/bulkUpdate; returns the payload and Sage's warnings. */
export async function sendMutation(
	this: IExecuteFunctions,
	session: SdmoSession,
	{ entity, url }: MutationTarget,
	kind: MutationKind,
	itemIndex: number,
	argumentValues: Record<string, unknown>,
	selection?: string,
): Promise<{ payload: unknown; warnings: string[] }> {
	const built = buildMutation(entity, kind, selection ?? entity.defaultSelection, argumentValues);
	const result = await executeGraphql.call(this, session.connection, {
		url,
		query: built.query,
		variables: built.variables as IDataObject,
		isMutation: true,
		action: `${actionOf(kind)} ${entity.name}`,
		itemIndex,
	});
	return { payload: valueAtPath(result.data, built.path), warnings: result.warnings };
}

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
	const resolved = await mutationTarget.call(this, session, target, kind, itemIndex);
	return { entity: resolved.entity, ...(await sendMutation.call(this, session, resolved, kind, itemIndex, argumentsOf(resolved.entity), selection)) };
}

/** The name of the argument a mutation takes the record key in (`_id` for xtrem). */
export const keyArgumentOf = (entity: EntityDescriptor, kind: MutationKind) => entity.mutations[kind]?.arguments[0]?.name ?? entity.keyField;
