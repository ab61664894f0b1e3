/**
 * The one table the Sage 200 node is built from: resource and operation options, paths and the
 * key fields asked for on create all derive from it. Checked against Sage's OpenAPI files for
 * Sage 200 by test/sage200/resources.test.ts; to add a resource, add an entry.
 */
export type Sage200Operation = 'get' | 'getAll' | 'create' | 'update' | 'delete';

export interface KeyField {
	/** The API's field name, also used as the node parameter name. */
	name: string;
	displayName: string;
	type: 'string' | 'number';
	/** The parameter's default: empty for its type (the field is required). */
	default: '' | 0;
	description: string;
	/**
	 * A natural key: unique in the company, as Sage 200 documents it. Create or Update looks records
	 * up by it (the OpenAPI files mark no field unique, so the table says which one is).
	 */
	unique?: boolean;
}

export interface ParentLink {
	/** Path of the parent collection, e.g. customers for /customers/{customerId}/customer_contacts. */
	path: string;
	/** Parameter name (and the child's foreign key). */
	field: string;
	displayName: string;
	/** Operations that must go through the parent path; Get Many offers the parent as an optional narrowing. */
	requiredFor: Sage200Operation[];
}

export interface Sage200Resource<V extends string = string, O extends Sage200Operation = Sage200Operation> {
	value: V;
	displayName: string;
	/** Collection path under v1/, e.g. sop_orders. */
	path: string;
	/** OpenAPI module file the paths come from. */
	module: 'sales' | 'purchases' | 'stock' | 'sop' | 'pop' | 'nominal' | 'financials' | 'general';
	operations: readonly O[];
	idField: 'id';
	defaultOrderBy: string;
	/** Whether records carry date_time_updated (enables the Updated Since helper and Record Updated of the trigger). */
	tracksUpdates: boolean;
	/** Whether records carry date_time_created (Record Created of the trigger). */
	tracksCreation: boolean;
	createFields: KeyField[];
	parent?: ParentLink;
}

const CRUD = ['create', 'delete', 'get', 'getAll', 'update'] as const satisfies readonly Sage200Operation[];
const READ = ['get', 'getAll'] as const satisfies readonly Sage200Operation[];

const text = (name: string, displayName: string, description: string): KeyField => ({ name, displayName, type: 'string', default: '', description });
const key = (name: string, displayName: string, description: string): KeyField => ({ ...text(name, displayName, description), unique: true });
const id = (name: string, displayName: string, description: string): KeyField => ({ name, displayName, type: 'number', default: 0, description });

/** Keeps each entry's value and operations as literal types: node.type.ts derives the node's resource/operation map from them. */
const resource = <V extends string, O extends Sage200Operation>(
	entry: Omit<Sage200Resource<V, O>, 'idField' | 'defaultOrderBy' | 'tracksUpdates' | 'tracksCreation'> & Partial<Sage200Resource<V, O>>,
): Sage200Resource<V, O> => ({
	idField: 'id',
	defaultOrderBy: 'id',
	tracksUpdates: true,
	tracksCreation: true,
	...entry,
});

const TABLE = [
	resource({ value: 'costCentre', displayName: 'Cost Centre', path: 'cost_centres', module: 'nominal', operations: CRUD, createFields: [key('code', 'Code', 'Cost centre code, unique in the company')] }),
	resource({ value: 'currency', displayName: 'Currency', path: 'currencies', module: 'financials', operations: READ, createFields: [] }),
	resource({
		value: 'customer',
		displayName: 'Customer',
		path: 'customers',
		module: 'sales',
		operations: CRUD,
		createFields: [key('reference', 'Reference', 'Account reference, unique in the company (up to 8 characters)'), text('name', 'Name', 'Customer name')],
	}),
	resource({
		value: 'customerContact',
		displayName: 'Customer Contact',
		path: 'customer_contacts',
		module: 'sales',
		operations: CRUD,
		createFields: [],
		parent: { path: 'customers', field: 'customer_id', displayName: 'Customer ID', requiredFor: ['create'] },
	}),
	resource({
		value: 'customerDeliveryAddress',
		displayName: 'Customer Delivery Address',
		path: 'customer_delivery_addresses',
		module: 'sales',
		operations: CRUD,
		createFields: [
			id('customer_id', 'Customer ID', 'ID of the customer the address belongs to'),
			text('description', 'Description', 'Name of the address, e.g. Main delivery address'),
			id('tax_code_id', 'Tax Code ID', 'ID of the tax code used for deliveries to this address'),
		],
	}),
	resource({ value: 'department', displayName: 'Department', path: 'departments', module: 'nominal', operations: CRUD, createFields: [key('code', 'Code', 'Department code, unique in the company')] }),
	resource({
		value: 'nominalCode',
		displayName: 'Nominal Code',
		path: 'nominal_codes',
		module: 'nominal',
		operations: CRUD,
		createFields: [text('reference', 'Reference', 'Nominal account reference'), id('report_category_id', 'Report Category ID', 'ID of the nominal report category')],
	}),
	resource({
		value: 'product',
		displayName: 'Product',
		path: 'products',
		module: 'stock',
		operations: CRUD,
		createFields: [
			key('code', 'Code', 'Product code, unique in the company'),
			text('name', 'Name', 'Product name'),
			id('product_group_id', 'Product Group ID', 'ID of the product group the product belongs to'),
		],
	}),
	resource({ value: 'productGroup', displayName: 'Product Group', path: 'product_groups', module: 'stock', operations: READ, createFields: [] }),
	resource({
		value: 'purchaseOrder',
		displayName: 'Purchase Order',
		path: 'pop_orders',
		module: 'pop',
		operations: CRUD,
		createFields: [id('supplier_id', 'Supplier ID', 'ID of the supplier the order is placed with')],
	}),
	resource({
		value: 'salesOrder',
		displayName: 'Sales Order',
		path: 'sop_orders',
		module: 'sop',
		operations: CRUD,
		createFields: [id('customer_id', 'Customer ID', 'ID of the ordering customer'), key('document_no', 'Document Number', 'Order number, unique in the company')],
	}),
	resource({
		value: 'salesQuote',
		displayName: 'Sales Quote',
		path: 'sop_quotes',
		module: 'sop',
		operations: CRUD,
		createFields: [
			id('customer_id', 'Customer ID', 'ID of the customer the quote is for'),
			text('customer_type', 'Customer Type', 'Customer type, e.g. EnumCustomerTypeCustomer'),
			key('document_no', 'Document Number', 'Quote number, unique in the company'),
		],
	}),
	resource({
		value: 'supplier',
		displayName: 'Supplier',
		path: 'suppliers',
		module: 'purchases',
		operations: CRUD,
		createFields: [key('reference', 'Reference', 'Account reference, unique in the company (up to 8 characters)'), text('name', 'Name', 'Supplier name')],
	}),
	resource({
		value: 'supplierContact',
		displayName: 'Supplier Contact',
		path: 'supplier_contacts',
		module: 'purchases',
		operations: CRUD,
		createFields: [],
		parent: { path: 'suppliers', field: 'supplier_id', displayName: 'Supplier ID', requiredFor: ['create'] },
	}),
	resource({ value: 'taxCode', displayName: 'Tax Code', path: 'tax_codes', module: 'financials', operations: READ, createFields: [] }),
	resource({ value: 'warehouse', displayName: 'Warehouse', path: 'warehouses', module: 'stock', operations: CRUD, createFields: [key('name', 'Name', 'Warehouse name, unique in the company')] }),
];

export const SAGE200_RESOURCES: Sage200Resource[] = TABLE;

/**
 * Each resource of the table ('customer', 'salesOrder', ...) and the operations it offers:
 * node.type.ts's map. Resources that can be created may also offer Create or Update (upsertKeyOf).
 */
export type Sage200ResourceMap = {
	[Entry in (typeof TABLE)[number] as Entry['value']]: Entry['operations'][number] | ('create' extends Entry['operations'][number] ? 'upsert' : never);
};

/** An operation of the node's record resources: the API's own, and Create or Update built on them. */
export type Sage200NodeOperation = Sage200Operation | 'upsert';

export const UPSERT_LABEL = { name: 'Create or Update', verb: 'Create or update', description: 'Create a new record, or update the current one if it already exists (upsert)' };

/** The natural key Create or Update matches records on: a unique create field, where the resource can be created, updated and listed. */
export function upsertKeyOf(resource: Sage200Resource): KeyField | undefined {
	if (!(['create', 'update', 'getAll'] as const).every((operation) => resource.operations.includes(operation))) return undefined;
	if (resource.parent?.requiredFor.includes('create')) return undefined;
	return resource.createFields.find((field) => field.unique && field.type === 'string');
}

/** The operations the node offers for a resource: the API's, plus Create or Update where a natural key allows it. */
export const offeredOperations = (resource: Sage200Resource): Sage200NodeOperation[] => [...resource.operations, ...(upsertKeyOf(resource) ? (['upsert'] as const) : [])];

export const OPERATION_LABELS: Record<Sage200Operation, { name: string; verb: string; description: string }> = {
	create: { name: 'Create', verb: 'Create', description: 'Create a record' },
	delete: { name: 'Delete', verb: 'Delete', description: 'Delete a record' },
	get: { name: 'Get', verb: 'Get', description: 'Get a record by ID' },
	getAll: { name: 'Get Many', verb: 'Get many', description: 'Get many records' },
	update: { name: 'Update', verb: 'Update', description: 'Update a record' },
};

export function findResource(value: string): Sage200Resource | undefined {
	return SAGE200_RESOURCES.find((entry) => entry.value === value);
}

/** Resources offering an operation: the displayOptions of that operation's parameters. */
export function resourcesWith(operation: Sage200Operation): string[] {
	return SAGE200_RESOURCES.filter((entry) => entry.operations.includes(operation)).map((entry) => entry.value);
}
