/**
 * A credentials helper that behaves like n8n's own (packages/cli/src/credentials-helper.ts):
 * generic `authenticate` with expressions, `preAuthentication` only when the expirable field is
 * empty or after a 401, and what preAuthentication returns is persisted into the stored credential.
 * n8n-core's own test helper skips all of this, which is why the package brings its own.
 */
import {
	ICredentialsHelper,
	NodeHelpers,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	Workflow,
	isExpression,
} from 'n8n-workflow';

import { oAuth2ApiType } from './oauth2-api';

/** Fields n8n 2.41 always takes from the credential type when they are hidden (OAUTH_PINNED_FIELDS). */
const OAUTH_PINNED_FIELDS = [
	'useDynamicClientRegistration',
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'requestTokenUrl',
	'signatureMethod',
];

// n8n resolves credential expressions ($self, $secrets...) against a throwaway workflow like this.
const MOCK_NODE: INode = { id: 'mock', name: 'mock', type: 'mock', typeVersion: 1, position: [0, 0], parameters: {} };
const MOCK_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};
const MOCK_NODE_TYPES: INodeTypes = {
	getByName: () => MOCK_NODE_TYPE,
	getByNameAndVersion: () => MOCK_NODE_TYPE,
	getKnownTypes: () => ({}),
};

export interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export class CredentialStore {
	private readonly byId = new Map<string, StoredCredential>();

	/** How many times the engine read (and, in n8n, decrypted) a stored credential. */
	reads = 0;

	/** Every write of a credential, in order: lets tests assert what was persisted. */
	readonly updates: Array<{ id: string; data: ICredentialDataDecryptedObject }> = [];

	add(credential: StoredCredential) {
		this.byId.set(credential.id, { ...credential, data: structuredClone(credential.data) });
	}

	get(id: string) {
		const credential = this.byId.get(id);
		if (!credential) throw new Error(`Credential ${id} not found`);
		return credential;
	}

	update(id: string, data: ICredentialDataDecryptedObject) {
		this.get(id).data = structuredClone(data);
		this.updates.push({ id, data: structuredClone(data) });
	}

	all() {
		return [...this.byId.values()];
	}
}

export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		readonly store: CredentialStore,
		credentialTypes: ICredentialType[],
	) {
		super();
		for (const type of [oAuth2ApiType, ...credentialTypes]) this.types.set(type.name, type);
	}

	credentialType(name: string) {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown credential type ${name}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.credentialType(name).extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	getCredentialsProperties(name: string): INodeProperties[] {
		const type = this.credentialType(name);
		const combined: INodeProperties[] = [];
		for (const parent of type.extends ?? []) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, type.properties);
		return combined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialType(typeName);
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (typeof authenticate === 'object' && authenticate.type === 'generic') {
			if (!workflow || !node) throw new Error('Workflow and node are required for generic authentication');
			const resolve = (value: string) =>
				isExpression(value)
					? String(
							workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '') ?? '',
						)
					: value;
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				const target = ((requestOptions as unknown as Record<string, Record<string, string>>)[outerKey] ??= {});
				for (const [key, value] of Object.entries(outerValue as Record<string, string>)) {
					target[resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialType(typeName);
		const expirable = this.getCredentialsProperties(typeName).find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		const isTestingCredentials = node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) return undefined;

		// n8n hands preAuthentication only `helpers.httpRequest`, nothing else.
		const restricted: IHttpRequestHelper = {
			helpers: { httpRequest: async (options: IHttpRequestOptions) => await helpers.helpers.httpRequest(options) },
		};
		const output = await type.preAuthentication.call(restricted, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[typeName];
		if (nodeCredentials?.id) {
			const stored = this.store.get(nodeCredentials.id).data;
			const toPersist: ICredentialDataDecryptedObject = { ...stored };
			for (const [key, value] of Object.entries(output)) {
				if (key === expirable.name || !isExpression(stored[key])) toPersist[key] = value as ICredentialDataDecryptedObject[string];
			}
			this.store.update(nodeCredentials.id, toPersist);
			return Object.assign(credentials, output);
		}
		return undefined;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		if (!nodeCredentials.id) throw new Error(`Credential of type ${type} has no id`);
		this.store.reads++;
		const stored = this.store.get(nodeCredentials.id);
		if (stored.type !== type) throw new Error(`Credential ${nodeCredentials.id} is not of type ${type}`);
		const properties = this.getCredentialsProperties(type);
		// Like n8n's applyDefaultsAndOverwrites: the credential type owns its hidden OAuth fields,
		// so stored values for them are dropped and the type's defaults (often expressions) apply.
		const data = structuredClone(stored.data);
		for (const field of OAUTH_PINNED_FIELDS) {
			if (properties.some((property) => property.name === field && property.type === 'hidden')) delete data[field];
		}
		const withDefaults = NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null) as ICredentialDataDecryptedObject;
		if (stored.data.oauthTokenData !== undefined) withDefaults.oauthTokenData = structuredClone(stored.data.oauthTokenData);
		const workflow = new Workflow({ nodes: [MOCK_NODE], connections: {}, active: false, nodeTypes: MOCK_NODE_TYPES });
		return workflow.expression.getComplexParameterValue(
			MOCK_NODE,
			withDefaults as INodeParameters,
			'internal',
			{},
			undefined,
			undefined,
			withDefaults,
		) as ICredentialDataDecryptedObject;
	}

	// n8n-core never calls this during execution; the CLI uses it to read encrypted rows.
	async getCredentials(): Promise<never> {
		throw new Error('getCredentials is not used by the execution engine');
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.credentialType(typeName);
		if (typeof type.preAuthentication !== 'function') return undefined;
		return ((await type.preAuthentication.call(helpers, credentials)) as ICredentialDataDecryptedObject) ?? undefined;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async updateCredentials(nodeCredentials: INodeCredentialsDetails, _type: string, data: ICredentialDataDecryptedObject) {
		this.store.update(nodeCredentials.id!, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const stored = this.store.get(nodeCredentials.id!);
		this.store.update(nodeCredentials.id!, { ...stored.data, oauthTokenData: data.oauthTokenData });
	}
}
