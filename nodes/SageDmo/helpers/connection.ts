import { NodeApiError, NodeOperationError, type IDataObject, type JsonObject, type IExecuteFunctions, type ILoadOptionsFunctions, type IPollFunctions } from 'n8n-workflow';

import { allowedUrlsFor, tokenUrlOf } from '../../shared/auth';
import { schemaEntities, type EntityDescriptor } from '../../shared/graphql';
import { RunSession } from '../../shared/operation';
import { assertUrlAllowed, credentialSession, rateLimitBudgetOf, EXPIRABLE_ACCESS_TOKEN, parseSecureUrl, sageRequest, type SageConnection } from '../../shared/transport';

export const SDMO_CREDENTIAL_TYPE = 'sageDmoApi';

/** A node run, a parameter list being loaded, or the trigger's poll (which reads its parameters itself: targetOf is for runs). */
export type SdmoContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export interface SdmoUrls {
	invalidateToken?: string;
	apps: Record<string, { graphQL?: string }>;
}

function parseUrls(value: unknown): SdmoUrls | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	try {
		const parsed = JSON.parse(value) as IDataObject;
		if (!parsed || typeof parsed !== 'object' || !parsed.apps || typeof parsed.apps !== 'object') return undefined;
		return parsed as unknown as SdmoUrls;
	} catch {
		return undefined;
	}
}

/** Sage DMO's customer entity: the Customer resource is the Entity resource with this entity preset. */
export const CUSTOMER_ENTITY_KEY = 'xtremMasterData.customer';

/** An xtrem entity path such as xtremMasterData.supplier. */
const ENTITY_PATH = /^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)+$/;

/** The app and entity a record operation works on for one item. */
export interface RecordTarget {
	app: string;
	/** Entity key, e.g. xtremMasterData.customer. */
	entityKey: string;
}

/**
 * Everything one run needs to talk to Sage DMO, built once by the router (or a list method): the
 * credential's connection, its token URL, the app URLs of its token answer, and the entity each
 * item works on, read from the run's schema of the app.
 */
export class SdmoSession extends RunSession<SdmoContext> {
	private constructor(
		context: SdmoContext,
		readonly connection: SageConnection,
		readonly tokenUrl: URL,
		private readonly storedUrls: () => unknown,
	) {
		super(context);
	}

	static async open(context: SdmoContext): Promise<SdmoSession> {
		const node = context.getNode();
		const credential = await credentialSession.call(context, SDMO_CREDENTIAL_TYPE, EXPIRABLE_ACCESS_TOKEN);
		const credentials = credential.data;
		const tokenUrl = parseSecureUrl(node, tokenUrlOf(credentials), 'The credential\'s Token URL');
		const connection: SageConnection = {
			credentialType: SDMO_CREDENTIAL_TYPE,
			allowedUrls: allowedUrlsFor(tokenUrl),
			token: EXPIRABLE_ACCESS_TOKEN,
			retry: rateLimitBudgetOf(credentials),
			unauthorizedHint: 'Sage DMO refused the access token even after fetching a new one; check the credential',
		};
		return new SdmoSession(context, connection, tokenUrl, () => credential.data.urls);
	}

	/** The app URLs of the token answer, read on each call: a token refresh mid-run may store new ones. */
	async urls(): Promise<SdmoUrls> {
		const { node } = this;
		const stored = parseUrls(this.storedUrls());
		if (stored) return stored;
		// The app URLs come only with a token. A credential that never fetched one has none: any
		// request makes the run fetch (and n8n store) a token first. That request itself goes to the
		// token URL's host and its answer does not matter.
		try {
			await sageRequest.call(this.context, this.connection, { method: 'HEAD', url: this.tokenUrl.toString(), action: 'Fetching a Sage DMO access token' });
		} catch (error) {
			const fresh = parseUrls(this.storedUrls());
			if (fresh) return fresh;
			// Already a NodeApiError from the transport: the constructor hands it back unchanged.
			throw new NodeApiError(node, error as JsonObject);
		}
		const fresh = parseUrls(this.storedUrls());
		if (fresh) return fresh;
		throw new NodeOperationError(node, 'The Sage DMO token response listed no app URLs', {
			description: 'The credential fetched a token, but the answer had no "urls.apps" block to find the GraphQL endpoints in.',
		});
	}

	/** The GraphQL URL of an app listed in the token response, checked against the host guard. */
	async appGraphqlUrl(app: string, itemIndex?: number): Promise<string> {
		const { node } = this;
		const urls = await this.urls();
		const name = String(app ?? '').trim();
		if (!name) throw new NodeOperationError(node, '"App" must not be empty', { itemIndex, description: `Apps of this tenant: ${Object.keys(urls.apps).join(', ')}` });
		const url = urls.apps[name]?.graphQL;
		if (typeof url !== 'string' || url === '') {
			throw new NodeOperationError(node, `The tenant has no app "${name}"`, {
				itemIndex,
				description: `Apps listed in the token response: ${Object.keys(urls.apps).join(', ') || 'none'}`,
			});
		}
		return assertUrlAllowed(node, url, this.connection.allowedUrls, `The GraphQL URL of app "${name}"`, itemIndex).toString();
	}

	/** Entities of an app's schema (xtrem), introspected once per run. */
	async entitiesOf(app: string, itemIndex?: number): Promise<EntityDescriptor[]> {
		const entities = await schemaEntities.call(this.context, {
			connection: this.connection,
			key: `app:${app}`,
			url: async () => await this.appGraphqlUrl(app, itemIndex),
			action: `Reading the schema of app "${app}"`,
			itemIndex,
		});
		return entities.filter((entity) => entity.filterDialect === 'xtrem');
	}

	/** App and entity of an item: the preset customer entity for Customer, the "Entity" parameter for Entity. */
	targetOf(itemIndex: number): RecordTarget {
		const app = String(this.parameter('app', itemIndex, 'sdmo') ?? '').trim();
		if (!app) throw new NodeOperationError(this.node, '"App" must not be empty (for example sdmo or shopfloor)', { itemIndex });
		if (this.parameter('resource', 0) === 'customer') return { app, entityKey: CUSTOMER_ENTITY_KEY };
		const entityKey = String(this.parameter('entity', itemIndex, '') ?? '').trim();
		if (!ENTITY_PATH.test(entityKey)) {
			throw new NodeOperationError(this.node, `"Entity" must be an entity path such as xtremMasterData.supplier (got ${JSON.stringify(entityKey)})`, {
				itemIndex,
			});
		}
		return { app, entityKey };
	}

	/** The entity of a target, from the run's schema of its app. */
	async entityOf(target: RecordTarget, itemIndex: number): Promise<EntityDescriptor> {
		const { node } = this;
		const { app, entityKey: key } = target;
		if (typeof key !== 'string' || key.trim() === '') {
			throw new NodeOperationError(node, '"Entity" must not be empty', { itemIndex, description: 'Pick an entity, or enter its path such as xtremMasterData.customer.' });
		}
		if (!ENTITY_PATH.test(key.trim())) {
			throw new NodeOperationError(node, `"Entity" must be a dot-separated path such as xtremMasterData.customer (got "${key}")`, { itemIndex });
		}
		const entities = await this.entitiesOf(app, itemIndex);
		const entity = entities.find((candidate) => candidate.key === key.trim());
		if (!entity) {
			throw new NodeOperationError(node, `App "${app}" has no entity "${key}"`, {
				itemIndex,
				description: `Entities found: ${entities.map((candidate) => candidate.key).slice(0, 30).join(', ')}`,
			});
		}
		return entity;
	}
}
