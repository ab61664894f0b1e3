/*
 * Node "Sage X3", resource Customer, operation Create or Update (upsert by customer code): every
 * code of the run looked up in requests of 100, then the missing customers created and the others
 * updated; duplicate codes refused or merged; a dropped connection after X3 applied a write is
 * settled by reading the customer back.
 */
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 300 }, resource: 'customer' });
const run = suite.run;

type Json = Record<string, any>;

const graphqlBodies = () =>
	(suite.sandbox.server.log as Json[]).filter((entry) => entry.name === 'x3.graphql').map((entry) => String(JSON.parse(entry.rawBody.toString()).query));
const mutations = () => graphqlBodies().filter((query) => /^\s*mutation\b/.test(query)).length;
const lookups = () => graphqlBodies().filter((query) => !/^\s*mutation\b/.test(query) && !query.includes('__schema')).length;
const customer = (code: string) => suite.sandbox.x3.customers().find((entry: Json) => entry.code === code);
let logStart = 0;
beforeEach(() => {
	logStart = suite.sandbox.x3.mutationLog.length;
});
/** The writes X3 applied since the test began, to these codes. */
const writesOf = (codes: string[]) =>
	(suite.sandbox.x3.mutationLog as Json[])
		.slice(logStart)
		.filter((entry) => codes.includes(entry.key))
		.map((entry) => `${entry.action} ${entry.key}`);

const upsert = (at: string, extra: Json = {}) => ({
	operation: 'upsert',
	folder: folder(at),
	code: '={{ $json.code }}',
	companyName: '={{ $json.name }}',
	fieldsMode: 'json',
	data: '={{ JSON.stringify($json.data ?? {}) }}',
	fields: ['code', 'companyName', 'country'],
	...extra,
});

describe.each([
	{ at: 'SEED', prefix: 'UPS' },
	{ at: 'X3', prefix: 'UPV' },
])('Create or Update on folder $at', ({ at, prefix }) => {
	test('new codes are created, known codes updated; each item says which, paired with its input', async () => {
		const items = [
			{ code: 'AE0001', name: `Renamed ${at}`, data: { country: 'DE' } },
			{ code: `${prefix}01`, name: 'New one', data: { country: 'GB' } },
			{ code: 'AE0002', name: `Renamed two ${at}` },
			{ code: `${prefix}02`, name: 'New two' },
		];
		const result = await run(upsert(at), items);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.code, item.json._outcome, item.pairedItem])).toEqual([
			['AE0001', 'updated', { item: 0 }],
			[`${prefix}01`, 'created', { item: 1 }],
			['AE0002', 'updated', { item: 2 }],
			[`${prefix}02`, 'created', { item: 3 }],
		]);
		expect(result.items[0].json).toMatchObject({ companyName: `Renamed ${at}`, country: 'DE' });
		expect(customer(`${prefix}01`)).toMatchObject({ companyName: 'New one', country: 'GB' });
		expect(customer('AE0002').companyName).toBe(`Renamed two ${at}`);
		// One lookup for the four codes, one mutation per item, nothing written twice.
		expect(lookups()).toBe(1);
		expect(mutations()).toBe(4);
		expect(writesOf(['AE0001', 'AE0002', `${prefix}01`, `${prefix}02`]).sort()).toEqual(
			['update AE0001', `create ${prefix}01`, 'update AE0002', `create ${prefix}02`].sort(),
		);
	});

	test('running the same items again updates every one of them (an upsert is safe to repeat)', async () => {
		const items = [{ code: `${prefix}01`, name: 'New one again' }];
		const result = await run(upsert(at), items);
		expect(result.items[0].json).toMatchObject({ code: `${prefix}01`, companyName: 'New one again', _outcome: 'updated' });
		expect(suite.sandbox.x3.customers().filter((entry: Json) => entry.code === `${prefix}01`)).toHaveLength(1);
	});
});

describe('Create or Update: many items and duplicate codes', () => {
	test('250 items, half new: 3 lookups of up to 100 codes, then one write each', async () => {
		const items = Array.from({ length: 250 }, (_, index) =>
			index % 2 === 0 ? { code: `AE${String(index + 1).padStart(4, '0')}`, name: `Bulk ${index}` } : { code: `UPB${String(index).padStart(4, '0')}`, name: `Bulk ${index}` },
		);
		const result = await run(upsert('SEED'), items);
		expect(result.error).toBeUndefined();
		expect(lookups()).toBe(3);
		expect(mutations()).toBe(250);
		const outcomes = result.items.map((item) => item.json._outcome);
		expect(outcomes.filter((outcome) => outcome === 'created')).toHaveLength(125);
		expect(outcomes.filter((outcome) => outcome === 'updated')).toHaveLength(125);
		expect(result.items.map((item) => (item.pairedItem as Json).item)).toEqual(items.map((_, index) => index));
		for (const [index, item] of items.entries()) expect(customer(item.code).companyName).toBe(`Bulk ${index}`);
	});

	test('duplicate codes are refused by default: those items fail naming each other, the others are written', async () => {
		const items = [
			{ code: 'UPD01', name: 'First' },
			{ code: 'AE0010', name: 'Fine' },
			{ code: 'UPD01', name: 'Second' },
		];
		const result = await run(upsert('SEED'), items, true);
		expect(result.items.map((item) => item.json._outcome ?? item.json.error)).toEqual([
			'The key "UPD01" is given by items 0 and 2: none of them is written',
			'updated',
			'The key "UPD01" is given by items 0 and 2: none of them is written',
		]);
		expect(customer('UPD01')).toBeUndefined();
		expect(mutations()).toBe(1);

		suite.sandbox.server.resetCounters();
		const stopped = await run(upsert('SEED'), items);
		expect(stopped.error?.message).toBe('The key "UPD01" is given by items 0 and 2: none of them is written');
		expect(String(stopped.error?.description)).toContain('Merge Into One Write');
		// Refused before anything was sent: not even the lookup.
		expect(lookups()).toBe(0);
		expect(mutations()).toBe(0);
	});

	test('with Merge Into One Write, items with the same code make one write, later values winning; each reports it', async () => {
		const items = [
			{ code: 'UPM01', name: 'First', data: { country: 'GB', shortName: 'one' } },
			{ code: 'UPM01', name: 'Second', data: { country: 'DE' } },
		];
		const result = await run(upsert('SEED', { upsertOptions: { duplicateKeys: 'merge' } }), items);
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json._outcome, item.json.companyName, item.pairedItem])).toEqual([
			['created', 'Second', { item: 0 }],
			['created', 'Second', { item: 1 }],
		]);
		expect(customer('UPM01')).toMatchObject({ companyName: 'Second', country: 'DE', shortName: 'one' });
		expect(writesOf(['UPM01'])).toEqual(['create UPM01']);
	});

	test('bad options are refused before anything is sent', async () => {
		const result = await run(upsert('SEED', { upsertOptions: { concurrency: 0 } }), [{ code: 'UPX01', name: 'x' }]);
		expect(result.error?.message).toMatch(/Writes in Parallel/);
		expect(graphqlBodies()).toHaveLength(0);
	});
});

describe('Create or Update: the connection drops after X3 applied the write', () => {
	test('every write is applied once and every item reports its true outcome, confirmed by reading it back', async () => {
		const items = [
			{ code: 'AE0101', name: 'Dropped update' },
			{ code: 'UPR01', name: 'Dropped create' },
			{ code: 'AE0102', name: 'Plain update' },
			{ code: 'UPR02', name: 'Plain create' },
		];
		// Every other mutation loses its answer after X3 ran it.
		suite.sandbox.server.setFaults([{ route: 'x3.graphql', kind: 'reset-after-processing', every: 2, requestBody: /"query":"\s*mutation/ }]);
		try {
			const result = await run(upsert('SEED', { upsertOptions: { concurrency: 1 } }), items);
			expect(result.error).toBeUndefined();
			expect(suite.sandbox.server.faultsFired()).toBe(2);
			expect(result.items.map((item) => [item.json.code, item.json._outcome, item.json._confirmedAfter ?? null])).toEqual([
				['AE0101', 'updated', null],
				['UPR01', 'created', 'The connection to Sage was reset'],
				['AE0102', 'updated', null],
				['UPR02', 'created', 'The connection to Sage was reset'],
			]);
			expect(customer('UPR01').companyName).toBe('Dropped create');
			expect(writesOf(items.map((item) => item.code)).sort()).toEqual(['create UPR01', 'create UPR02', 'update AE0101', 'update AE0102']);
		} finally {
			suite.sandbox.server.clearFaults();
		}
	});
});
