/* Sage 200 Trigger: records changed between polls are emitted once each, through n8n-core's PollContext against the sandbox over HTTP. */
import type { IDataObject } from 'n8n-workflow';

import { idsOf, reloaded, useTriggerSuite } from './setup';

const suite = useTriggerSuite();

/** Moves the sandbox's clock on, so each change gets a stamp of its own. */
const tick = (ms = 1500) => suite.s200.clock.advance(ms);

describe('Sage 200 Trigger: changes between polls', () => {
	test('first activation emits nothing of the past; then each created or updated customer once, oldest first', async () => {
		const staticData: IDataObject = {};
		const first = await suite.poll({}, { staticData });
		expect(first.items).toEqual([]);
		expect(staticData.sageChangeWatermark).toBeDefined();
		// Activation asks for the newest customer, then reads its overlap window: two requests, no token request.
		expect(suite.server.count('s200.customers.list')).toBe(2);
		expect(suite.server.count('s200.token')).toBe(0);

		const customers = suite.s200.records(1, 'customers');
		tick();
		const updated = suite.s200.change(1, 'customers', customers[10].id, { name: 'Renamed Ltd' });
		tick();
		const created = suite.s200.insert(1, 'customers', { reference: 'NEW00001', name: 'New Customer Ltd' });
		tick();
		const updatedAgain = suite.s200.change(1, 'customers', customers[3].id, { credit_limit: 5000 });

		const second = await suite.poll({}, { staticData });
		expect(idsOf(second)).toEqual([updated.id, created.id, updatedAgain.id]);
		expect(second.items[0].json).toMatchObject({ id: updated.id, name: 'Renamed Ltd', date_time_updated: updated.date_time_updated });
		expect(second.items[1].json).toMatchObject({ reference: 'NEW00001', date_time_created: created.date_time_created });

		// Nothing changed: nothing emitted, the watermark stays.
		const watermark = JSON.stringify(staticData);
		const third = await suite.poll({}, { staticData });
		expect(third.items).toEqual([]);
		expect(JSON.stringify(staticData)).toBe(watermark);

		// A record changed again is a new change: emitted again, once.
		tick();
		suite.s200.change(1, 'customers', updated.id, { name: 'Renamed Again Ltd' });
		const fourth = await suite.poll({}, { staticData: reloaded(staticData) });
		expect(fourth.items.map((item) => item.json.name)).toEqual(['Renamed Again Ltd']);
	});
});
