import type { EntityDescriptor } from '../../shared/graphql/entities';

export const CUSTOMER_FIELDS = ['code', 'companyName', 'shortName', 'category', 'country', 'currency', 'isActive', 'createdAt', 'updatedAt'];

export const DEFAULT_CUSTOMER_SELECTION = CUSTOMER_FIELDS.join(' ');

const PATH = ['sage', 'x3BusinessPartners', 'customer'];

/**
 * Customers of the X3 cloud schema the seed documents (`sage.x3BusinessPartners.customer`):
 * known up front, so the Customer resource needs no introspection request.
 */
export const SEED_CUSTOMER: EntityDescriptor = {
	key: PATH.join('.'),
	name: 'customer',
	displayName: 'Customer (x3BusinessPartners)',
	listPath: PATH,
	listArguments: [
		{ name: 'first', type: 'Int' },
		{ name: 'after', type: 'String' },
		{ name: 'filter', type: 'String' },
		{ name: 'orderBy', type: 'String' },
	],
	hasTotalCount: true,
	nodeTypeName: 'Customer',
	fields: CUSTOMER_FIELDS,
	defaultSelection: DEFAULT_CUSTOMER_SELECTION,
	keyField: 'code',
	filterDialect: 'x3Cloud',
	mutations: {
		create: { path: [...PATH, 'create'], arguments: [{ name: 'data', type: 'CustomerInput!' }], returnsObject: true },
		update: { path: [...PATH, 'update'], arguments: [{ name: 'data', type: 'CustomerUpdateInput!' }], returnsObject: true },
		delete: { path: [...PATH, 'delete'], arguments: [{ name: 'code', type: 'String!' }], returnsObject: false },
	},
	asyncOperations: [],
};
