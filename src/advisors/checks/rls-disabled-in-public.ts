// rls-disabled-in-public (splinter 0013): a table the Data API exposes without row level security.
import { readers, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const rlsDisabledInPublic: Advisor = {
  id: 'rls-disabled-in-public',
  lint: '0013_rls_disabled_in_public',
  level: 'error',
  category: 'security',
  // has_table_privilege counts grants to PUBLIC and through role membership, as PostgREST's roles see them.
  sql: `
select r.schema_name, r.object_name, null as sub_name, jsonb_build_object('readers', r.readers) as detail
  from rel r
 where r.relkind in ('r', 'p') and r.in_api and not r.relrowsecurity and cardinality(r.readers) > 0`,
  help: "Enable row level security (`alter table … enable row level security`) and add policies, or revoke the API roles' privileges if the table must stay private.",
  advise(row) {
    return {
      object: relation(row),
      message: `Table ${relation(row)} is exposed through the Data API without row level security, so ${readers(row)} can read every row (and change them where granted); enable row level security and add policies.`,
      anchor: { kind: 'rls', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
