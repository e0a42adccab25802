// materialized-view-in-api (splinter 0016): an API-readable materialized view (no row level security applies).
import { readers, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const materializedViewInApi: Advisor = {
  id: 'materialized-view-in-api',
  lint: '0016_materialized_view_in_api',
  level: 'warn',
  category: 'security',
  sql: `
select r.schema_name, r.object_name, null as sub_name, jsonb_build_object('readers', r.readers) as detail
  from rel r
 where r.relkind = 'm' and r.in_api and cardinality(r.readers) > 0`,
  help: 'Materialized views have no row level security: revoke select on it from anon and authenticated, or move it to a schema the Data API does not expose and serve it through a function or a security_invoker view that filters rows.',
  advise(row) {
    return {
      object: relation(row),
      message: `Materialized view ${relation(row)} is readable by ${readers(row)} through the Data API, and no row level security applies to it; revoke select on it from the API roles or move it out of the exposed schema.`,
      anchor: { kind: 'view', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
