// security-definer-view (splinter 0010): an API-readable view that runs with its owner's rights.
import { readers, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const securityDefinerView: Advisor = {
  id: 'security-definer-view',
  lint: '0010_security_definer_view',
  level: 'error',
  category: 'security',
  // security_invoker exists from Postgres 15; before that every view runs as its owner and nothing can be done.
  sql: `
select r.schema_name, r.object_name, null as sub_name, jsonb_build_object('readers', r.readers) as detail
  from rel r
 where r.relkind = 'v' and r.in_api and cardinality(r.readers) > 0 and not r.security_invoker
   and current_setting('server_version_num')::int >= 150000`,
  help: 'Create the view `with (security_invoker = on)` (Postgres 15+) so the RLS policies of the tables it reads apply to the caller, or revoke select on it from anon and authenticated.',
  advise(row) {
    return {
      object: relation(row),
      message: `View ${relation(row)} runs with its owner's rights, so ${readers(row)} read its tables past their row level security; create it with (security_invoker = on) or revoke select on it from the API roles.`,
      anchor: { kind: 'view', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
