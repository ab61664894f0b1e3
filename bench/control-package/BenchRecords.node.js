'use strict';
/**
 * Benchmark-only control for W5: outputs Sage 200 page bodies saved as files, one item per row,
 * with no HTTP. It does what any node must do to output these records (take each page's text,
 * parse it, wrap each row as an item) and nothing else, as fast as the disk gives the pages:
 * n8n's RSS growth for such a run is what n8n needs to take in, hold and save the output.
 */
const fs = require('node:fs');
const path = require('node:path');

class BenchRecords {
	constructor() {
		this.description = {
			displayName: 'Bench Records',
			name: 'benchRecords',
			group: ['transform'],
			version: 1,
			description: 'Benchmark control: outputs the rows of the page files in a folder',
			defaults: { name: 'Bench Records' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Folder', name: 'folder', type: 'string', default: '', required: true }],
		};
	}

	async execute() {
		const folder = this.getNodeParameter('folder', 0);
		const items = [];
		for (const page of fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
			for (const json of JSON.parse(fs.readFileSync(path.join(folder, page), 'utf8'))) items.push({ json, pairedItem: { item: 0 } });
		}
		return [items];
	}
}

module.exports = { BenchRecords };
