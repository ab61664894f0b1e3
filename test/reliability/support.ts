/* Shared pieces of the reliability suites: route wrappers, the fault table, log capture. */
import { LoggerProxy, type IDataObject } from 'n8n-workflow';

import { SageDmoApi } from '../../credentials/SageDmoApi.credentials';
import { Sage200OAuth2Api } from '../../credentials/Sage200OAuth2Api.credentials';
import { SageX3Api } from '../../credentials/SageX3Api.credentials';
import { Sage200 } from '../../nodes/Sage200/Sage200.node';
import { SageDmo } from '../../nodes/SageDmo/SageDmo.node';
import { SageX3 } from '../../nodes/SageX3/SageX3.node';
import { Engine, type RunNodeResult } from '../harness/engine';
import { sage200CredentialData } from '../harness/sandbox-credentials';

export type Json = Record<string, any>;

/** One engine that knows all three nodes and their credentials. */
export const allNodesEngine = () =>
	new Engine({
		nodes: { sageX3: new SageX3(), sageDmo: new SageDmo(), sage200: new Sage200() },
		credentials: [new SageX3Api(), new SageDmoApi(), new Sage200OAuth2Api()],
	});

let credentialSeq = 0;
const nextId = (prefix: string) => `${prefix}-${++credentialSeq}`;

/** An X3 credential paired the quick way (the sandbox controller issues the refresh token). */
export function addX3Credential(engine: Engine, sandbox: Json, overrides: IDataObject = {}): string {
	const paired = sandbox.x3.pair({ region: 'eu', scope: 'businessDomain.ALL api.graphQL api.dataDelivery' });
	const id = nextId('x3');
	engine.addCredential(id, 'sageX3Api', {
		clientId: sandbox.x3.clientId,
		clientSecret: sandbox.x3.clientSecret,
		gateway: 'custom',
		customGatewayUrl: sandbox.x3.gatewayUrl('eu'),
		customerUrl: paired.customer,
		scope: ['businessDomain.ALL', 'api.graphQL', 'api.dataDelivery'],
		refreshToken: paired.refresh_token,
		endpoint: '',
		...overrides,
	});
	return id;
}

export function addSdmoCredential(engine: Engine, sandbox: Json, overrides: IDataObject = {}): string {
	const id = nextId('sdmo');
	engine.addCredential(id, 'sageDmoApi', {
		clientId: sandbox.sdmo.demo.clientId,
		clientSecret: sandbox.sdmo.demo.clientSecret,
		tenantId: sandbox.sdmo.demo.tenantId,
		tokenUrl: `${sandbox.url}/sdmo/v1/token`,
		...overrides,
	});
	return id;
}

/** A Sage 200 credential as n8n stores it after the OAuth2 callback. */
export function addSage200Credential(engine: Engine, sandbox: Json, overrides: IDataObject = {}, tokenData?: IDataObject): string {
	const s200 = sandbox.sage200;
	const id = nextId('s200');
	engine.addCredential(id, 'sage200OAuth2Api', { ...sage200CredentialData(s200, tokenData ?? s200.issue()), ...overrides });
	return id;
}

export const x3Folder = (name: string) => ({ __rl: true, mode: 'name', value: name });
export const s200Site = (sandbox: Json) => ({ __rl: true, mode: 'id', value: sandbox.sage200.demo.siteId });
export const s200Company = (value: string | number = 1) => ({ __rl: true, mode: 'id', value: String(value) });

export async function runX3(engine: Engine, credential: string, parameters: IDataObject, items?: IDataObject[], continueOnFail = false) {
	return await engine.run({ type: 'sageX3', parameters: parameters as never, credentials: { sageX3Api: credential }, items, continueOnFail });
}

export async function runSdmo(engine: Engine, credential: string, parameters: IDataObject, items?: IDataObject[], continueOnFail = false) {
	return await engine.run({ type: 'sageDmo', parameters: parameters as never, credentials: { sageDmoApi: credential }, items, continueOnFail });
}

export async function runSage200(engine: Engine, sandbox: Json, credential: string, parameters: IDataObject, items?: IDataObject[], continueOnFail = false) {
	return await engine.run({
		type: 'sage200',
		parameters: { site: s200Site(sandbox), company: s200Company(), ...parameters } as never,
		credentials: { sage200OAuth2Api: credential },
		items,
		continueOnFail,
	});
}

/**
 * Run `before` inside the sandbox just before its `n`-th request to a route is handled (the
 * sandbox has no "after N requests" switch; its route table is wrapped here, files untouched).
 * Returns a function that restores the route.
 */
export function beforeNthRequest(server: Json, routeName: string, n: number, before: (ctx: Json) => unknown): () => void {
	const routes = (server.routes as Json[]).filter((route) => route.name === routeName);
	if (routes.length === 0) throw new Error(`No sandbox route named ${routeName}`);
	let calls = 0;
	const originals = routes.map((route) => route.handler);
	routes.forEach((route, index) => {
		route.handler = async (ctx: Json) => {
			if (++calls === n) await before(ctx);
			return await originals[index](ctx);
		};
	});
	return () => routes.forEach((route, index) => (route.handler = originals[index]));
}

export interface FaultRow {
	product: string;
	fault: string;
	injected: number;
	recovered: number;
	failedClearly: number;
	lost: number;
	duplicated: number;
	/** Items whose write may or may not have been applied (must be 0 where a key allows the check). */
	unknown?: number;
}

export function formatFaultTable(rows: FaultRow[]): string {
	const header = ['Product', 'Fault', 'Injected', 'Recovered', 'Failed clearly', 'Records lost', 'Records duplicated', 'Outcome unknown'];
	const cells = (row: FaultRow) => [row.injected, row.recovered, row.failedClearly, row.lost, row.duplicated, row.unknown ?? 0];
	const body = rows.map((row) => [row.product, row.fault, ...cells(row)].map(String));
	const totals = rows.reduce((sum, row) => sum.map((value, index) => value + cells(row)[index]), [0, 0, 0, 0, 0, 0]);
	const all = [header, ...body, ['Total', `${rows.length} scenarios`, ...totals.map(String)]];
	const widths = header.map((_, column) => Math.max(...all.map((line) => line[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	const rule = `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`;
	return [line(header), rule, ...body.map(line), rule, line(all[all.length - 1])].join('\n');
}

/** Ids seen more than once, and expected ids never seen. */
export function compareIds(seen: unknown[], expected: unknown[]): { lost: number; duplicated: number } {
	const seenSet = new Set(seen.map(String));
	return { lost: expected.filter((id) => !seenSet.has(String(id))).length, duplicated: seen.length - seenSet.size };
}

/** Keys that occur more than once in a list (a write applied twice). */
export function repeated(keys: unknown[]): string[] {
	const counts = new Map<string, number>();
	for (const key of keys) counts.set(String(key), (counts.get(String(key)) ?? 0) + 1);
	return [...counts].filter(([, count]) => count > 1).map(([key]) => key);
}

/** Everything a run exposes to a user: output items, the error with its description and context. */
export function exposedText(result: RunNodeResult): string {
	const error = result.error as Json | undefined;
	return [
		JSON.stringify(result.outputs),
		error ? JSON.stringify(error) : '',
		error ? String(error.message ?? '') : '',
		error ? String(error.description ?? '') : '',
		error?.context ? JSON.stringify(error.context) : '',
		error?.messages ? JSON.stringify(error.messages) : '',
		error?.errorResponse ? safeStringify(error.errorResponse) : '',
		error?.cause ? safeStringify(error.cause) : '',
		JSON.stringify(result.run.data.resultData),
	].join('\n');
}

function safeStringify(value: unknown): string {
	const seen = new WeakSet();
	try {
		return JSON.stringify(value, (_key, inner) => {
			if (inner && typeof inner === 'object') {
				if (seen.has(inner)) return '[circular]';
				seen.add(inner);
			}
			return inner;
		});
	} catch {
		return String(value);
	}
}

export interface CapturedLog {
	level: string;
	message: string;
	meta: string;
}

/**
 * Collect every line n8n would log: n8n-workflow's LoggerProxy (the execution engine) and
 * n8n-core's Logger (request helpers, `this.logger` of nodes).
 */
export function captureLogs(): { lines: CapturedLog[]; text: () => string } {
	const lines: CapturedLog[] = [];
	const collect = (level: string) => (message: unknown, meta?: unknown) => {
		lines.push({ level, message: String(message), meta: meta ? safeStringify(meta) : '' });
	};
	const levels = ['error', 'warn', 'info', 'debug'] as const;
	LoggerProxy.init(Object.fromEntries(levels.map((level) => [level, collect(level)])) as never);
	const { Container } = require('@n8n/di');
	const { Logger } = require('@n8n/backend-common');
	const collector: Json = Object.fromEntries(levels.map((level) => [level, collect(level)]));
	collector.scoped = () => collector;
	Container.set(Logger, collector);
	return { lines, text: () => lines.map((line) => `${line.level} ${line.message} ${line.meta}`).join('\n') };
}
