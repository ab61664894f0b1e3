/* Shared setup of the Sage 200 engine tests: a sandbox, the engine and connected credentials. */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Sage200OAuth2Api } from '../../credentials/Sage200OAuth2Api.credentials';
import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { Engine } from '../harness/engine';
import { sage200CredentialData } from '../harness/sandbox-credentials';

const { startSandbox } = require('../sandbox');

export interface Sage200Env {
	sandbox: any;
	s200: any;
	server: any;
	engine: Engine;
	addCredential(overrides?: IDataObject, tokenData?: IDataObject): string;
	run(parameters: INodeParameters, options?: { credential?: string; items?: IDataObject[]; continueOnFail?: boolean }): ReturnType<Engine['run']>;
	close(): Promise<void>;
}

export async function startSage200Env(sandboxOptions: IDataObject = {}): Promise<Sage200Env> {
	const sandbox = await startSandbox(sandboxOptions);
	const s200 = sandbox.sage200;
	const engine = new Engine({ nodes: { sage200: new Sage200() }, credentials: [new Sage200OAuth2Api()] });
	let counter = 0;
	const addCredential = (overrides: IDataObject = {}, tokenData: IDataObject = s200.issue()) => {
		const id = `c${++counter}`;
		engine.addCredential(id, 'sage200OAuth2Api', { ...sage200CredentialData(s200, tokenData), ...overrides });
		return id;
	};
	return {
		sandbox,
		s200,
		server: sandbox.server,
		engine,
		addCredential,
		run: async (parameters, options = {}) =>
			await engine.run({
				type: 'sage200',
				parameters: { site: { __rl: true, mode: 'id', value: s200.demo.siteId }, company: { __rl: true, mode: 'id', value: '1' }, ...parameters },
				credentials: { sage200OAuth2Api: options.credential ?? addCredential() },
				items: options.items,
				continueOnFail: options.continueOnFail,
			}),
		close: async () => await sandbox.close(),
	};
}

/** Requests that reached the Sage 200 API (not the token endpoint), in order. */
export const apiRequestsOf = (server: any) => server.log.filter((entry: any) => entry.name.startsWith('s200.') && entry.name !== 's200.token');
export const decodedQuery = (entry: any) => new URLSearchParams(entry.query);

export interface Sage200Suite {
	readonly env: Sage200Env;
	readonly s200: any;
	readonly server: any;
	run: Sage200Env['run'];
}

/** One sandbox and engine for a resource/operation file; request counters reset before each test. */
export function useSage200Suite(sandboxOptions: IDataObject = {}): Sage200Suite {
	const suite = {} as { env: Sage200Env; s200: any; server: any };
	beforeAll(async () => {
		suite.env = await startSage200Env(sandboxOptions);
		suite.s200 = suite.env.s200;
		suite.server = suite.env.server;
	});
	afterAll(async () => await suite.env.close());
	beforeEach(() => suite.server.resetCounters());
	const run: Sage200Env['run'] = async (parameters, options) => await suite.env.run(parameters, options);
	return Object.assign(suite, { run });
}
