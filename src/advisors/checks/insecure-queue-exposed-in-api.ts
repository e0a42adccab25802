// insecure-queue-exposed-in-api (splinter 0019): a pgmq queue table without RLS while pgmq_public is exposed.
import { readers, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const insecureQueueExposedInApi: Advisor = {
  id: 'insecure-queue-exposed-in-api',
  lint: '0019_insecure_queue_exposed_in_api',
  level: 'error',
  category: 'security',
  // pgmq.create() adds its queue tables to the extension, so extension members are not skipped here.
  sql: `
select n.nspname as schema_name, c.relname as object_name, null as sub_name,
       jsonb_build_object('readers', array(
         select a.rolname from api_role a
          where has_table_privilege(a.oid, c.oid, 'SELECT') order by a.rolname)) as detail
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
 where 'pgmq_public' = any($1::text[])
   and n.nspname = 'pgmq' and c.relname like 'q\\_%' and c.relkind in ('r', 'p') and not c.relrowsecurity
   and exists (select 1 from api_role a where has_table_privilege(a.oid, c.oid, 'SELECT'))`,
  help: 'Enable row level security on the queue table (`alter table pgmq.q_… enable row level security`) and add policies for the roles that may send and read, or remove pgmq_public from [api] schemas if clients must not reach queues.',
  advise(row) {
    return {
      object: relation(row),
      message: `Queue table ${relation(row)} has no row level security while pgmq_public is exposed through the Data API, so ${readers(row)} can read and send its messages; enable row level security on it and add policies.`,
      anchor: { kind: 'table', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
