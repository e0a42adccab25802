// unindexed-foreign-keys (splinter 0001): a foreign key whose columns lead no index of its table.
import { list, member, relation, text } from '../names.js';
import type { Advisor } from '../types.js';

export const unindexedForeignKeys: Advisor = {
  id: 'unindexed-foreign-keys',
  lint: '0001_unindexed_foreign_keys',
  level: 'info',
  category: 'performance',
  // An index serves the key when its first columns are the key's, in any order (equality lookups do not care),
  // as the static rule reads it; splinter compares in order. Inherited keys of partitions are their parent's.
  sql: `
select r.schema_name, r.object_name, k.conname as sub_name,
       jsonb_build_object(
         'columns', array(
           select a.attname from unnest(k.conkey) with ordinality u(attnum, i)
             join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
            order by u.i),
         'references', k.confrelid::regclass::text) as detail
  from pg_constraint k
  join rel r on r.oid = k.conrelid
 where k.contype = 'f' and k.conparentid = 0
   and not exists (
     select 1 from pg_index i
      where i.indrelid = k.conrelid and i.indisvalid
        -- int2vector subscripts start at 0.
        and (select array_agg(x order by x) from unnest(i.indkey[0:cardinality(k.conkey) - 1]) x)
          = (select array_agg(x order by x) from unnest(k.conkey) x))`,
  help: 'Index the referencing columns (`create index on child (parent_id)`): deletes and updates on the parent, and joins, otherwise scan the whole child table.',
  advise(row) {
    const key = `${relation(row)}(${list(row, 'columns').join(', ')})`;
    return {
      object: member(row),
      message: `Foreign key ${key} has no index starting with its columns, so deletes on ${text(row, 'references')} scan ${relation(row)}; add create index on ${relation(row)} (${list(row, 'columns').join(', ')}).`,
      anchor: {
        kind: 'constraint',
        schema: row.schema_name,
        table: row.object_name,
        name: row.sub_name ?? '',
      },
      mentions: [key],
    };
  },
};
