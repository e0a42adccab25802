// What splinter 0026 and 0027 share: a relation an API role can read shows up in pg_graphql's schema (its name,
// columns and relationships, through introspection), whatever row level security then lets it see.
import { relation, text } from '../names.js';
import type { Advisor } from '../types.js';

const KINDS: Record<string, string> = {
  r: 'Table',
  p: 'Table',
  v: 'View',
  m: 'Materialized view',
  f: 'Foreign table',
};

export function graphqlExposed(role: 'anon' | 'authenticated', lint: string): Advisor {
  return {
    id: `pg-graphql-${role}-table-exposed`,
    lint,
    level: 'warn',
    category: 'security',
    inventory: true,
    // Any column counts (a column grant is enough), and the schema must be usable: pg_graphql reflects only what
    // the role can reach.
    sql: `
select r.schema_name, r.object_name, null as sub_name, jsonb_build_object('kind', r.relkind) as detail
  from rel r
  join api_role a on a.rolname = '${role}'
 where exists (select 1 from pg_extension e where e.extname = 'pg_graphql')
   and has_schema_privilege(a.oid, r.relnamespace, 'USAGE')
   and has_any_column_privilege(a.oid, r.oid, 'SELECT')`,
    help: `If ${role} should not see it in GraphQL, revoke select on it from ${role}, or drop the pg_graphql extension if the project does not use GraphQL.`,
    advise(row) {
      return {
        object: relation(row),
        message: `${KINDS[text(row, 'kind')] ?? 'Relation'} ${relation(row)} is visible to ${role} in the GraphQL schema (pg_graphql is installed and ${role} can select from it), which shows its name and columns to ${role === 'anon' ? 'anyone with the anon key' : 'every signed-in user'}; revoke select from ${role} if that is not intended.`,
        anchor: { kind: 'relation', schema: row.schema_name, name: row.object_name },
        mentions: [relation(row)],
      };
    },
  };
}
