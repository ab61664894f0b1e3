import { NodeConnectionTypes, type IExecuteFunctions, type INodeType, type INodeTypeDescription, type ICredentialType, type ICredentialDataDecryptedObject, type IHttpRequestHelper } from 'n8n-workflow';
import http from 'node:http';
import { Engine } from '../harness/engine';

class Probe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe', name: 'probe', group: ['transform'], version: 1, description: '', defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main], outputs: [NodeConnectionTypes.Main], credentials: [{ name: 'probeApi', required: true }],
		properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
	};
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const res = await this.helpers.httpRequestWithAuthentication.call(this, 'probeApi', { url: this.getNodeParameter('url', i) as string, json: true });
			out.push({ json: res, pairedItem: { item: i } });
		}
		return [out];
	}
}
const probeApi: ICredentialType = {
	name: 'probeApi', displayName: 'Probe', properties: [
		{ displayName: 'Key', name: 'key', type: 'string', default: '' },
		{ displayName: 'Base', name: 'base', type: 'string', default: '' },
		{ displayName: 'Token', name: 'token', type: 'hidden', typeOptions: { expirable: true }, default: '' },
	],
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const r = (await this.helpers.httpRequest({ url: `${credentials.base}/token`, json: true })) as { token: string };
		return { token: r.token };
	},
	authenticate: { type: 'generic', properties: { headers: { Authorization: '=Bearer {{$credentials.token}}' } } },
};

test('engine runs a node with preAuthentication and generic authenticate', async () => {
	let tokens = 0;
	const server = http.createServer((req, res) => {
		if (req.url === '/token') { tokens++; res.end(JSON.stringify({ token: `t${tokens}` })); return; }
		res.setHeader('content-type', 'application/json');
		if (req.headers.authorization !== `Bearer t${tokens}`) { res.statusCode = 401; res.end('{}'); return; }
		res.end(JSON.stringify({ auth: req.headers.authorization }));
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const base = `http://127.0.0.1:${(server.address() as any).port}`;
	const engine = new Engine({ nodes: { probe: new Probe() }, credentials: [probeApi] });
	engine.addCredential('c1', 'probeApi', { key: 'k', base });
	const r = await engine.run({ type: 'probe', parameters: { url: `${base}/x` }, credentials: { probeApi: 'c1' }, items: [{}, {}] });
	expect(r.error).toBeUndefined();
	expect(r.items.map((i) => i.json.auth)).toEqual(['Bearer t1', 'Bearer t1']);
	expect(engine.store.get('c1').data.token).toBe('t1');
	server.close();
});
