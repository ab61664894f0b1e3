/*
 * Sage 200 Trigger against other ways a Sage 200 server may write its stamps (its documents do not
 * say): local time without a zone and whole seconds, seven decimals with Z, an offset. The
 * watermark goes back into the filter in the server's own format, never converted.
 */
import type { IDataObject } from 'n8n-workflow';

import { decodedQuery } from '../setup';
import { idsOf, useTriggerSuite } from './setup';

const FORMATS: Array<[string, IDataObject, RegExp]> = [
	['server local time (UTC+1), whole seconds, no zone', { offsetMinutes: 60, fractionDigits: 0 }, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/],
	['UTC with seven decimals and Z', { zone: true, fractionDigits: 7 }, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/],
	['UTC-5 with milliseconds and the offset', { zone: true, offsetMinutes: -300, fractionDigits: 3 }, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}-05:00$/],
];

describe.each(FORMATS)('Sage 200 Trigger with stamps in %s', (_name, stamps, shape) => {
	const suite = useTriggerSuite({ stamps, customers: 600 });
	const customers = () => suite.s200.records(1, 'customers') as IDataObject[];

	test('every change is emitted once, records sharing a stamp included; the filters carry the server\'s own format', async () => {
		expect(customers()[0].date_time_updated).toMatch(shape);
		const staticData: IDataObject = {};
		expect((await suite.poll({ options: { maxRecordsPerPoll: 100 } }, { staticData })).items).toEqual([]);
		const emitted: string[] = [];
		const expected: string[] = [];
		for (let round = 0; round < 4; round++) {
			suite.s200.clock.advance(2_000);
			// 130 records changed within the same moment: with whole seconds they share one stamp.
			const changed = customers()
				.slice(round * 130, round * 130 + 130)
				.map((row) => suite.s200.change(1, 'customers', row.id, { name: `Round ${round} Ltd` }));
			expected.push(...changed.map((row) => `${row.id}@${row.date_time_updated}`));
			for (let poll = 0; poll < 2; poll++) {
				const result = await suite.poll({ options: { maxRecordsPerPoll: 100 } }, { staticData });
				emitted.push(...result.items.map((item) => `${item.json.id}@${item.json.date_time_updated}`));
			}
		}
		expect(emitted.sort()).toEqual(expected.sort());
		const filters = suite.server.log.filter((entry: any) => entry.name === 's200.customers.list').map((entry: any) => decodedQuery(entry).get('$filter') as string);
		const literals = filters.flatMap((filter: string) => [...filter.matchAll(/date_time_updated (?:ge|gt|eq) (\S+)/g)].map((match) => match[1]));
		expect(literals.length).toBeGreaterThan(8);
		for (const literal of literals) expect(literal).toMatch(shape);
		// The watermark is the newest stamp, as the server wrote it.
		const newest = [...customers()].sort((a, b) => String(a.date_time_updated).localeCompare(String(b.date_time_updated))).at(-1)!;
		expect((staticData.sageChangeWatermark as IDataObject).stamp).toBe(newest.date_time_updated);
	});

	test('Fetch Test Event gives the newest record in that format', async () => {
		suite.s200.clock.advance(2_000);
		const changed = suite.s200.change(1, 'customers', customers()[590].id);
		const manual = await suite.poll({}, { mode: 'manual', staticData: {} });
		expect(idsOf(manual)).toEqual([changed.id]);
		expect(manual.items[0].json.date_time_updated).toMatch(shape);
	});
});
