import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { sageRequest, type SageResponse } from '../../../shared/transport';
import { isPagingStop, PagingGuard } from '../../../shared/utils/paging-limits';
import type { X3Session } from '../../helpers/session';

/** Every file of a folder's data delivery, page by page (50 a page, `continuationToken`). */
export async function listDeliveryFiles(this: IExecuteFunctions, session: X3Session, deliveryUrl: string, itemIndex: number): Promise<IDataObject[]> {
	const { connection } = await session.connection();
	const action = 'Listing Sage X3 data delivery files';
	const files: IDataObject[] = [];
	const guard = new PagingGuard({ node: this.getNode(), action, itemIndex });
	let continuationToken: string | undefined;
	for (;;) {
		const response = (await sageRequest.call(this, connection, {
			method: 'GET',
			url: deliveryUrl,
			qs: continuationToken ? { continuationToken } : undefined,
			action,
			itemIndex,
		})) as SageResponse<IDataObject>;
		const body = response.body ?? {};
		const items = Array.isArray(body.items) ? (body.items as IDataObject[]) : [];
		files.push(...items);
		const next = typeof body.continuationToken === 'string' ? body.continuationToken : undefined;
		if (body.isTruncated !== true || !next) return files;
		guard.check({ records: items.length, next });
		continuationToken = next;
	}
}

export interface DeliveryFile {
	key: string;
	downloadUrl: string;
	deleteUrl: string;
	entry?: IDataObject;
}

const LISTING_FIELDS = ['key', 'downloadUrl', 'lastModified', 'checksum', 'size', 'deleteUrl'];

/**
 * The file's URLs as List Files put them on the item (`{{ $json.key }}` from a List Files
 * output): used as they are when they belong to the folder asked for, so List Files → Download
 * or Delete reads the listing once, not again in every node.
 */
function fileOnItem(json: IDataObject | undefined, key: string, deliveryUrl: string): DeliveryFile | undefined {
	if (!json || json.key !== key) return undefined;
	const folderPrefix = `${deliveryUrl.replace(/\/+$/, '')}/`;
	const inFolder = (url: unknown): url is string => typeof url === 'string' && url.startsWith(folderPrefix);
	const deleteUrl = json.deleteUrl ?? json.downloadUrl;
	if (!inFolder(json.downloadUrl) || !inFolder(deleteUrl)) return undefined;
	const entry = Object.fromEntries(LISTING_FIELDS.filter((field) => json[field] !== undefined).map((field) => [field, json[field]]));
	return { key, downloadUrl: json.downloadUrl, deleteUrl, entry };
}

/**
 * The file a "File" parameter names: a URL from List Files is used as is (the host guard still
 * applies); a key comes with its URLs on the item (see fileOnItem) or is looked up in the
 * listing, read once per folder and execution however many items ask.
 */
export async function findDeliveryFile(
	this: IExecuteFunctions,
	session: X3Session,
	deliveryUrl: string,
	file: string,
	itemIndex: number,
	itemJson?: IDataObject,
): Promise<DeliveryFile> {
	if (/^https?:\/\//i.test(file)) {
		const key = decodeURIComponent(new URL(file).pathname.split('/').pop() ?? file);
		return { key, downloadUrl: file, deleteUrl: file };
	}
	const onItem = fileOnItem(itemJson, file, deliveryUrl);
	if (onItem) return onItem;
	let listing = session.deliveryListings.get(deliveryUrl);
	if (!listing) {
		listing = listDeliveryFiles.call(this, session, deliveryUrl, itemIndex);
		session.deliveryListings.set(deliveryUrl, listing);
		// A transient failure lets the next item list again; a server that pages without end
		// fails every item of the run with the same answer instead of being asked again per item.
		listing.catch((error: unknown) => {
			if (!isPagingStop(error)) session.deliveryListings.delete(deliveryUrl);
		});
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
