/*
 * W7's n8n side (bench/w7.js forks it; bundled with esbuild, packages from node_modules): the
 * nodes run through n8n's real engine (test/harness/engine.ts), in a process of their own, against
 * the bench's sandbox. Two variants per product:
 * - baseline: what a user builds today, Schedule Trigger → Get Many (Return All) → a Code node that
 *   compares the records with the previous run's, kept in the workflow's static data by key;
 * - trigger: the product's trigger node, its static data kept between polls as n8n keeps it.
 * Each message runs one variant once and answers its wall time and the keys it found changed.
 */
import { LoggerProxy, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { Sage200OAuth2Api } from '../credentials/Sage200OAuth2Api.credentials';
import { SageX3Api } from '../credentials/SageX3Api.credentials';
import { Sage200 } from '../nodes/Sage200/Sage200.node';
import { Sage200Trigger } from '../nodes/Sage200Trigger/Sage200Trigger.node';
import { SageX3 } from '../nodes/SageX3/SageX3.node';
import { SageX3Trigger } from '../nodes/SageX3Trigger/SageX3Trigger.node';
import { Engine } from '../test/harness/engine';

type Product = 'x3' | 's200';
type Variant = 'baseline' | 'trigger';

interface InitMessage {
	type: 'init';
	credentials: Array<{ id: string; type: string; data: IDataObject }>;
	s200: { siteId: string; companyId: string };
}

interface RunMessage {
	type: 'run';
	product: Product;
	variant: Variant;
	credentialId: string;
}

const silent = () => {};
LoggerProxy.init({ error: silent, warn: silent, info: silent, debug: silent } as never);

const engine = new Engine({
	nodes: { sageX3: new SageX3(), sageX3Trigger: new SageX3Trigger(), sage200: new Sage200(), sage200Trigger: new Sage200Trigger() },
	credentials: [new SageX3Api(), new Sage200OAuth2Api()],
});
let target = { siteId: '', companyId: '1' };

const KEY_FIELD: Record<Product, string> = { x3: 'code', s200: 'id' };

/** The baseline's Code node keeps the last run's records here: n8n saves static data as JSON with the workflow. */
const savedSnapshot: Partial<Record<Product, string>> = {};
/** Each trigger's static data, as n8n keeps it between polls. */
const triggerStaticData: Partial<Record<Product, IDataObject>> = {};

const x3Folder = { __rl: true, mode: 'name', value: 'SEED' };
const locators = () => ({ site: { __rl: true, mode: 'id', value: target.siteId }, company: { __rl: true, mode: 'id', value: target.companyId } });

async function getManyAll(product: Product, credentialId: string): Promise<INodeExecutionData[]> {
	const result =
		product === 'x3'
			? await engine.run({ type: 'sageX3', parameters: { resource: 'customer', operation: 'getAll', folder: x3Folder, returnAll: true }, credentials: { sageX3Api: credentialId } })
			: await engine.run({ type: 'sage200', parameters: { resource: 'customer', operation: 'getAll', returnAll: true, ...locators() }, credentials: { sage200OAuth2Api: credentialId } });
	if (result.error) throw new Error(`${product} Get Many failed: ${result.error.message} ${result.error.description ?? ''}`);
	return result.items;
}

/**
 * The Code node a user writes: the previous run's records by key from static data, the records
 * that are new or differ from them, and this run's records saved for the next run.
 */
function compareWithPreviousRun(product: Product, items: INodeExecutionData[]): IDataObject[] {
	const keyField = KEY_FIELD[product];
	const previous = (savedSnapshot[product] ? JSON.parse(savedSnapshot[product]) : {}) as Record<string, IDataObject>;
	const current: Record<string, IDataObject> = {};
	const changed: IDataObject[] = [];
	for (const { json } of items) {
		const key = String(json[keyField]);
		current[key] = json;
		if (!previous[key] || JSON.stringify(previous[key]) !== JSON.stringify(json)) changed.push(json);
	}
	savedSnapshot[product] = JSON.stringify(current);
	return changed;
}

async function poll(product: Product, credentialId: string): Promise<INodeExecutionData[]> {
	const staticData = (triggerStaticData[product] ??= {});
	const result =
		product === 'x3'
			? await engine.poll({ type: 'sageX3Trigger', parameters: { event: 'recordUpdated', folder: x3Folder, resource: 'customer' }, credentials: { sageX3Api: credentialId }, staticData })
			: await engine.poll({ type: 'sage200Trigger', parameters: { event: 'recordUpdated', resource: 'customer', ...locators() }, credentials: { sage200OAuth2Api: credentialId }, staticData });
	return result.items;
}

async function run(message: RunMessage) {
	const keyField = KEY_FIELD[message.product];
	const started = performance.now();
	if (message.variant === 'baseline') {
		const items = await getManyAll(message.product, message.credentialId);
		const fetched = performance.now();
		const changed = compareWithPreviousRun(message.product, items);
		const done = performance.now();
		return { wallMs: done - started, getManyMs: fetched - started, compareMs: done - fetched, records: items.length, keys: changed.map((json) => String(json[keyField])) };
	}
	const items = await poll(message.product, message.credentialId);
	const wallMs = performance.now() - started;
	return {
		wallMs,
		records: items.length,
		keys: items.map((item) => String(item.json[keyField])),
		staticDataBytes: Buffer.byteLength(JSON.stringify(triggerStaticData[message.product] ?? {})),
	};
}

process.on('message', (message: InitMessage | RunMessage) => {
	const answer = async () => {
		if (message.type === 'init') {
			for (const credential of message.credentials) engine.addCredential(credential.id, credential.type, credential.data);
			target = message.s200;
			return { ready: true };
		}
		return await run(message);
	};
	answer().then(
		(result) => process.send?.({ ok: true, result }),
		(error: Error) => process.send?.({ ok: false, error: String(error?.stack ?? error) }),
	);
});
