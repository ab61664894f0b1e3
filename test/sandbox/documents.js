'use strict';
/**
 * Parsed and validated GraphQL documents, remembered per schema and query text. Clients send the
 * same few queries again and again (a page, a batch of keys); parsing and validating each time
 * was a third of the sandbox's time per request, which a benchmark would blame on the client.
 */
const { parse, validate, GraphQLError } = require('graphql');

const MAX_ENTRIES = 500;
const cache = new WeakMap();

/** { document } or { syntaxError } (a GraphQLError from parse) or { validationErrors }. */
function checkedDocument(schema, query) {
	let bySchema = cache.get(schema);
	if (!bySchema) cache.set(schema, (bySchema = new Map()));
	let entry = bySchema.get(query);
	if (!entry) {
		try {
			const document = parse(query);
			const validationErrors = validate(schema, document);
			entry = validationErrors.length ? { validationErrors } : { document };
		} catch (error) {
			if (!(error instanceof GraphQLError)) throw error;
			entry = { syntaxError: error };
		}
		if (bySchema.size >= MAX_ENTRIES) bySchema.clear();
		bySchema.set(query, entry);
	}
	return entry;
}

module.exports = { checkedDocument };
