// unused-index (splinter 0005): an index no query has used since statistics were last reset.
import { display, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const unusedIndex: Advisor = {
  id: 'unused-index',
  lint: '0005_unused_index',
  level: 'info',
  category: 'performance',
  // On a database a replay has just built every index has 0 scans: only meaningful on one read as it is.
  needsStatistics: true,
  sql: `
select r.schema_name, r.object_name, s.indexrelname as sub_name, null::jsonb as detail
  from pg_stat_user_indexes s
  join pg_index i on i.indexrelid = s.indexrelid
  join rel r on r.oid = s.relid
 where s.idx_scan = 0 and not i.indisunique and not i.indisprimary`,
  help: 'Drop the index if no query needs it (`drop index concurrently …`): it slows every write and takes space. Check first that statistics cover a representative period of traffic (pg_stat_reset clears them).',
  advise(row) {
    const index = display({ schema: row.schema_name, name: row.sub_name ?? '' });
    return {
      object: index,
      message: `Index ${index} on ${relation(row)} has never been used since statistics were last reset; drop it if no query needs it.`,
      anchor: { kind: 'index', schema: row.schema_name, name: row.sub_name ?? '' },
      mentions: [index],
    };
  },
};
