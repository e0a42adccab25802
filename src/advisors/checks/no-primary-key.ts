// no-primary-key (splinter 0004): a table without a primary key.
import { relation } from '../names.js';
import type { Advisor } from '../types.js';

export const noPrimaryKey: Advisor = {
  id: 'no-primary-key',
  lint: '0004_no_primary_key',
  level: 'info',
  category: 'performance',
  // Partitioned tables too, as the static rule reads them (splinter looks at plain tables only).
  sql: `
select r.schema_name, r.object_name, null as sub_name, null::jsonb as detail
  from rel r
 where r.relkind in ('r', 'p')
   and not exists (select 1 from pg_index i where i.indrelid = r.oid and i.indisprimary)`,
  help: 'Add a primary key, e.g. `id bigint generated always as identity primary key`: Realtime, replication and ORMs identify rows by it.',
  advise(row) {
    return {
      object: relation(row),
      message: `Table ${relation(row)} has no primary key; add one so every row can be identified.`,
      anchor: { kind: 'table', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
