/* Node "Sage X3", resource Entity, operation Get Many with Output: One File, on the V12 schema (X3). */
import { parseCsv, readBinary } from '../../harness/binary-data';
import { folder, useX3Suite } from '../setup';

const suite = useX3Suite({ sandbox: { customers: 130, suppliers: 40, salesOrders: 12 }, resource: 'entity' });

test('sales orders with their lines: NDJSON equals Items, CSV holds the lines as JSON', async () => {
	const getMany = { operation: 'getAll', folder: folder('X3'), entity: 'x3Sales.salesOrder', returnAll: true };
	const items = await suite.run(getMany);
	expect(items.error).toBeUndefined();
	expect(items.items.length).toBeGreaterThan(0);
	const ndjson = await suite.run({ ...getMany, output: 'file' });
	expect(ndjson.error).toBeUndefined();
	expect(ndjson.items[0].json).toEqual({ fileName: 'salesOrder.ndjson', format: 'ndjson', records: items.items.length });
	const lines = (await readBinary(ndjson.items[0].binary!.data)).toString('utf8').trimEnd().split('\n');
	expect(lines.map((line) => JSON.parse(line))).toEqual(items.items.map((item) => item.json));

	const csv = await suite.run({ ...getMany, output: 'file', fileFormat: 'csv' });
	const [header, ...rows] = parseCsv((await readBinary(csv.items[0].binary!.data)).toString('utf8'));
	expect(header).toEqual(Object.keys(items.items[0].json));
	const nested = header.filter((column) => typeof items.items[0].json[column] === 'object' && items.items[0].json[column] !== null);
	expect(nested.length).toBeGreaterThan(0);
	for (const column of nested) {
		const index = header.indexOf(column);
		expect(rows.map((row) => JSON.parse(row[index]))).toEqual(items.items.map((item) => item.json[column]));
	}
});
