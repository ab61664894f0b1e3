'use strict';
/**
 * Helpers of the benchmark: run a workflow in a long-running n8n through its REST API, time it
 * from n8n's own execution record, and read n8n's memory and CPU from /proc.
 */
const fs = require('node:fs');
const path = require('node:path');
const e2e = require('../test/e2e/n8n');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** n8n stores run data "flatted": the folder of n8n's own copy of the library. */
function flattedDir(n8n) {
	const candidates = [
		path.join(path.dirname(n8n.paths.n8nBin), '..', '..', 'flatted'),
		path.join(path.dirname(n8n.paths.n8nBin), '..', 'node_modules', 'flatted'),
	];
	const dir = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'package.json')));
	if (!dir) throw new Error(`flatted not found next to ${n8n.paths.n8nBin}`);
	return dir;
}

const loadFlatted = (n8n) => require(flattedDir(n8n));

/** Resident set size (VmRSS) and its high-water mark (VmHWM) of one process, in bytes. */
function memoryOf(pid) {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (name) => Number((new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status) || [])[1] || 0) * 1024;
	return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Resets VmHWM to the current RSS (Linux >= 4.0); false when the kernel refuses. */
function resetPeak(pid) {
	try {
		fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false;
	}
}

const CLOCK_TICK_MS = 10; // USER_HZ is 100 on Linux
/** utime + stime of one process, in milliseconds. */
function cpuMsOf(pid) {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
}

/**
 * A sampler that also polls VmRSS every few ms, in case clear_refs is not allowed (then VmHWM is
 * the lifetime peak and useless per run).
 */
function startRssSampler(pid, everyMs = 20) {
	let peak = memoryOf(pid).rss;
	let peakAt = Date.now();
	let stopped = false;
	const loop = (async () => {
		while (!stopped) {
			try {
				const rss = memoryOf(pid).rss;
				if (rss > peak) {
					peak = rss;
					peakAt = Date.now();
				}
			} catch {
				return;
			}
			await sleep(everyMs);
		}
	})();
	return {
		/** The highest VmRSS seen and when (epoch ms). */
		async stop() {
			stopped = true;
			await loop;
			return { peak, peakAt };
		},
	};
}

/**
 * n8n's REST API, sent again once when the connection was reset: n8n closes idle keep-alive
 * sockets, and a request that races that close never reached it (one such reset ended a
 * whole benchmark run).
 */
async function rest(...args) {
	try {
		return await e2e.rest(...args);
	} catch (error) {
		if (error?.cause?.code !== 'ECONNRESET' && error?.cause?.code !== 'UND_ERR_SOCKET') throw error;
		return await e2e.rest(...args);
	}
}

/**
 * Every poll costs n8n a login check and a database query on the thread that runs the workflow,
 * and its CPU counts in W6: polls every 25 ms took a tenth of W1's time and ~0.2 ms of W6's CPU per
 * request. Timings come from n8n's own record, so polling less often only makes the bench wait.
 */
const POLL_MS = 250;

/**
 * Runs a workflow from its start node with the given input items (the start node is a NoOp that
 * passes them on), waits for the execution to finish, and returns n8n's timing and memory.
 * Polls the execution list (no run data) so that polling itself costs n8n little.
 */
async function runWorkflow(ctx, workflow, inputItems, { timeoutMs = 600000, fetchData = true } = {}) {
	const { n8n, session } = ctx;
	const pid = n8n.pid;
	const peakResettable = resetPeak(pid);
	const before = memoryOf(pid);
	const cpuBefore = cpuMsOf(pid);
	const sampler = startRssSampler(pid);
	const t0 = Date.now();
	const started = await rest(session, 'POST', `/rest/workflows/${workflow.id}/run`, {
		triggerToStartFrom: {
			name: 'Input',
			data: {
				startTime: Date.now(),
				executionIndex: 0,
				executionTime: 0,
				executionStatus: 'success',
				source: [],
				data: { main: [inputItems.map((json) => ({ json }))] },
			},
		},
	});
	if (started.status !== 200 || !started.data || !started.data.executionId) {
		await sampler.stop();
		throw new Error(`run ${workflow.name}: HTTP ${started.status} ${JSON.stringify(started.body).slice(0, 500)}`);
	}
	const executionId = started.data.executionId;
	let summary;
	for (;;) {
		const list = await rest(
			session,
			'GET',
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: workflow.id }))}&limit=5`,
		);
		const results = (list.data && list.data.results) || [];
		summary = results.find((r) => String(r.id) === String(executionId));
		if (summary && summary.stoppedAt && !['running', 'new', 'waiting'].includes(summary.status)) break;
		if (Date.now() - t0 > timeoutMs) {
			await sampler.stop();
			throw new Error(`run ${workflow.name}: execution ${executionId} not finished after ${timeoutMs} ms`);
		}
		await sleep(POLL_MS);
	}
	const { peak: sampledPeak, peakAt } = await sampler.stop();
	const after = memoryOf(pid);
	const cpuMs = cpuMsOf(pid) - cpuBefore;
	const peak = peakResettable ? Math.max(after.hwm, sampledPeak) : sampledPeak;
	const startedAt = new Date(summary.startedAt).getTime();
	const wallMs = new Date(summary.stoppedAt).getTime() - startedAt;
	let runData;
	let error;
	if (fetchData || summary.status !== 'success') {
		const full = await rest(session, 'GET', `/rest/executions/${executionId}`);
		const data = full.data && full.data.data;
		const parsed = typeof data === 'string' ? ctx.flatted.parse(data) : data;
		runData = parsed && parsed.resultData && parsed.resultData.runData;
		error = parsed && parsed.resultData && parsed.resultData.error;
		if (!runData) {
			const snippet = JSON.stringify(full.body === undefined ? full : full.body).slice(0, 400);
			throw new Error(`run ${workflow.name}: execution ${executionId} (${summary.status}) came back without run data: HTTP ${full.status} ${snippet}`);
		}
	}
	return {
		executionId,
		status: summary.status,
		error,
		wallMs,
		cpuMs,
		rssBefore: before.rss,
		peakRss: peak,
		peakResettable,
		// When the sampled peak was, from the execution's start (stoppedAt is before n8n saves the run).
		sampledPeakMs: peakAt - startedAt,
		runData,
	};
}

/** JSON of the items a node output (first run, first output). */
function outputOf(runData, nodeName) {
	const run = runData && runData[nodeName] && runData[nodeName][0];
	if (!run) return undefined;
	return ((run.data && run.data.main && run.data.main[0]) || []).map((item) => item.json);
}

/**
 * One cycle of variant indexes in which each variant follows each of the others exactly once (every
 * ordered pair of two variants once, an Eulerian circuit of the complete directed graph): a run
 * depends on what the run before it left in n8n (a big execution's garbage, still being collected).
 */
function balancedCycle(count) {
	if (count <= 1) return count === 1 ? [0] : [];
	// Hierholzer's walk; `next[v]` is the next successor of v not yet used.
	const next = Array.from({ length: count }, (_, v) => (v + 1) % count);
	const used = Array.from({ length: count }, () => 0);
	const stack = [0];
	const circuit = [];
	while (stack.length) {
		const v = stack[stack.length - 1];
		if (used[v] < count - 1) {
			const w = next[v];
			next[v] = (w + 1) % count === v ? (w + 2) % count : (w + 1) % count;
			used[v]++;
			stack.push(w);
		} else circuit.push(stack.pop());
	}
	// The circuit returns to its start: drop the repeated last step.
	return circuit.reverse().slice(0, -1);
}

module.exports = { balancedCycle, sleep, flattedDir, loadFlatted, memoryOf, resetPeak, cpuMsOf, runWorkflow, outputOf };
