// duplicate-index (splinter 0009): two or more indexes of one table with the same definition.
import { display, relation, text } from '../names.js';
import type { Advisor } from '../types.js';

export const duplicateIndex: Advisor = {
  id: 'duplicate-index',
  lint: '0009_duplicate_index',
  level: 'warn',
  category: 'performance',
  // The same definition, compared field by field rather than as indexdef text without the name (a name that needs
  // quotes would defeat the text): columns and INCLUDE columns, operator classes, collations, orderings,
  // uniqueness, method, expressions and predicate. The oldest index (lowest oid) is the one kept.
  sql: `
select r.schema_name, r.object_name, x.index_name as sub_name,
       jsonb_build_object('kept', x.kept, 'constraint', x.conname) as detail
  from (
    select i.indrelid, ci.relname as index_name, con.conname,
           first_value(ci.relname) over w as kept, row_number() over w as n
      from pg_index i
      join pg_class ci on ci.oid = i.indexrelid
      left join pg_constraint con
        on con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x')
    window w as (
      partition by i.indrelid, i.indkey::text, i.indnkeyatts, i.indclass::text, i.indcollation::text,
                   i.indoption::text, i.indisunique, ci.relam, pg_get_expr(i.indexprs, i.indrelid),
                   pg_get_expr(i.indpred, i.indrelid)
      order by i.indexrelid)
  ) x
  join rel r on r.oid = x.indrelid
 where x.n > 1 and r.relkind in ('r', 'p', 'm')`,
  help: 'Drop the extra index (`drop index concurrently …`): every copy slows writes and takes space without speeding up any query.',
  advise(row) {
    const name = row.sub_name ?? '';
    const index = display({ schema: row.schema_name, name });
    const what = text(row, 'constraint') ? `Constraint ${text(row, 'constraint')}` : `Index ${index}`;
    return {
      object: index,
      message: `${what} on ${relation(row)} duplicates index ${display({ schema: row.schema_name, name: text(row, 'kept') })}; drop one of them.`,
      anchor: { kind: 'index', schema: row.schema_name, name },
      mentions: [relation(row), name],
    };
  },
};
