import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { sageRequest, type SageResponse } from '../../../shared/transport';
import type { X3Session } from '../../helpers/session';

/** Every file of a folder's data delivery, page by page (50 a page, `continuationToken`). */
export async function listDeliveryFiles(this: IExecuteFunctions, session: X3Session, deliveryUrl: string, itemIndex: number): Promise<IDataObject[]> {
	const { connection } = await session.connection();
	const files: IDataObject[] = [];
	const seenTokens = new Set<string>();
	let continuationToken: string | undefined;
	for (;;) {
		const response = (await sageRequest.call(this, connection, {
			method: 'GET',
			url: deliveryUrl,
			qs: continuationToken ? { continuationToken } : undefined,
			action: 'Listing Sage X3 data delivery files',
			itemIndex,
		})) as SageResponse<IDataObject>;
		const body = response.body ?? {};
		if (Array.isArray(body.items)) files.push(...(body.items as IDataObject[]));
		const next = typeof body.continuationToken === 'string' ? body.continuationToken : undefined;
		if (body.isTruncated !== true || !next) return files;
		if (seenTokens.has(next)) {
			throw new NodeOperationError(this.getNode(), 'Sage X3 returned the same continuation token twice; listing stopped', { itemIndex });
		}
		seenTokens.add(next);
		continuationToken = next;
	}
}

/**
 * The file a "File" parameter names: a URL from List Files is used as is (the host guard still
 * applies); a key is looked up in the listing, read once per folder and execution.
 */
export async function findDeliveryFile(
	this: IExecuteFunctions,
	session: X3Session,
	deliveryUrl: string,
	file: string,
	itemIndex: number,
): Promise<{ key: string; downloadUrl: string; deleteUrl: string; entry?: IDataObject }> {
	if (/^https?:\/\//i.test(file)) {
		const key = decodeURIComponent(new URL(file).pathname.split('/').pop() ?? file);
		return { key, downloadUrl: file, deleteUrl: file };
	}
	let listing = session.deliveryListings.get(deliveryUrl);
	if (!listing) {
		listing = listDeliveryFiles.call(this, session, deliveryUrl, itemIndex);
		session.deliveryListings.set(deliveryUrl, listing);
		listing.catch(() => session.deliveryListings.delete(deliveryUrl));
	}
	const entry = (await listing).find((candidate) => candidate.key === file);
	if (!entry) {
		throw new NodeOperationError(this.getNode(), `No data delivery file "${file}" in this folder (parameter "File")`, {
			itemIndex,
			description: 'Use List Files to see the files, or pass their downloadUrl.',
		});
	}
	return {
		key: file,
		downloadUrl: String(entry.downloadUrl ?? ''),
		deleteUrl: String(entry.deleteUrl ?? entry.downloadUrl ?? ''),
		entry,
	};
}
