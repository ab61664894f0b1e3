/* Shared setup of the Sage 200 Trigger tests: a sandbox, the engine with the trigger, a connected credential, one poll at a time. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Sage200OAuth2Api } from '../../../credentials/Sage200OAuth2Api.credentials';
import { Sage200Trigger } from '../../../nodes/Sage200Trigger/Sage200Trigger.node';
import { Engine, type PollNodeResult } from '../../harness/engine';
import { sage200CredentialData } from '../../harness/sandbox-credentials';
import { apiRequestsOf, decodedQuery } from '../setup';

const { startSandbox } = require('../../sandbox');

export interface TriggerSuite {
	s200: any;
	server: any;
	engine: Engine;
	credential: string;
	/** One poll as n8n runs it; `staticData` is kept by the caller between polls (mutated in place). */
	poll(parameters?: IDataObject, options?: { staticData?: IDataObject; mode?: 'trigger' | 'manual' }): Promise<PollNodeResult>;
	/** The $filter of each list request since the counters were reset. */
	filters(): string[];
}

export const SITE = { __rl: true, mode: 'id', value: '5f0b1b5e-6a2c-4c1e-9a77-2d4f8e6b9c01' };
export const COMPANY = { __rl: true, mode: 'id', value: '1' };

/** One sandbox and engine per test file; request counters reset before each test. */
export function useTriggerSuite(sage200Options: IDataObject = {}, sandboxOptions: IDataObject = {}): TriggerSuite {
	const suite = {} as TriggerSuite & { close(): Promise<void> };
	beforeAll(async () => {
		const sandbox = await startSandbox({ ...sandboxOptions, sage200: sage200Options });
		suite.s200 = sandbox.sage200;
		suite.server = sandbox.server;
		suite.close = async () => await sandbox.close();
		suite.engine = new Engine({ nodes: { sage200Trigger: new Sage200Trigger() }, credentials: [new Sage200OAuth2Api()] });
		suite.credential = 'trigger-credential';
		suite.engine.addCredential(suite.credential, 'sage200OAuth2Api', sage200CredentialData(suite.s200));
	});
	afterAll(async () => await suite.close());
	beforeEach(() => {
		suite.server.resetCounters();
		suite.server.clearFaults();
		delete suite.s200.hooks.beforeList;
	});
	suite.poll = async (parameters = {}, options = {}) =>
		await suite.engine.poll({
			type: 'sage200Trigger',
			parameters: { site: SITE, company: COMPANY, resource: 'customer', event: 'recordUpdated', ...parameters } as INodeParameters,
			credentials: { sage200OAuth2Api: suite.credential },
			staticData: options.staticData,
			mode: options.mode,
		});
	suite.filters = () => apiRequestsOf(suite.server).map((entry: any) => decodedQuery(entry).get('$filter') ?? '');
	return suite;
}

/** The ids of a poll's items, in order. */
export const idsOf = (result: PollNodeResult) => result.items.map((item) => item.json.id as number);

/** A JSON round trip of static data: what n8n reloads from its database after a restart. */
export const reloaded = (staticData: IDataObject): IDataObject => JSON.parse(JSON.stringify(staticData));
