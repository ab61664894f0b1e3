/*
 * Shared set-up for the Sage X3 tests: a sandbox, an engine and paired credentials.
 * The test of "Sage X3 → <Resource> → <Operation>" is test/x3/<resource>/<operation>.test.ts (a round
 * trip Create → Update → Delete sits in create.test.ts; pickers.test.ts holds a resource's list methods);
 * the credential and the pairing trigger are test/x3/credential.test.ts and test/x3/pairing.test.ts.
 */
 
import type { IDataObject, INodeType } from 'n8n-workflow';

import { SageX3Api } from '../../credentials/SageX3Api.credentials';
import { SageX3 } from '../../nodes/SageX3/SageX3.node';
import { Engine, type RunNodeOptions } from '../harness/engine';

const { startSandbox } = require('../sandbox');

export type Sandbox = { url: string; server: any; x3: any; close: () => Promise<void> };

export const startX3Sandbox = async (options: IDataObject = {}): Promise<Sandbox> => await startSandbox({ x3: options });

export const ALL_SCOPES = ['businessDomain.ALL', 'api.graphQL', 'api.dataDelivery'];

let credentialCounter = 0;

/** A credential paired with the sandbox the quick way (the controller issues the refresh token). */
export function addPairedCredential(
	engine: Engine,
	sandbox: Sandbox,
	options: { region?: 'eu' | 'us'; gatewayRegion?: 'eu' | 'us'; withEndpoint?: boolean; scope?: string[]; folders?: string[] } = {},
): { id: string; refreshToken: string } {
	const scope = options.scope ?? ALL_SCOPES;
	const region = options.region ?? 'eu';
	const paired = sandbox.x3.pair({ region, scope: scope.join(' '), ...(options.folders && { folders: options.folders }) });
	const id = `x3-${++credentialCounter}`;
	engine.addCredential(id, 'sageX3Api', {
		clientId: sandbox.x3.clientId,
		clientSecret: sandbox.x3.clientSecret,
		gateway: 'custom',
		customGatewayUrl: sandbox.x3.gatewayUrl(options.gatewayRegion ?? region),
		customerUrl: paired.customer,
		scope,
		refreshToken: paired.refresh_token,
		endpoint: options.withEndpoint ? paired.endpoint : '',
	});
	return { id, refreshToken: paired.refresh_token };
}

/** An engine with the Sage X3 node (and `nodes`, e.g. the Sage X3 Trigger) and the X3 credential. */
export function newEngine(nodes: Record<string, INodeType> = {}): Engine {
	return new Engine({ nodes: { sageX3: new SageX3(), ...nodes }, credentials: [new SageX3Api()] });
}

export const runX3 = async (engine: Engine, credentialId: string, options: Omit<RunNodeOptions, 'type' | 'credentials'>) =>
	await engine.run({ type: 'sageX3', credentials: { sageX3Api: credentialId }, ...options });

export const folder = (name: string) => ({ __rl: true, mode: 'name', value: name });

/** A load-options context built by n8n-core, as the editor gets it for listSearch/loadOptions. */
export async function loadOptionsContext(engine: Engine, credentialId: string, parameters: IDataObject) {
	const { LoadOptionsContext } = await import('n8n-core');
	const { Workflow } = await import('n8n-workflow');
	const { TestNodeTypes } = await import('../harness/node-types');
	const node = {
		id: 'n',
		name: 'Sage X3',
		type: 'sageX3',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: parameters as never,
		credentials: { sageX3Api: { id: credentialId, name: engine.store.get(credentialId).name } },
	};
	const workflow = new Workflow({ id: 'w', nodes: [node], connections: {}, active: false, nodeTypes: new TestNodeTypes({ sageX3: new SageX3() }) });
	const additionalData = { credentialsHelper: engine.credentialsHelper, currentNodeParameters: parameters } as never;
	return new LoadOptionsContext(workflow, node, additionalData, 'parameters.x' as never);
}

export interface X3Suite {
	readonly sandbox: Sandbox;
	readonly engine: Engine;
	readonly credentialId: string;
	/** Runs the node with the suite's credential; `resource` preset when the suite names one. */
	run(parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>, continueOnFail?: boolean): ReturnType<typeof runX3>;
}

/**
 * The set-up every resource/operation file shares: one sandbox, engine and paired credential for
 * the file (beforeAll/afterAll), request counters reset before each test.
 */
export function useX3Suite(
	options: { sandbox?: IDataObject; credential?: Parameters<typeof addPairedCredential>[2]; resource?: string; nodes?: Record<string, INodeType> } = {},
): X3Suite {
	const suite = {} as { sandbox: Sandbox; engine: Engine; credentialId: string };
	beforeAll(async () => {
		suite.sandbox = await startX3Sandbox(options.sandbox);
		suite.engine = newEngine(options.nodes);
		suite.credentialId = addPairedCredential(suite.engine, suite.sandbox, options.credential).id;
	});
	afterAll(async () => {
		await suite.sandbox.close();
	});
	beforeEach(() => {
		suite.sandbox.server.resetCounters();
	});
	const preset = options.resource ? { resource: options.resource } : {};
	return Object.assign(suite, {
		run: async (parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>, continueOnFail = false) =>
			await runX3(suite.engine, suite.credentialId, { parameters: { ...preset, ...parameters } as never, items: items as never, continueOnFail }),
	});
}
