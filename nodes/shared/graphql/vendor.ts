// The only module that imports `graphql`: the build bundles it into this file, so the published
// package needs no runtime dependency.
export { GraphQLError, Kind, OperationTypeNode, parse, print, visit } from 'graphql';
export type {
	ArgumentNode,
	DocumentNode,
	FieldNode,
	OperationDefinitionNode,
	SelectionSetNode,
	VariableDefinitionNode,
} from 'graphql';
