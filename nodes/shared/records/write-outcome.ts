import { NodeApiError, NodeOperationError, sleep, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';

export type WriteKind = 'create' | 'update' | 'delete';

/** What happened to an item's record, as output items say it in OUTCOME_FIELD. */
export type WriteOutcome = 'created' | 'updated' | 'deleted';

/** Output field with the item's outcome (created, updated, deleted; `unknown` on an error item). */
export const OUTCOME_FIELD = '_outcome';

/** Output field set when the outcome was confirmed by reading the record back after a dropped connection: what dropped. */
export const CONFIRMED_AFTER_FIELD = '_confirmedAfter';

const PAST: Record<WriteKind, WriteOutcome> = { create: 'created', update: 'updated', delete: 'deleted' };

/**
 * Failures after which Sage may have applied a write: the request went out and no answer came
 * back (reset, closed or timed-out connection), or a gateway answered for Sage (502, 503, 504).
 * The transport names the failure in `httpCode`: the network code, else the HTTP status. A
 * refused connection never reached Sage and is retried by the transport itself.
 */
const UNANSWERED = new Set(['ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ESOCKETTIMEDOUT', 'EUNKNOWN', '502', '503', '504']);

export function mayHaveBeenApplied(error: unknown): boolean {
	const code = (error as { httpCode?: unknown } | null)?.httpCode;
	return typeof code === 'string' && UNANSWERED.has(code);
}

/** Sends a proven-unapplied write again at most this often; each attempt is checked the same way. */
export const MAX_CHECKED_ATTEMPTS = 3;

const RETRY_DELAY_MS = 200;

export interface CheckedWrite<R> {
	node: INode;
	itemIndex: number;
	kind: WriteKind;
	/** Sends the write once; resolves to Sage's answer. */
	send: () => Promise<R>;
	/**
	 * Reads the record by its key as Sage has it now (undefined: Sage has none). Without it no key
	 * allows the check, and a dropped connection is an error saying the outcome is unknown.
	 */
	readBack?: () => Promise<IDataObject | undefined>;
	/** The fields the write sets (create, update), compared with the record read back. */
	written?: IDataObject;
	/** What to do by hand when the outcome cannot be checked, e.g. "Get Many with reference eq 'ACME01'". */
	howToCheck: string;
}

export interface CheckedResult<R> {
	outcome: WriteOutcome;
	/** Sage's answer to the write; undefined when the outcome was confirmed by reading the record back. */
	answer?: R;
	/** The record as read back, when the outcome was confirmed that way. */
	record?: IDataObject;
	/** What dropped before the outcome was confirmed (Sage's message or the network's). */
	confirmedAfter?: string;
}

/** Output fields for a result: the outcome, and what dropped when it was confirmed by a read-back. */
export const outcomeFields = (result: CheckedResult<unknown>): IDataObject => ({
	[OUTCOME_FIELD]: result.outcome,
	...(result.confirmedAfter ? { [CONFIRMED_AFTER_FIELD]: result.confirmedAfter } : {}),
});

const isScalar = (value: unknown): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value);

const DATE_PREFIX = /^\d{4}-\d{2}-\d{2}/;

/**
 * Whether Sage holds what was sent, as far as a scalar value can tell: numbers by value, text
 * trimmed and without case (Sage may store codes upper-cased), a date as sent at the start of a
 * date-time. Undefined: not comparable (not read back, or an object such as a reference input).
 */
function sameValue(sent: unknown, stored: unknown): boolean | undefined {
	if (!isScalar(sent) || stored === undefined) return undefined;
	if (stored === null) return false;
	if (!isScalar(stored)) return undefined;
	if (typeof sent === 'number' || typeof stored === 'number') return Number(sent) === Number(stored);
	const a = String(sent).trim().toLowerCase();
	const b = String(stored).trim().toLowerCase();
	if (a === b) return true;
	return DATE_PREFIX.test(a) && DATE_PREFIX.test(b) && (b.startsWith(a) || a.startsWith(b));
}

/** The written fields Sage holds other values for, and how many fields could be compared at all. */
function compareFields(written: IDataObject, record: IDataObject): { compared: number; differing: string[] } {
	let compared = 0;
	const differing: string[] = [];
	for (const [name, sent] of Object.entries(written)) {
		const same = sameValue(sent, record[name]);
		if (same === undefined) continue;
		compared++;
		if (!same) differing.push(`${name}: sent ${JSON.stringify(sent)}, Sage has ${JSON.stringify(record[name])}`);
	}
	return { compared, differing };
}

type CheckState = { applied: true; record?: IDataObject } | { applied: false; why?: string };

function checkApplied(kind: WriteKind, record: IDataObject | undefined, written: IDataObject): CheckState | 'differs' | 'gone' | 'uncomparable' {
	if (kind === 'delete') return record ? { applied: false } : { applied: true };
	if (!record) return kind === 'create' ? { applied: false } : 'gone';
	const { compared, differing } = compareFields(written, record);
	if (differing.length === 0) return compared > 0 || kind === 'create' ? { applied: true, record } : 'uncomparable';
	return kind === 'create' ? 'differs' : { applied: false, why: differing.join('; ') };
}

/** The short cause of a dropped write, e.g. "The connection to Sage was reset". */
function causeOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const cut = message.indexOf(' failed: ');
	return cut >= 0 ? message.slice(cut + ' failed: '.length) : message;
}

/** The error of a write whose outcome no check could settle: Sage's message, then plainly that the outcome is unknown. */
export function unknownOutcomeError(node: INode, error: unknown, itemIndex: number, howToCheck: string, reason?: string): NodeApiError | NodeOperationError {
	const message = `${error instanceof Error ? error.message : String(error)}. The outcome is unknown: Sage may have applied the write before the connection dropped`;
	const description = `${reason ? `${reason}. ` : ''}Check before sending it again: ${howToCheck}.`;
	const unknown =
		error instanceof NodeApiError
			? new NodeApiError(node, { message: causeOf(error) } as JsonObject, { message, description, httpCode: error.httpCode ?? undefined, itemIndex })
			: new NodeOperationError(node, message, { itemIndex, description });
	// n8n swaps a network code's message for a generic one: keep the one that names the action.
	unknown.message = message;
	unknown.context.outcome = 'unknown';
	return unknown;
}

/**
 * Send a create, update or delete so that its outcome is never unknown where a key allows a check.
 * A write is never sent again blindly: when its connection drops or times out after it was sent
 * (or a gateway answers 502-504), the record is read back by key and compared with what was
 * written. Applied: the outcome is reported as confirmed after the dropped connection. Not
 * applied: the write is sent again (at most MAX_CHECKED_ATTEMPTS in all), checked the same way.
 * A refusal of that repeat (already exists, not found) is checked too: the first attempt may have
 * landed after the check. No key, or a check that cannot tell: an error saying the outcome is unknown.
 */
export async function sendCheckedWrite<R>(write: CheckedWrite<R>): Promise<CheckedResult<R>> {
	const { node, itemIndex, kind, howToCheck } = write;
	let dropped: string | undefined;
	for (let attempt = 1; ; attempt++) {
		let sendError: unknown;
		try {
			const answer = await write.send();
			return { outcome: PAST[kind], answer, ...(dropped ? { confirmedAfter: `${dropped} (not applied; sent again)` } : {}) };
		} catch (error) {
			sendError = error;
		}
		const unanswered = mayHaveBeenApplied(sendError);
		if (!unanswered && dropped === undefined) throw sendError;
		if (!write.readBack) throw unknownOutcomeError(node, sendError, itemIndex, howToCheck, 'No key identifies the record, so the node cannot check it');
		dropped ??= causeOf(sendError);

		let state: ReturnType<typeof checkApplied>;
		try {
			state = checkApplied(kind, await write.readBack(), write.written ?? {});
		} catch (checkError) {
			throw unknownOutcomeError(node, sendError, itemIndex, howToCheck, `Reading the record back failed too (${causeOf(checkError)})`);
		}
		if (state === 'differs') {
			throw unknownOutcomeError(node, sendError, itemIndex, howToCheck, 'A record with this key exists now, but with other values than those sent, so it may not be the one this item wrote');
		}
		if (state === 'gone') throw unknownOutcomeError(node, sendError, itemIndex, howToCheck, 'The record was not found when it was read back');
		if (state === 'uncomparable') {
			throw unknownOutcomeError(node, sendError, itemIndex, howToCheck, 'None of the fields sent could be compared with the record read back');
		}
		if (state.applied) return { outcome: PAST[kind], record: state.record, confirmedAfter: dropped };
		// Proven not applied. A definite refusal of a repeat is Sage's answer to this item.
		if (!unanswered) throw sendError;
		if (attempt >= MAX_CHECKED_ATTEMPTS) {
			const message = `${sendError instanceof Error ? sendError.message : String(sendError)}. It was not applied: nothing was written`;
			const notApplied = new NodeApiError(node, { message: causeOf(sendError) } as JsonObject, {
				message,
				description: `${attempt} attempts each lost their answer, and reading the record back showed none of them applied. Sending it again is safe.`,
				httpCode: (sendError as NodeApiError).httpCode ?? undefined,
				itemIndex,
			});
			notApplied.message = message;
			throw notApplied;
		}
		await sleep(RETRY_DELAY_MS * attempt);
	}
}

/** A write as an operation plans it: what to send, how to check it, and the output item it makes. */
export interface PlannedWrite<R = unknown> extends CheckedWrite<R> {
	output: (result: CheckedResult<R>) => IDataObject;
}

/** Send a planned write (checked by key after a dropped connection) and make its output item's fields. */
export async function runPlannedWrite<R>(write: PlannedWrite<R>): Promise<IDataObject> {
	return write.output(await sendCheckedWrite(write));
}

/**
 * The output of a plain create, update or delete: the record, plus the outcome fields only when
 * it was confirmed after a dropped connection (otherwise the item's success says it all).
 */
export const withConfirmedOutcome = (json: IDataObject, result: CheckedResult<unknown>): IDataObject =>
	result.confirmedAfter ? { ...json, ...outcomeFields(result) } : json;
