import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from './errors';

/** An item's value once its parameters were read and checked. */
export interface Prepared<T> {
	itemIndex: number;
	value: T;
}

/**
 * The output item n8n's "Continue On Fail" expects for a failed input item: the message, and what
 * n8n would show under it (the description, Sage's diagnoses as it sent them).
 */
export function errorItem(error: unknown, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error instanceof Error ? error.message : String(error) };
	const { description, context } = (error ?? {}) as { description?: unknown; context?: IDataObject };
	if (typeof description === 'string' && description) json.description = description;
	if (Array.isArray(context?.diagnoses) && context.diagnoses.length) json.diagnoses = context.diagnoses;
	// A write whose outcome no check could settle says so in the field that carries outcomes.
	if (context?.outcome === 'unknown') json._outcome = 'unknown';
	return { json, pairedItem: { item: itemIndex } };
}

/** With "Continue On Fail" the item's error item; otherwise the error is thrown as n8n shows it. */
export function failedItem(this: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
	return errorItem(error, itemIndex);
}

export const toItems = (records: IDataObject[], itemIndex: number): INodeExecutionData[] =>
	records.map((json) => ({ json, pairedItem: { item: itemIndex } }));

/**
 * Read and check every item's parameters before anything is sent, so bad input on item 5 does not
 * leave items 0 to 4 half done.
 */
export function prepareItems<T>(
	context: IExecuteFunctions,
	itemCount: number,
	prepare: (itemIndex: number) => T,
): { prepared: Array<Prepared<T>>; failed: INodeExecutionData[] } {
	const prepared: Array<Prepared<T>> = [];
	const failed: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.push({ itemIndex, value: prepare(itemIndex) });
		} catch (error) {
			failed.push(failedItem.call(context, error, itemIndex));
		}
	}
	return { prepared, failed };
}

/** Run each prepared item in turn; a failure stops the run or becomes that item's output. */
export async function runEachItem<T>(
	context: IExecuteFunctions,
	prepared: Array<Prepared<T>>,
	run: (value: T, itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (const { itemIndex, value } of prepared) {
		try {
			// Not push(...items): spreading some 120,000 items or more overflows the call stack.
			for (const item of await run(value, itemIndex)) output.push(item);
		} catch (error) {
			output.push(failedItem.call(context, error, itemIndex));
		}
	}
	return output;
}

/**
 * Output items an operation built itself (a file item with binary data, say), passed on as they
 * are where records are expected.
 */
export class OutputItems {
	constructor(readonly items: INodeExecutionData[]) {}
}

/** What work that answers with records gives: records (each becomes an item) or items it built. */
export type RecordsOrItems = IDataObject | IDataObject[] | OutputItems;

/** runEachItem for work that answers with records: each becomes an item paired with its input. */
export async function runEach<T>(
	context: IExecuteFunctions,
	prepared: Array<Prepared<T>>,
	run: (value: T, itemIndex: number) => Promise<RecordsOrItems>,
): Promise<INodeExecutionData[]> {
	return await runEachItem(context, prepared, async (value, itemIndex) => {
		const result = await run(value, itemIndex);
		if (result instanceof OutputItems) return result.items;
		return toItems(Array.isArray(result) ? result : [result], itemIndex);
	});
}

/** Check every item (`prepare`, no I/O), then run the good ones; output in input order. */
export async function processItems<T>(
	context: IExecuteFunctions,
	itemCount: number,
	prepare: (itemIndex: number) => T,
	run: (value: T, itemIndex: number) => Promise<RecordsOrItems>,
): Promise<INodeExecutionData[]> {
	const { prepared, failed } = prepareItems(context, itemCount, prepare);
	const done = await runEach(context, prepared, run);
	// Items run in input order: only failed checks need sorting in.
	return failed.length ? inItemOrder([...failed, ...done]) : done;
}

const firstItemOf = (item: INodeExecutionData) => {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : (paired?.item ?? 0);
};

/** Output in input order, whatever order items were done or failed in. */
export function inItemOrder(items: INodeExecutionData[]): INodeExecutionData[] {
	return items
		.map((item, position) => ({ item, position }))
		.sort((a, b) => firstItemOf(a.item) - firstItemOf(b.item) || a.position - b.position)
		.map(({ item }) => item);
}

/** Diagnoses Sage attached to a successful answer, added only when there are some. */
export function withDiagnoses(json: IDataObject, warnings: string[], key = 'diagnoses'): IDataObject {
	return warnings.length ? { ...json, [key]: warnings } : json;
}
