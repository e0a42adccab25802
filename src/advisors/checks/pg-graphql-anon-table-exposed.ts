// pg-graphql-anon-table-exposed (splinter 0026): with pg_graphql installed, anon can see a relation in GraphQL.
import { graphqlExposed } from './graphql-exposed.js';

export const pgGraphqlAnonTableExposed = graphqlExposed('anon', '0026_pg_graphql_anon_table_exposed');
