#!/usr/bin/env node
'use strict';
/**
 * Where a node's time goes in n8n, from the V8 CPU profiles `npm run bench -- --profile <dir>`
 * has n8n write when it stops:
 *
 *   node bench/profile.js <dir | file.cpuprofile> [--span <regex>] [--gap <ms>] [--skip <spans>]
 *
 * --skip n leaves the first n spans out of the medians: the bench's warm-up run is the first.
 * A span is one run of the node: the samples whose call stack holds a frame of this package's
 * code (or of --span, matched against "function@url"), from the first to the last, a run ending
 * where no such sample follows for --gap ms (default 1500). Each sample of a span is put in one
 * category by its stack, in this order:
 *
 *   idle      n8n's thread waits (for Sage's answers, as a rule)
 *   gc        V8's garbage collector, in n8n's heap
 *   program   V8 and native code outside JavaScript
 *   parse     JSON.parse of Sage's bodies
 *   decode    UTF-8 decoding of the bodies
 *   read      the transport collecting a body (response-body.js)
 *   simplify  the node's Simplify
 *   network   Node's sockets, HTTP and TLS
 *   node      the rest of this package's code (paging, items)
 *   other     everything else (n8n's engine, its logger, ...)
 *
 * Sample durations are V8's timeDeltas (the time to the next sample), so the categories of a span
 * add up to its length.
 */
const fs = require('node:fs');
const path = require('node:path');

const PACKAGE_CODE = /\/n8n-nodes-sage-erp\/dist\/nodes\//;

const RESPONSE_BODY = /\/shared\/transport\/response-body\.js$/;

/** Loading the package's modules (n8n starting, or a CLI command) is not a run of the node. */
const MODULE_LOADING = /^node:internal\/modules\//;

const CATEGORIES = ['idle', 'gc', 'program', 'parse', 'decode', 'read', 'simplify', 'network', 'node', 'other'];

const frameName = (callFrame) => `${callFrame.functionName}@${callFrame.url}`;

/** The category of one sample, from its frames (leaf first). */
function categoryOf(frames) {
	const leaf = frames[0];
	if (leaf.functionName === '(idle)') return 'idle';
	if (leaf.functionName === '(garbage collector)') return 'gc';
	if (leaf.functionName === '(program)') return 'program';
	// JSON.parse is a builtin: V8 books its time to its caller, the transport's readJsonBody.
	if ((leaf.functionName === 'parse' && leaf.url === '') || (leaf.functionName === 'readJsonBody' && RESPONSE_BODY.test(leaf.url))) return 'parse';
	if (/^(decodeUTF8|decode|toString|utf8Slice)$/.test(leaf.functionName)) return 'decode';
	if (frames.some((frame) => RESPONSE_BODY.test(frame.url)) || leaf.functionName === 'concat') return 'read';
	if (frames.some((frame) => /\/simplify\.js$/.test(frame.url))) return 'simplify';
	if (/^node:(net|tls|_tls_wrap|_http_client|_http_common|_http_incoming|internal\/streams|internal\/stream_base_commons|internal\/tls)/.test(leaf.url) || /^(socketOnData|onStreamRead|parserOnIncomingClient)$/.test(leaf.functionName)) return 'network';
	if (frames.some((frame) => PACKAGE_CODE.test(frame.url))) return 'node';
	return 'other';
}

/** The operation a span ran: the most sampled `actions/…operation.js` of the package in it. */
function operationOf(counts) {
	const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
	return best ? best[0] : '';
}

/**
 * The spans of one profile (see the header). Times in ms, from the profile's start.
 * @param {{nodes: Array<{id: number, callFrame: {functionName: string, url: string}, children?: number[]}>, samples: number[], timeDeltas: number[]}} profile
 * @param {{span?: RegExp, gapMs?: number}} [options]
 */
function splitProfile(profile, options = {}) {
	const spanPattern = options.span ?? PACKAGE_CODE;
	const gapUs = (options.gapMs ?? 1500) * 1000;
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	const described = new Map();
	const describe = (id) => {
		let found = described.get(id);
		if (found) return found;
		const frames = [];
		for (let current = id; current !== undefined && frames.length < 10000; current = parentOf.get(current)) frames.push(byId.get(current).callFrame);
		const operation = frames.map((frame) => /\/dist\/nodes\/(.+\/actions\/.+)\.js$/.exec(frame.url)?.[1]).find(Boolean);
		found = { category: categoryOf(frames), inSpan: frames.some((frame) => spanPattern.test(frameName(frame))) && !frames.some((frame) => MODULE_LOADING.test(frame.url)), operation };
		described.set(id, found);
		return found;
	};

	const samples = [];
	let time = 0;
	for (let index = 0; index < profile.samples.length; index++) {
		time += profile.timeDeltas[index] ?? 0;
		samples.push({ time, durationUs: profile.timeDeltas[index + 1] ?? 0, ...describe(profile.samples[index]) });
	}

	const spans = [];
	let current;
	for (let index = 0; index < samples.length; index++) {
		if (!samples[index].inSpan) continue;
		if (current && samples[index].time - samples[current.last].time <= gapUs) current.last = index;
		else spans.push((current = { first: index, last: index }));
	}

	// One sample is no run: the package's code touched once (a credential's check, a timer).
	return spans.filter(({ first, last }) => last > first).map(({ first, last }) => {
		const totals = Object.fromEntries(CATEGORIES.map((category) => [category, 0]));
		const operations = new Map();
		const gcPauses = [];
		let pause = 0;
		for (let index = first; index <= last; index++) {
			const sample = samples[index];
			// The last sample's duration reaches past the span: only its start is in it.
			const duration = index === last ? 0 : sample.durationUs;
			totals[sample.category] += duration;
			if (sample.operation) operations.set(sample.operation, (operations.get(sample.operation) ?? 0) + 1);
			if (sample.category === 'gc') pause += duration;
			else if (pause) {
				gcPauses.push(pause);
				pause = 0;
			}
		}
		if (pause) gcPauses.push(pause);
		const ms = (us) => us / 1000;
		return {
			startMs: ms(samples[first].time),
			spanMs: ms(samples[last].time - samples[first].time),
			operation: operationOf(operations),
			ms: Object.fromEntries(Object.entries(totals).map(([category, us]) => [category, ms(us)])),
			longestGcPauseMs: ms(Math.max(0, ...gcPauses)),
		};
	});
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Markdown table of one profile's spans and their medians, leaving the first `skip` (warm-up runs) out of the medians. */
function formatSpans(spans, skip = 0) {
	const round = (value) => Math.round(value).toLocaleString('en-US');
	const cells = (s) => [
		round(s.spanMs),
		`${round(s.ms.gc)} (${round(s.longestGcPauseMs)})`,
		round(s.ms.read + s.ms.decode + s.ms.parse),
		round(s.ms.parse),
		round(s.ms.simplify + s.ms.node),
		round(s.ms.network),
		round(s.ms.idle),
		round(s.ms.program + s.ms.other),
	];
	const out = [
		"| span | operation | span ms | GC ms (longest pause) | reading, decoding, parsing ms | of which JSON.parse | the node's own work ms (Simplify, paging, items) | sockets, HTTP, TLS ms | idle ms | n8n and V8, other ms |",
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	spans.forEach((s, index) => out.push(`| ${index + 1}${index < skip ? ' (warm-up)' : ''} at ${(s.startMs / 1000).toFixed(1)} s | ${s.operation} | ${cells(s).join(' | ')} |`));
	const measured = spans.slice(skip);
	if (measured.length > 1) {
		const pick = (get) => median(measured.map(get));
		const m = {
			spanMs: pick((s) => s.spanMs),
			longestGcPauseMs: pick((s) => s.longestGcPauseMs),
			ms: Object.fromEntries(CATEGORIES.map((category) => [category, pick((s) => s.ms[category])])),
		};
		// Medians column by column: the reading column is the median of the sums, not the sum of medians.
		const row = cells(m);
		row[2] = round(pick((s) => s.ms.read + s.ms.decode + s.ms.parse));
		row[4] = round(pick((s) => s.ms.simplify + s.ms.node));
		row[7] = round(pick((s) => s.ms.program + s.ms.other));
		out.push(`| median${skip ? ` of ${measured.length}` : ''} | | ${row.join(' | ')} |`);
	}
	return out.join('\n');
}

/** The report for every profile in `target` (a .cpuprofile or a folder of them) that holds a span. */
function reportProfiles(target, options = {}) {
	const files = fs.statSync(target).isDirectory()
		? fs
				.readdirSync(target)
				.filter((name) => name.endsWith('.cpuprofile'))
				.map((name) => path.join(target, name))
				.filter((file) => !options.since || fs.statSync(file).mtimeMs >= options.since)
		: [target];
	const out = [];
	for (const file of files.sort()) {
		const spans = splitProfile(JSON.parse(fs.readFileSync(file, 'utf8')), options);
		if (!spans.length) continue;
		out.push(`${path.basename(file)}: ${spans.length} span${spans.length === 1 ? '' : 's'} of the node`, '', formatSpans(spans, options.skip ?? 0), '');
	}
	return out.length ? out.join('\n') : `no span of the node in ${target}`;
}

module.exports = { splitProfile, formatSpans, reportProfiles, categoryOf, CATEGORIES };

if (require.main === module) {
	const args = process.argv.slice(2);
	const options = {};
	let target;
	for (let index = 0; index < args.length; index++) {
		if (args[index] === '--span') options.span = new RegExp(args[++index]);
		else if (args[index] === '--gap') options.gapMs = Number(args[++index]);
		else if (args[index] === '--skip') options.skip = Number(args[++index]);
		else target = args[index];
	}
	if (!target || (options.gapMs !== undefined && !(options.gapMs > 0)) || (options.skip !== undefined && !Number.isInteger(options.skip))) {
		console.error('usage: node bench/profile.js <dir | file.cpuprofile> [--span <regex>] [--gap <ms>] [--skip <spans>]');
		process.exit(2);
	}
	console.log(reportProfiles(path.resolve(target), options));
}
