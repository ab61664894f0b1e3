/* The parameter tables in docs/ are what the nodes' descriptions say (scripts/parameter-tables.js). */
import fs from 'node:fs';
import path from 'node:path';

const { tables, withTable } = require('../../scripts/parameter-tables.js');

const generated: Array<{ node: string; doc: string; table: string }> = tables();

test.each(generated.map((entry) => [entry.node, entry] as const))('%s: the table in its guide matches the node description', (_node, { node, doc, table }) => {
	const text = fs.readFileSync(path.join(__dirname, '../..', doc), 'utf8');
	// On a difference: node scripts/parameter-tables.js --write
	expect(text).toBe(withTable(text, node, table));
});

test('every operation of every node has a row, with the parameter names of its description', () => {
	const x3 = generated.find((entry) => entry.node === 'SageX3')!.table;
	expect(x3).toContain('| Customer → Get Many | `customer` | `getAll` | `folder` (locator: `list` or `name`), `returnAll` (boolean), `limit` (number, when `returnAll` false), `conditions` {`condition`: [{`field`, `operator`, `value`, `date`, `valueTo`, `dateTo`}]}, `combineConditions` (option), `filter`, `sort` {`rule`: [{`direction`, `field`}]}, `orderBy`, `fields` (list), `simple` (boolean), `output` (option), `fileFormat` (option, when `output` "file"), `fileOptions` {`fileName`, `maxFileSizeMb`, `binaryPropertyName`} (when `output` "file") |');
	const sage200 = generated.find((entry) => entry.node === 'Sage200')!.table;
	expect(sage200).toContain('| Customer → Create | `customer` | `create` | `site` (locator: `list` or `id`), `company` (locator: `list` or `id`), `reference`, `name`, `additionalFields` (JSON) |');
	// Triggers have a row per resource, not per operation.
	for (const { table } of generated.filter((entry) => !entry.node.endsWith('Trigger'))) expect(table.split('\n').filter((line: string) => line.startsWith('| ') && !line.startsWith('| Resource')).length).toBeGreaterThan(10);
});
