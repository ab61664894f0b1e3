/**
 * Shared set-up for the Sage DMO Trigger tests: the trigger (and the action node, to compare with
 * its Get Many) run through n8n's engine, one poll at a time through n8n-core's PollContext,
 * against the sandbox. Static data is kept by the test between polls, as n8n keeps it.
 */
import type { IDataObject } from 'n8n-workflow';

import { SageDmoApi } from '../../../credentials/SageDmoApi.credentials';
import { SageDmo } from '../../../nodes/SageDmo/SageDmo.node';
import { SageDmoTrigger } from '../../../nodes/SageDmoTrigger/SageDmoTrigger.node';
import { Engine } from '../../harness/engine';

const { startSandbox } = require('../../sandbox/index.js');

export type Json = Record<string, any>;

export interface TriggerSuite {
	readonly sandbox: any;
	readonly engine: Engine;
	readonly credentialId: string;
	/** One poll; `staticData` is updated in place when the poll succeeds (as n8n commits it). */
	poll(parameters: Json, staticData: IDataObject, mode?: 'trigger' | 'manual'): Promise<Json[]>;
	/** Sage DMO → Get Many with the suite's credential (the shape the trigger's items must have). */
	getMany(parameters: Json): Promise<Json[]>;
	count(route: string): number;
	/** A fresh engine (a restarted n8n): nothing of the previous one is kept but what the test passes. */
	restart(): void;
}

const newEngine = () => new Engine({ nodes: { sageDmo: new SageDmo(), sageDmoTrigger: new SageDmoTrigger() }, credentials: [new SageDmoApi()] });

/** One sandbox for the file (with `sandboxOptions.sdmo` switches), reset before each test. */
export function useSdmoTriggerSuite(sandboxOptions: Json = {}): TriggerSuite {
	const state = {} as { sandbox: any; engine: Engine; credentialId: string };
	const addCredential = () => {
		state.credentialId = 'sdmo-trigger';
		state.engine.addCredential(state.credentialId, 'sageDmoApi', {
			clientId: state.sandbox.sdmo.demo.clientId,
			clientSecret: state.sandbox.sdmo.demo.clientSecret,
			tenantId: state.sandbox.sdmo.demo.tenantId,
			tokenUrl: `${state.sandbox.url}/sdmo/v1/token`,
		});
	};
	beforeAll(async () => {
		state.sandbox = await startSandbox(sandboxOptions);
	});
	afterAll(async () => {
		await state.sandbox.close();
	});
	beforeEach(() => {
		state.sandbox.sdmo.reset();
		state.sandbox.server.resetCounters();
		state.sandbox.server.clearFaults();
		state.engine = newEngine();
		addCredential();
	});
	return {
		get sandbox() {
			return state.sandbox;
		},
		get engine() {
			return state.engine;
		},
		get credentialId() {
			return state.credentialId;
		},
		async poll(parameters, staticData, mode = 'trigger') {
			const result = await state.engine.poll({ type: 'sageDmoTrigger', parameters, credentials: { sageDmoApi: state.credentialId }, staticData, mode });
			return result.items.map((item) => item.json as Json);
		},
		async getMany(parameters) {
			const result = await state.engine.run({ type: 'sageDmo', parameters, credentials: { sageDmoApi: state.credentialId }, items: [{}] });
			if (result.error) throw result.error;
			return result.items.map((item: Json) => item.json);
		},
		count: (route) => state.sandbox.server.count(route),
		restart() {
			// The credential (with its stored token) stays in n8n's database; the process is new.
			const stored = state.engine.store.get(state.credentialId);
			state.engine = newEngine();
			state.engine.store.add(JSON.parse(JSON.stringify(stored)));
		},
	};
}

/** Stamps `ms` apart, starting a minute after the sandbox clock's now (later than any stored record). */
export function stampsAfterNow(sandbox: any, count: number, stepMs = 1): string[] {
	const start = sandbox.sdmo.clock.now() + 60_000;
	return Array.from({ length: count }, (_, index) => sandbox.sdmo.stampAt(start + index * stepMs));
}
