/**
 * Sage DMO Trigger: its resources (found in the schema by name), the timestamp field (from
 * introspection), and bad parameters refused before anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import { SageDmoTrigger } from '../../../nodes/SageDmoTrigger/SageDmoTrigger.node';
import { stampsAfterNow, useSdmoTriggerSuite, type Json, type TriggerSuite } from './setup';

const suite = useSdmoTriggerSuite();
const keys = (items: Json[]) => items.map((item) => item._id);

async function activate(parameters: Json, on: TriggerSuite = suite): Promise<IDataObject> {
	const staticData: IDataObject = {};
	expect(await on.poll(parameters, staticData)).toEqual([]);
	return staticData;
}

describe('resources', () => {
	test.each([
		['item', 'item', 'sdmo'],
		['salesOrder', 'salesOrder', 'sdmo'],
		['workOrder', 'workOrder', 'shopfloor'],
	])('%s: the entity of that name, found in the app of the tenant that has it', async (resource, entity, app) => {
		const { sandbox } = suite;
		const parameters = { event: 'recordUpdated', resource, app: 'sdmo' };
		const staticData = await activate(parameters);
		const [first, second] = stampsAfterNow(sandbox, 2, 5);
		sandbox.sdmo.change(entity, '3', {}, { stamp: first });
		sandbox.sdmo.change(entity, '2', {}, { stamp: second });
		const items = await suite.poll(parameters, staticData);
		expect(keys(items)).toEqual(['3', '2']);
		expect(items[0]).toEqual(expect.objectContaining({ _id: '3', _updateStamp: sandbox.sdmo.find(entity, '3')._updateStamp }));
		// The app asked for first; another app's schema only when it has no such entity.
		const apps = new Set(sandbox.server.log.filter((entry: Json) => entry.name === 'sdmo.graphql').map((entry: Json) => entry.path.split('/')[5]));
		expect([...apps].sort()).toEqual([...new Set(['sdmo', app])].sort());
	});

	test('Entity: any entity of the app with a timestamp, here suppliers created', async () => {
		const { sandbox } = suite;
		const parameters = { event: 'recordCreated', resource: 'entity', app: 'sdmo', entity: 'xtremMasterData.supplier', timestampField: '_createStamp' };
		const staticData = await activate(parameters);
		const supplier = sandbox.sdmo.add('supplier', { id: 'SUPNEW', name: 'New supplier', isActive: true });
		expect(keys(await suite.poll(parameters, staticData))).toEqual([supplier._id]);
	});

	test('a Timestamp Field the entity does not have fails, listing the timestamp fields it has', async () => {
		const failure = await suite.poll({ event: 'recordUpdated', resource: 'customer', timestampField: 'modifiedAt' }, {}).then(
			() => undefined,
			(error: Error) => error,
		);
		expect(failure?.name).toBe('NodeOperationError');
		expect(failure?.message).toMatch(/"Timestamp Field".*no field "modifiedAt"/);
		expect((failure as any).description).toMatch(/_updateStamp, _createStamp/);
	});
});

describe('bad parameters fail before anything is sent', () => {
	test.each<[string, Json, RegExp]>([
		['Trigger On', { event: 'recordDeleted' }, /"Trigger On" must be Record Created or Record Updated/],
		['Resource', { resource: 'vendor' }, /"Resource" must be one of Customer, Item, Sales Order, Work Order, Entity/],
		['App', { app: ' ' }, /"App" must not be empty/],
		['Entity', { resource: 'entity', entity: 'supplier' }, /"Entity" must be an entity path/],
		['Timestamp Field', { timestampField: 'update stamp' }, /"Timestamp Field" must be a field name/],
		['Filter', { options: { filter: "{name: 'x'" } }, /"Filter" must be an object in Sage's filter syntax/],
		['Fields', { options: { fields: 'id { name' } }, /Invalid GraphQL in "Fields"/],
		['Max Records Per Poll', { options: { maxRecordsPerPoll: 0 } }, /"Max Records Per Poll" must be a whole number/],
		['Overlap (Seconds)', { options: { overlapSeconds: -1 } }, /"Overlap \(Seconds\)" must be a number from 0 to 3600/],
		['Start From', { options: { startFrom: 'last Tuesday' } }, /"Start From" must be a date and time/],
	])('%s', async (_name, overrides, message) => {
		const parameters = { event: 'recordUpdated', resource: 'customer', ...overrides };
		for (const mode of ['trigger', 'manual'] as const) {
			const staticData: IDataObject = {};
			const failure = await suite.poll(parameters, staticData, mode).then(
				() => undefined,
				(error: Error) => error,
			);
			expect(failure?.name).toBe('NodeOperationError');
			expect(failure?.message).toMatch(message);
			expect(staticData).toEqual({});
		}
		expect(suite.count('sdmo')).toBe(0);
	});
});

describe('timestamp fields from introspection', () => {
	async function timestampFields(on: TriggerSuite, parameters: Json) {
		const { LoadOptionsContext } = await import('n8n-core');
		const { Workflow } = await import('n8n-workflow');
		const { TestNodeTypes } = await import('../../harness/node-types');
		const node = {
			id: 'n',
			name: 'Sage DMO Trigger',
			type: 'sageDmoTrigger',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: parameters as never,
			credentials: { sageDmoApi: { id: on.credentialId, name: on.engine.store.get(on.credentialId).name } },
		};
		const trigger = new SageDmoTrigger();
		const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sageDmoTrigger: trigger }) });
		const additionalData = { credentialsHelper: on.engine.credentialsHelper, currentNodeParameters: parameters } as never;
		const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.timestampField' as never);
		return {
			fields: (await trigger.methods.loadOptions.getTimestampFields.call(context)).map((option) => option.value),
			entities: (await trigger.methods.loadOptions.getTriggerEntities.call(context)).map((option) => option.value),
		};
	}

	test('String stamps are known by their names: _updateStamp and _createStamp, not dates', async () => {
		const { fields, entities } = await timestampFields(suite, { resource: 'salesOrder', app: 'sdmo' });
		expect(fields).toEqual(['_updateStamp', '_createStamp']);
		expect(entities).toEqual(expect.arrayContaining(['xtremMasterData.customer', 'xtremMasterData.supplier', 'xtremSales.salesOrder']));
	});

	describe('a schema typing datetimes as a scalar of their own (datetimeScalar)', () => {
		const typed = useSdmoTriggerSuite({ sdmo: { datetimeScalar: true } });

		test('the Datetime fields are listed, and the trigger polls them', async () => {
			const { fields } = await timestampFields(typed, { resource: 'entity', app: 'sdmo', entity: 'xtremMasterData.item' });
			expect(fields).toEqual(['_updateStamp', '_createStamp']);
			const schema = typed.sandbox.sdmo.schema('sdmo');
			expect(String(schema.getType('Item').getFields()._updateStamp.type)).toBe('Datetime');
			const parameters = { event: 'recordUpdated', resource: 'item' };
			const staticData = await activate(parameters, typed);
			typed.sandbox.sdmo.change('item', '9', { name: 'Changed item' });
			expect(keys(await typed.poll(parameters, staticData))).toEqual(['9']);
		});
	});
});

describe('stamps in other formats', () => {
	describe('whole seconds (stampFormat seconds): records changed within one second share a stamp', () => {
		const seconds = useSdmoTriggerSuite({ sdmo: { stampFormat: 'seconds' } });

		test('a record changed in the same second as the last one emitted still comes, once', async () => {
			const { sandbox } = seconds;
			const parameters = { event: 'recordUpdated', resource: 'customer' };
			const staticData = await activate(parameters, seconds);
			const [second] = stampsAfterNow(sandbox, 1);
			expect(second).toMatch(/:\d{2}Z$/);
			sandbox.sdmo.change('customer', '30', {}, { stamp: second });
			sandbox.sdmo.change('customer', '31', {}, { stamp: second });
			expect(keys(await seconds.poll(parameters, staticData))).toEqual(['30', '31']);
			sandbox.sdmo.change('customer', '29', {}, { stamp: second });
			expect(keys(await seconds.poll(parameters, staticData))).toEqual(['29']);
			expect(await seconds.poll(parameters, staticData)).toEqual([]);
		});
	});

	describe('server local time with its offset (stampFormat offset, +01:00)', () => {
		const offset = useSdmoTriggerSuite({ sdmo: { stampFormat: 'offset', stampOffsetMinutes: 60 } });

		test('changes come once, the watermark keeps Sage\'s format, Start From in UTC compares as an instant', async () => {
			const { sandbox } = offset;
			const parameters = { event: 'recordUpdated', resource: 'customer' };
			const staticData = await activate(parameters, offset);
			sandbox.sdmo.change('customer', '40', { name: 'Forty' });
			const items = await offset.poll(parameters, staticData);
			expect(keys(items)).toEqual(['40']);
			expect(items[0]._updateStamp).toMatch(/\+01:00$/);
			expect((staticData.sageChangeWatermark as Json).stamp).toBe(items[0]._updateStamp);
			expect(await offset.poll(parameters, staticData)).toEqual([]);

			const startFrom = '2022-05-20T00:00:00Z';
			const expected = sandbox.sdmo
				.records('customer')
				.filter((record: Json) => Date.parse(record._updateStamp) >= Date.parse(startFrom))
				.sort((a: Json, b: Json) => Date.parse(a._updateStamp) - Date.parse(b._updateStamp) || Number(a._id) - Number(b._id))
				.map((record: Json) => record._id);
			expect(expected.length).toBeGreaterThan(0);
			expect(keys(await offset.poll({ ...parameters, options: { startFrom } }, {}))).toEqual(expected);
		});
	});
});
