/*
 * Sage X3 Trigger's pickers, through n8n-core's LoadOptionsContext: entities with a date and time
 * field, their timestamp fields (the default marked), record fields; all read from the folder's schema.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { SageX3Trigger } from '../../../nodes/SageX3Trigger/SageX3Trigger.node';
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { folders: ['MINI'] }, credential: { folders: ['SEED', 'X3', 'MINI'] }, nodes: { sageX3Trigger: new SageX3Trigger() } });
const trigger = new SageX3Trigger();

async function context(parameters: IDataObject): Promise<ILoadOptionsFunctions> {
	const { LoadOptionsContext } = await import('n8n-core');
	const { Workflow } = await import('n8n-workflow');
	const { TestNodeTypes } = await import('../../harness/node-types');
	const node = {
		id: 't',
		name: 'Sage X3 Trigger',
		type: 'sageX3Trigger',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as never,
		credentials: { sageX3Api: { id: suite.credentialId, name: suite.engine.store.get(suite.credentialId).name } },
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sageX3Trigger: trigger }) });
	const additionalData = { credentialsHelper: suite.engine.credentialsHelper, currentNodeParameters: parameters } as never;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.x' as never) as unknown as ILoadOptionsFunctions;
}

const methods = trigger.methods.loadOptions;

test('Entity lists only entities with a date and time field, naming them', async () => {
	const entities = await methods.getEntities.call(await context({ folder: folder('X3') }));
	const byKey = Object.fromEntries(entities.map((entity) => [entity.value, entity.description]));
	expect(byKey['x3Sales.salesOrder']).toBe('x3Sales.salesOrder: _createStamp, _updateStamp');
	expect(byKey['x3MasterData.customer']).toBe('x3MasterData.customer: createdAt, updatedAt');
	expect(Object.keys(byKey).sort()).toEqual(['x3MasterData.businessPartner', 'x3MasterData.customer', 'x3MasterData.supplier', 'x3Sales.salesOrder']);
});

test.each([
	['SEED', 'salesOrder', 'recordCreated', ['creDatTim', 'updDatTim'], 'creDatTim'],
	['X3', 'salesOrder', 'recordUpdated', ['_createStamp', '_updateStamp'], '_updateStamp'],
	['SEED', 'customer', 'recordUpdated', ['createdAt', 'updatedAt'], 'updatedAt'],
	['MINI', 'customer', 'recordUpdated', ['modifiedOn'], undefined],
])('Timestamp Field on %s %s (%s) lists %j, marking %s as the default', async (folderName, resource, event, fields, used) => {
	const options = await methods.getTimestampFields.call(await context({ folder: folder(folderName), resource, event }));
	expect(options.map((option) => option.value)).toEqual(fields);
	expect(options.filter((option) => String(option.description).includes('used when none is chosen')).map((option) => option.value)).toEqual(used ? [used] : []);
});

test("Fields lists the watched entity's fields, marking what Get Many returns by default", async () => {
	const options = await methods.getRecordFields.call(await context({ folder: folder('MINI'), resource: 'customer' }));
	expect(options.map((option) => option.value)).toEqual(['code', 'companyName', 'country', 'modifiedOn']);
	expect(options.every((option) => option.description === 'Returned when no field is chosen')).toBe(true);
});
