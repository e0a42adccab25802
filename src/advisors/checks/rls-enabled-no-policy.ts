// rls-enabled-no-policy (splinter 0008): row level security is on and no policy exists.
import { relation } from '../names.js';
import type { Advisor } from '../types.js';

export const rlsEnabledNoPolicy: Advisor = {
  id: 'rls-enabled-no-policy',
  lint: '0008_rls_enabled_no_policy',
  level: 'info',
  category: 'security',
  sql: `
select r.schema_name, r.object_name, null as sub_name, null::jsonb as detail
  from rel r
 where r.relkind in ('r', 'p') and r.relrowsecurity
   and not exists (select 1 from pg_policy p where p.polrelid = r.oid)`,
  help: 'Add a policy for each access the API should allow (`create policy … to authenticated using (…)`); with none, only service_role can use the table.',
  advise(row) {
    return {
      object: relation(row),
      message: `Row level security is enabled on ${relation(row)} but it has no policy, so anon and authenticated can neither read nor write it; add the policies you intend.`,
      anchor: { kind: 'rls', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
