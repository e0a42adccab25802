// pg-graphql-authenticated-table-exposed (splinter 0027): with pg_graphql installed, authenticated can see a
// relation in GraphQL.
import { graphqlExposed } from './graphql-exposed.js';

export const pgGraphqlAuthenticatedTableExposed = graphqlExposed(
  'authenticated',
  '0027_pg_graphql_authenticated_table_exposed',
);
