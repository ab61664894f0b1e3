import { NodeApiError, type IDataObject, type IPollFunctions } from 'n8n-workflow';

import { asNodeError } from '../utils/errors';

/**
 * What a trigger resolved from Sage's schema to build its query (entity, key and timestamp fields,
 * selection), kept in the workflow's static data next to the watermark. Nothing else survives from
 * one execution to the next, and the static data is the trigger's own state: a poll that finds
 * the target it needs there sends only its page, instead of a folder listing and a schema
 * introspection first. The target is keyed by what it was resolved from (credential, folder or
 * app, resource, event, fields, filter): another parameter resolves it again.
 */
const TARGET_FIELD = 'sageChangeTarget';

/** A target larger than this (a selection of hundreds of fields) is not stored: static data stays small. */
export const MAX_STORED_TARGET_CHARS = 16_384;

/** Longest GraphQL selection a stored target keeps (Fields may name a few hundred fields). */
const MAX_SELECTION_CHARS = 8_000;

/** Whether a stored target's selection is one a poll may send again: non-empty text of a bounded length. */
export const isStoredSelection = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= MAX_SELECTION_CHARS;

interface StoredTarget {
	/** What the target was resolved from. */
	from: string;
	target: unknown;
}

/** The stored target when it was resolved from `from` and still has the shape `isTarget` expects. */
export function readStoredTarget<T>(staticData: IDataObject, from: string, isTarget: (value: unknown) => value is T): T | undefined {
	const stored = staticData[TARGET_FIELD] as Partial<StoredTarget> | undefined;
	if (!stored || typeof stored !== 'object' || stored.from !== from) return undefined;
	return isTarget(stored.target) ? stored.target : undefined;
}

export function writeStoredTarget(staticData: IDataObject, from: string, target: unknown): void {
	const stored: StoredTarget = { from, target };
	if (JSON.stringify(stored).length > MAX_STORED_TARGET_CHARS) {
		delete staticData[TARGET_FIELD];
		return;
	}
	staticData[TARGET_FIELD] = stored as unknown as IDataObject;
}

/**
 * Whether Sage refused the query itself, as it does after its schema changed (a field renamed or
 * dropped, an entity moved, a folder URL gone): HTTP 400, 404 or 422, or GraphQL errors in an
 * answer with HTTP 200. Not a refusal: authentication, permissions, rate limits, server and
 * network failures, which a fresh schema would not change.
 */
export function isQueryRefusal(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	return ['200', '400', '404', '422'].includes(String(error.httpCode ?? ''));
}

export interface StoredTargetPoll<T, R> {
	/** What the target is resolved from: a change of it resolves again. */
	from: string;
	isTarget: (value: unknown) => value is T;
	/** Reads Sage's schema (folder list, introspection) for the target. */
	resolve: () => Promise<T>;
	poll: (target: T) => Promise<R>;
	/** Errors after which a stored target is resolved again and the poll tried once more. */
	isRefusal?: (error: unknown) => boolean;
}

/**
 * One poll with the target stored in the node's static data, resolved only when it is missing,
 * was resolved from other parameters, or Sage refused the query built from it (then the poll is
 * tried once more with a fresh resolution). The target is stored only with a successful poll of an
 * active workflow, as the watermark is; Fetch Test Event reads it but stores nothing.
 */
export async function pollWithStoredTarget<T, R>(context: IPollFunctions, options: StoredTargetPoll<T, R>): Promise<R> {
	const staticData = context.getWorkflowStaticData('node');
	const store = context.getMode() !== 'manual';
	const stored = readStoredTarget(staticData, options.from, options.isTarget);
	if (stored !== undefined) {
		try {
			return await options.poll(stored);
		} catch (error) {
			if (!(options.isRefusal ?? isQueryRefusal)(error)) throw asNodeError(context.getNode(), error);
		}
	}
	const target = await options.resolve();
	const result = await options.poll(target);
	// A target the next poll could not read back (too large for isTarget) is not kept.
	if (store && options.isTarget(target)) writeStoredTarget(staticData, options.from, target);
	return result;
}
