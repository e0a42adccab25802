// table-bloat (splinter 0020): a table whose pages hold far more space than its rows need.
import { relation, text } from '../names.js';
import type { Advisor } from '../types.js';

const MB = 1024 * 1024;

export const tableBloat: Advisor = {
  id: 'table-bloat',
  lint: '0020_table_bloat',
  level: 'info',
  category: 'performance',
  // An estimate from the planner's statistics (reltuples, pg_stats.avg_width): a replayed database has none of
  // them, so only a database read as it is gets this check. Per row: a 24-byte header (with alignment) and a
  // 4-byte line pointer; per page: a 24-byte header and the table's fillfactor. splinter's thresholds: more than
  // 70% of the table wasted, and more than 20 MB.
  needsStatistics: true,
  sql: `
select b.schema_name, b.object_name, null as sub_name,
       jsonb_build_object('wasted', b.wasted, 'percent', round(100.0 * b.wasted / b.size)) as detail
  from (
    select r.schema_name, r.object_name, c.relpages::bigint * current_setting('block_size')::bigint as size,
           (c.relpages - ceil(c.reltuples * (28 + coalesce((
              select sum(s.avg_width) from pg_stats s
               where s.schemaname = r.schema_name and s.tablename = r.object_name), 0))
             / ((current_setting('block_size')::int - 24) * coalesce((
              select substr(o, 12)::int from unnest(c.reloptions) o where o like 'fillfactor=%'), 100) / 100.0))
           )::bigint * current_setting('block_size')::bigint as wasted
      from rel r
      join pg_class c on c.oid = r.oid
     where r.relkind = 'r' and c.reltuples >= 0 and c.relpages > 0
  ) b
 where b.wasted > 20 * ${MB} and 100.0 * b.wasted / b.size > 70`,
  help: 'Reclaim the space with `vacuum full` (it locks the table) or pg_repack (online), then let autovacuum keep up: tune autovacuum_vacuum_scale_factor for tables with many updates or deletes.',
  advise(row) {
    const mb = Math.round(Number(text(row, 'wasted')) / MB);
    return {
      object: relation(row),
      message: `Table ${relation(row)} is about ${text(row, 'percent')}% bloat (${mb} MB its rows do not use); reclaim it with vacuum full or pg_repack.`,
      anchor: { kind: 'table', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
