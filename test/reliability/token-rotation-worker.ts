/*
 * One n8n worker process of test/reliability/token-rotation.test.ts: runs X3 executions through
 * n8n's engine against the shared file-backed credential store, when told to start, and prints
 * what each run gave as one JSON line.
 */
import { createInterface } from 'node:readline';

import { FileCredentialStore, useStore } from '../harness/file-credential-store';
import { allNodesEngine, captureLogs, runX3, x3Folder } from './support';

interface WorkerJob {
	storePath: string;
	credentialId: string;
	/** Executions run one after the other. */
	rounds: number;
	expectedCount: number;
}

async function main() {
	const job = JSON.parse(process.argv[2]) as WorkerJob;
	captureLogs();
	const engine = useStore(allNodesEngine(), new FileCredentialStore(job.storePath));
	const getAll = { resource: 'customer', operation: 'getAll', folder: x3Folder('SEED'), returnAll: true, fields: 'code' };
	process.stdout.write('ready\n');
	const lines = createInterface({ input: process.stdin });
	await new Promise<void>((resolve) => lines.once('line', () => resolve()));
	lines.close();
	const runs: Array<{ error?: string; items: number }> = [];
	for (let round = 0; round < job.rounds; round++) {
		const result = await runX3(engine, job.credentialId, getAll);
		runs.push({ error: result.error ? `${result.error.message} ${result.error.description ?? ''}` : undefined, items: result.items.length });
	}
	process.stdout.write(`${JSON.stringify({ runs })}\n`);
}

main().then(
	() => process.exit(0),
	(error) => {
		process.stdout.write(`${JSON.stringify({ crashed: String(error?.stack ?? error) })}\n`);
		process.exit(1);
	},
);
