'use strict';
/**
 * Benchmark-only: W4's floor inside n8n. It sends Sage 200's plan from a bare client
 * (fetch-pages.js, the very code of the floor outside n8n), parses each page and wraps each row as
 * an item, and nothing else: no credential, no limits, no checks, no Simplify. Ours against it is
 * the node's share of the time; it against the floor outside n8n is n8n's (its thread, its heap).
 */
const { s200Pages } = require('./fetch-pages');

class BenchFetchPages {
	constructor() {
		this.description = {
			displayName: 'Bench Fetch Pages',
			name: 'benchFetchPages',
			group: ['transform'],
			version: 1,
			description: "Benchmark control: reads every page of a Sage 200 list with a bare client, the input item's token as bearer",
			defaults: { name: 'Bench Fetch Pages' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [
				{ displayName: 'List URL', name: 'url', type: 'string', default: '', required: true },
				{ displayName: 'Headers (JSON, without Authorization)', name: 'headers', type: 'string', default: '{}' },
				{ displayName: 'Page Size', name: 'pageSize', type: 'number', default: 5000 },
			],
		};
	}

	async execute() {
		const token = this.getInputData()[0].json.token;
		const headers = { ...JSON.parse(this.getNodeParameter('headers', 0)), authorization: `Bearer ${token}` };
		const { pages } = await s200Pages(this.getNodeParameter('url', 0), headers, this.getNodeParameter('pageSize', 0));
		const items = [];
		for (const rows of pages) for (const json of rows) items.push({ json, pairedItem: { item: 0 } });
		return [items];
	}
}

module.exports = { BenchFetchPages };
