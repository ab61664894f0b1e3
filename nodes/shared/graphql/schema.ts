import type { SageConnection, SageContext } from '../transport';
import { perRun } from '../utils/node';
import { describeEntities, ENTITY_INTROSPECTION_QUERY, type EntityDescriptor, type IntrospectionData } from './entities';
import { executeGraphql } from './execute';

/** Per node run: the entities of each schema read, by schema key. */
const runSchemas = new WeakMap<object, Map<string, Promise<EntityDescriptor[]>>>();

export interface SchemaSource {
	connection: SageConnection;
	/** What names the schema in the run's cache: an X3 folder's URL, an SDMO app. */
	key: string;
	/** The GraphQL endpoint, asked for only when the schema was not read yet in this run. */
	url: () => Promise<string> | string;
	/** What the request is for, in Sage's errors: "Reading the Sage X3 folder schema". */
	action: string;
	itemIndex?: number;
}

/**
 * The entities of a Sage GraphQL schema, introspected once per node run and schema: the items of
 * a run share one introspection, the next run reads the schema again (it changes with releases
 * and customisations). A failed introspection is not kept: the next item asks again.
 */
export async function schemaEntities(this: SageContext, source: SchemaSource): Promise<EntityDescriptor[]> {
	const schemas = perRun(runSchemas, this, () => new Map<string, Promise<EntityDescriptor[]>>());
	let entities = schemas.get(source.key);
	if (!entities) {
		entities = (async () => {
			const result = await executeGraphql.call(this, source.connection, {
				url: await source.url(),
				query: ENTITY_INTROSPECTION_QUERY,
				isMutation: false,
				action: source.action,
				itemIndex: source.itemIndex,
			});
			return describeEntities(result.data as unknown as IntrospectionData);
		})();
		schemas.set(source.key, entities);
		entities.catch(() => schemas.delete(source.key));
	}
	return await entities;
}
