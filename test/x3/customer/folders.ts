/* The folder schemas the Customer tests run on, and what each one's customer type holds. */

const FULL = ['code', 'companyName', 'shortName', 'category', 'country', 'currency', 'isActive', 'createdAt', 'updatedAt'];

export interface FolderCase {
	name: string;
	/** Fields a Get Many returns when Fields is left empty. */
	defaultFields: string[];
	/** The key field the folder's mutations and `read` use. */
	key: string;
	regex: string;
	hasIsActive: boolean;
}

export const FOLDERS: FolderCase[] = [
	{ name: 'SEED', defaultFields: FULL, key: 'code', regex: '$regex', hasIsActive: true },
	{ name: 'X3', defaultFields: ['_id', ...FULL], key: '_id', regex: '_regex', hasIsActive: true },
	{ name: 'MINI', defaultFields: ['code', 'companyName', 'country', 'modifiedOn'], key: 'code', regex: '$regex', hasIsActive: false },
];

/** Schema introspections the sandbox answered so far (one per folder and run is the design). */
export const introspectionsIn = (sandbox: { server: any }) =>
	sandbox.server.log.filter((entry: { name: string; rawBody: Buffer }) => entry.name === 'x3.graphql' && entry.rawBody.toString().includes('__schema')).length;

/** The codes of the sandbox's customers, in store order. */
export const customerCodesIn = (sandbox: { x3: any }) => sandbox.x3.customers().map((customer: { code: string }) => customer.code) as string[];
