// foreign-table-in-api (splinter 0017): an API-readable foreign table (no row level security applies).
import { readers, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const foreignTableInApi: Advisor = {
  id: 'foreign-table-in-api',
  lint: '0017_foreign_table_in_api',
  level: 'warn',
  category: 'security',
  sql: `
select r.schema_name, r.object_name, null as sub_name, jsonb_build_object('readers', r.readers) as detail
  from rel r
 where r.relkind = 'f' and r.in_api and cardinality(r.readers) > 0`,
  help: 'Foreign tables have no row level security: revoke select on it from anon and authenticated, or move it to a schema the Data API does not expose.',
  advise(row) {
    return {
      object: relation(row),
      message: `Foreign table ${relation(row)} is readable by ${readers(row)} through the Data API, and no row level security applies to it; revoke select on it from the API roles or move it out of the exposed schema.`,
      anchor: { kind: 'relation', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
