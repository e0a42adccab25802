// What the API roles may do on each relation, as Postgres decides it for a request: has_table_privilege counts
// grants to PUBLIC and to roles anon/authenticated are members of, which a look at relacl alone would miss.
import type { Queryable } from '../db/database.js';
import { OWN_RELATIONS } from './read-tables.js';
import type { Privileges, TableAccess } from './types.js';

// A role that does not exist (a database without Supabase's roles) has a null oid: no privilege at all.
const privileges = (role: string) => `json_build_object(
  'select', coalesce(has_table_privilege(${role}, c.oid, 'SELECT'), false),
  'insert', coalesce(has_table_privilege(${role}, c.oid, 'INSERT'), false),
  'update', coalesce(has_table_privilege(${role}, c.oid, 'UPDATE'), false),
  'delete', coalesce(has_table_privilege(${role}, c.oid, 'DELETE'), false))`;

/** anon's and authenticated's table privileges on the relations readTables lists for `schemas`. */
export async function readAccess(db: Queryable, schemas: string[]): Promise<TableAccess[]> {
  const { rows } = await db.query<{
    schema: string;
    name: string;
    anon: Privileges;
    authenticated: Privileges;
  }>(
    `with api as (select (select oid from pg_roles where rolname = 'anon') as anon,
                         (select oid from pg_roles where rolname = 'authenticated') as authenticated)
     select n.nspname as schema, c.relname as name,
            ${privileges('api.anon')} as anon, ${privileges('api.authenticated')} as authenticated
       from pg_class c join pg_namespace n on n.oid = c.relnamespace cross join api
      where n.nspname = any($1::text[]) and ${OWN_RELATIONS}
      order by n.nspname, c.relname`,
    [schemas],
  );
  return rows;
}
