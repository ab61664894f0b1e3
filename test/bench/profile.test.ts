/**
 * bench/profile.js: how it splits a V8 CPU profile of n8n into runs of the node and their time
 * by category. The profile is built here sample by sample, so every figure is known.
 */
interface Span {
	startMs: number;
	spanMs: number;
	operation: string;
	ms: Record<string, number>;
	longestGcPauseMs: number;
}
interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const { splitProfile, formatSpans } = require('../../bench/profile.js') as {
	splitProfile: (profile: Profile, options?: { span?: RegExp; gapMs?: number }) => Span[];
	formatSpans: (spans: Span[], skip?: number) => string;
};

const DIST = 'file:///tmp/n8n/.n8n/nodes/node_modules/n8n-nodes-sage-erp/dist/nodes';

// A call tree: the root, n8n's idle and GC, the node's Get Many (reading a body, Simplify,
// its own paging), a socket read, n8n's engine, and the package loaded at start.
const FRAMES: Record<string, [string, string, string?]> = {
	root: ['(root)', ''],
	idle: ['(idle)', '', 'root'],
	gc: ['(garbage collector)', '', 'root'],
	getAll: ['getManyRecords', `${DIST}/Sage200/actions/record/getAll.operation.js`, 'root'],
	readBody: ['readBody', `${DIST}/shared/transport/response-body.js`, 'getAll'],
	parse: ['readJsonBody', `${DIST}/shared/transport/response-body.js`, 'readBody'],
	decode: ['decodeUTF8', '', 'readBody'],
	simplify: ['simplifySage200Record', `${DIST}/Sage200/helpers/simplify.js`, 'getAll'],
	paging: ['forEachRecordPage', `${DIST}/Sage200/helpers/paging.js`, 'getAll'],
	socket: ['onStreamRead', 'node:internal/stream_base_commons', 'root'],
	engine: ['runNode', 'file:///tmp/n8n/node_modules/n8n-core/dist/execution-engine/workflow-execute.js', 'root'],
	loader: ['Module._load', 'node:internal/modules/cjs/loader', 'root'],
	router: ['(anonymous)', `${DIST}/Sage200/actions/router.js`, 'loader'],
};

function buildProfile(timeline: Array<[keyof typeof FRAMES, number]>): Profile {
	const ids = Object.fromEntries(Object.keys(FRAMES).map((name, index) => [name, index + 1]));
	const nodes: ProfileNode[] = Object.entries(FRAMES).map(([name, [functionName, url]]) => ({
		id: ids[name],
		callFrame: { functionName, url },
		children: Object.entries(FRAMES)
			.filter(([, frame]) => frame[2] === name)
			.map(([child]) => ids[child]),
	}));
	// timeDeltas[i] is the time from sample i-1 to sample i; each entry here lasts its ms.
	const samples: number[] = [];
	const timeDeltas: number[] = [];
	let previous = 0;
	for (const [name, ms] of timeline) {
		samples.push(ids[name]);
		timeDeltas.push(previous * 1000);
		previous = ms;
	}
	return { nodes, samples, timeDeltas };
}

describe('bench/profile.js', () => {
	const profile = buildProfile([
		// n8n starting: the package's modules load (not a run of the node).
		['router', 10],
		['router', 10],
		['idle', 3000],
		// Run 1: 100 ms in all, up to its last sample in the package's code.
		['paging', 5],
		['idle', 20],
		['socket', 5],
		['decode', 10],
		['parse', 30],
		['gc', 4],
		['gc', 6],
		['readBody', 5],
		['simplify', 8],
		['engine', 2],
		['gc', 5],
		['paging', 1],
		// Between runs: n8n's engine and a long wait.
		['engine', 50],
		['idle', 2000],
		// Run 2: 40 ms.
		['paging', 10],
		['gc', 20],
		['parse', 10],
		['paging', 1],
		['idle', 500],
	]);

	it('finds each run of the node, not the package loading at start, and splits its time', () => {
		const spans = splitProfile(profile);
		expect(spans).toHaveLength(2);
		const [first, second] = spans;
		expect(first.startMs).toBe(3020);
		expect(first.spanMs).toBe(100);
		expect(first.operation).toBe('Sage200/actions/record/getAll.operation');
		expect(first.ms).toEqual({ idle: 20, gc: 15, program: 0, parse: 30, decode: 10, read: 5, simplify: 8, network: 5, node: 5, other: 2 });
		// Two GC pauses: 4 + 6 ms in a row, then 5 ms.
		expect(first.longestGcPauseMs).toBe(10);
		expect(second.startMs).toBe(3020 + 101 + 50 + 2000);
		expect(second.spanMs).toBe(40);
		expect(second.ms).toMatchObject({ gc: 20, parse: 10, node: 10, idle: 0 });
		expect(second.longestGcPauseMs).toBe(20);
	});

	it('ends a run at a gap longer than --gap', () => {
		// With a 40 ms gap, run 1's 20 ms wait still belongs to it, but the 2 s between runs do not.
		expect(splitProfile(profile, { gapMs: 40 })).toHaveLength(2);
		// With 35 ms, run 1 breaks where its code was off the stack for 40 ms (socket, parse, GC).
		expect(splitProfile(profile, { gapMs: 35 }).map((span) => span.spanMs)).toEqual([40, 20, 40]);
	});

	it('prints the runs and the medians of those after the warm-up', () => {
		const table = formatSpans(splitProfile(profile), 1).split('\n');
		expect(table).toHaveLength(2 + 2);
		expect(table[2]).toMatch(/^\| 1 \(warm-up\) at 3\.0 s \| Sage200\/actions\/record\/getAll\.operation \| 100 \| 15 \(10\) \| 45 \| 30 \| 13 \| 5 \| 20 \| 2 \|$/);
		expect(table[3]).toMatch(/^\| 2 at 5\.2 s \| .* \| 40 \| 20 \(20\) \| 10 \| 10 \| 10 \| 0 \| 0 \| 0 \|$/);
		// Two measured runs give a median row; one does not.
		expect(formatSpans(splitProfile(profile)).split('\n').pop()).toMatch(/^\| median \| \| 70 \| 18 \(15\) \| 28 \| 20 \| 12 \| 3 \| 10 \| 1 \|$/);
	});
});
