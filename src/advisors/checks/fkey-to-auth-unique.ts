// fkey-to-auth-unique (splinter 0021): a foreign key to a unique key of an auth table other than its primary key.
import { list, member, relation, text } from '../names.js';
import type { Advisor } from '../types.js';

export const fkeyToAuthUnique: Advisor = {
  id: 'fkey-to-auth-unique',
  lint: '0021_fkey_to_auth_unique',
  level: 'error',
  category: 'security',
  // The index a foreign key depends on (conindid) tells which key it references. The user's foreign keys only:
  // auth's own are Supabase's.
  sql: `
select n.nspname as schema_name, c.relname as object_name, k.conname as sub_name,
       jsonb_build_object(
         'references', k.confrelid::regclass::text,
         'columns', array(
           select a.attname from unnest(k.confkey) with ordinality u(attnum, i)
             join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum order by u.i)) as detail
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_class rc on rc.oid = k.confrelid
  join pg_namespace rn on rn.oid = rc.relnamespace
  join pg_index i on i.indexrelid = k.conindid
 where k.contype = 'f' and k.conparentid = 0 and rn.nspname = 'auth'
   and i.indisunique and not i.indisprimary and not (n.nspname = any($2::text[]))`,
  help: 'Reference the primary key (`references auth.users (id)`): Supabase Auth may change or drop its other unique constraints in an upgrade, which a foreign key would block or break.',
  advise(row) {
    const ref = text(row, 'references');
    return {
      object: member(row),
      message: `Foreign key ${row.sub_name} on ${relation(row)} references ${ref} (${list(row, 'columns').join(', ')}), a unique key that Supabase Auth owns and may change; reference the primary key of ${ref} instead.`,
      anchor: {
        kind: 'constraint',
        schema: row.schema_name,
        table: row.object_name,
        name: row.sub_name ?? '',
      },
      mentions: [row.sub_name ?? '', relation(row)],
    };
  },
};
