import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export interface Prepared<T> {
	itemIndex: number;
	value: T;
}

/** An item that failed, as n8n's "continue on fail" expects it; without that setting the error is thrown. */
export function failedItem(this: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	if (!this.continueOnFail()) throw error;
	return { json: { error: (error as Error).message }, pairedItem: { item: itemIndex } };
}

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
export async function runEach<T>(
	context: IExecuteFunctions,
	prepared: Array<Prepared<T>>,
	run: (value: T, itemIndex: number) => Promise<IDataObject | IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	for (const { itemIndex, value } of prepared) {
		try {
			const result = await run(value, itemIndex);
			for (const json of Array.isArray(result) ? result : [result]) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			output.push(failedItem.call(context, error, itemIndex));
		}
	}
	return output;
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
