/**
 * The X3 entities a resource stands for (Customer, the trigger's Sales Order), found in a folder's
 * schema by their known paths or by name, and the errors when a folder has none or several.
 */
import type { INode } from 'n8n-workflow';

import type { EntityDescriptor } from '../../nodes/shared/graphql/entities';
import { CUSTOMER_ENTITY_KEYS, findCustomerEntity, requireCustomerEntity } from '../../nodes/SageX3/helpers/customer';
import { SALES_ORDER_ENTITY_KEYS, findSalesOrderEntity, requireSalesOrderEntity } from '../../nodes/SageX3/helpers/salesOrder';

const node = { name: 'Sage X3', type: 'n8n-nodes-sage-erp.sageX3', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

const entity = (key: string): EntityDescriptor => ({
	key,
	name: key.split('.').pop()!,
	displayName: key,
	listPath: [],
	listArguments: [],
	hasTotalCount: false,
	nodeTypeName: 'T',
	fields: ['code'],
	defaultSelection: 'code',
	keyField: 'code',
	filterDialect: 'x3',
	mutations: {},
	asyncOperations: [],
} as unknown as EntityDescriptor);

describe('X3 known entities', () => {
	test('a known path wins over another entity of the same name, in the order of the keys', () => {
		const entities = [entity('acme.customer'), entity(CUSTOMER_ENTITY_KEYS[1]), entity(CUSTOMER_ENTITY_KEYS[0])];
		expect(findCustomerEntity(entities)?.key).toBe(CUSTOMER_ENTITY_KEYS[0]);
		expect(requireCustomerEntity(node, entities).key).toBe(CUSTOMER_ENTITY_KEYS[0]);
		expect(findSalesOrderEntity([entity('acme.salesOrder'), entity(SALES_ORDER_ENTITY_KEYS[2])])?.key).toBe(SALES_ORDER_ENTITY_KEYS[2]);
	});

	test('elsewhere, the only entity of that name', () => {
		expect(findCustomerEntity([entity('acme.customer'), entity('acme.supplier')])?.key).toBe('acme.customer');
		expect(requireSalesOrderEntity(node, [entity('acme.salesOrder')]).key).toBe('acme.salesOrder');
	});

	test('two entities of that name: an error naming both and the paths looked for', () => {
		const entities = [entity('a.customer'), entity('b.customer')];
		expect(findCustomerEntity(entities)).toBeUndefined();
		let error: any;
		try {
			requireCustomerEntity(node, entities, 3);
		} catch (caught) {
			error = caught;
		}
		expect(error?.message).toBe("The folder's schema has no customer entity the Customer resource can use");
		expect(error.description).toBe(`Looked for ${CUSTOMER_ENTITY_KEYS.join(', ')}. The schema has a.customer and b.customer: pick one with the Entity resource.`);
		expect(error.context.itemIndex).toBe(3);
	});

	test('none: the sales order error says to use the Entity resource', () => {
		expect(() => requireSalesOrderEntity(node, [entity('a.customer')])).toThrow(
			expect.objectContaining({
				message: "The folder's schema has no sales order entity the Sales Order resource can use",
				description: `Looked for ${SALES_ORDER_ENTITY_KEYS.join(', ')}. Use the Entity resource to pick another entity.`,
			}),
		);
	});
});
