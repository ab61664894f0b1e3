'use strict';
/**
 * W5's floor: what n8n itself needs to hold and save a big output, with no node and no HTTP.
 * The same Sage 200 records are parsed into items (what any node hands n8n); then the run data
 * is saved as n8n saves an execution: flatted.stringify, written into a SQLite database (WAL, as
 * n8n opens it) with n8n's own sqlite3.
 *
 *   <n8n's node> --expose-gc bench/save-floor.js <n8n node_modules> <records>
 * Prints {"records", "outputBytes", "warmup", "measured"}, each run {"rssGrowth", "saveGrowth", "itemsBytes", "savedBytes"}:
 * rssGrowth from before the items were made, saveGrowth from the items alone (collected) to the save's peak.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { memoryOf, resetPeak } = require('./lib');
const { startSandbox } = require('../test/sandbox');

async function openDatabase(sqlite3, file) {
	const db = new sqlite3.Database(file);
	const run = (sql, params = []) => new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
	await run('PRAGMA journal_mode = WAL');
	await run('CREATE TABLE execution_data (executionId INTEGER PRIMARY KEY, data TEXT NOT NULL)');
	return { run, close: () => new Promise((resolve) => db.close(resolve)) };
}

(async () => {
	const [modules, count] = process.argv.slice(2);
	const flatted = require(path.join(modules, 'flatted'));
	const sqlite3 = require(path.join(modules, 'sqlite3'));
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'save-floor-'));
	const db = await openDatabase(sqlite3, path.join(folder, 'database.sqlite'));
	const sandbox = await startSandbox({ sage200: { customers: Number(count) } });
	const records = sandbox.sage200.records(1, 'customers');
	// Counted as the bench counts the node's output: each row's JSON.
	const outputBytes = records.reduce((sum, row) => sum + Buffer.byteLength(JSON.stringify(row)) + 1, 0);
	const text = JSON.stringify(records);
	await sandbox.close();

	// Twice, as the bench runs a workflow: a warm-up, then a measured run on the heap the first left.
	const runs = [];
	for (let run = 1; run <= 2; run++) {
		global.gc();
		if (!resetPeak(process.pid)) throw new Error('cannot reset VmHWM (/proc/self/clear_refs)');
		const rssBefore = memoryOf(process.pid).rss;
		let items = JSON.parse(text).map((json) => ({ json, pairedItem: { item: 0 } }));
		let runData = { resultData: { runData: { 'Sage 200': [{ startTime: 0, executionTime: 0, source: [], data: { main: [items] } }] } } };
		// The save by itself: from the items alone (garbage collected, peak reset) to the save's peak.
		global.gc();
		const rssWithItems = memoryOf(process.pid).rss;
		if (!resetPeak(process.pid)) throw new Error('cannot reset VmHWM (/proc/self/clear_refs)');
		let saved = flatted.stringify(runData);
		const savedBytes = saved.length;
		await db.run('INSERT INTO execution_data (executionId, data) VALUES (?, ?)', [run, saved]);
		const { hwm } = memoryOf(process.pid);
		const rssGrowth = hwm - rssBefore;
		const saveGrowth = hwm - rssWithItems;
		saved = undefined;
		// The items' own size: the heap they free.
		global.gc();
		const heapWith = process.memoryUsage().heapUsed;
		items = runData = undefined;
		global.gc();
		runs.push({ rssGrowth, saveGrowth, itemsBytes: heapWith - process.memoryUsage().heapUsed, savedBytes });
	}
	await db.close();
	fs.rmSync(folder, { recursive: true, force: true });
	process.stdout.write(JSON.stringify({ records: Number(count), outputBytes, warmup: runs[0], measured: runs[1] }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
