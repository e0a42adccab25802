// policy-exists-rls-disabled (splinter 0007): a table with policies whose row level security is off.
import { list, quoted, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const policyExistsRlsDisabled: Advisor = {
  id: 'policy-exists-rls-disabled',
  lint: '0007_policy_exists_rls_disabled',
  level: 'error',
  category: 'security',
  sql: `
select r.schema_name, r.object_name, null as sub_name,
       jsonb_build_object('policies', array(
         select p.polname from pg_policy p where p.polrelid = r.oid order by p.polname)) as detail
  from rel r
 where r.relkind in ('r', 'p') and not r.relrowsecurity
   and exists (select 1 from pg_policy p where p.polrelid = r.oid)`,
  help: 'Policies do nothing until row level security is on: run `alter table … enable row level security` (policies written in another migration count once RLS is enabled anywhere).',
  advise(row) {
    const policies = list(row, 'policies');
    const many = policies.length > 1;
    return {
      object: relation(row),
      message: `Table ${relation(row)} has ${many ? 'policies' : 'policy'} ${policies.map(quoted).join(', ')} but row level security is disabled, so ${many ? 'they are' : 'it is'} ignored and every role with table privileges sees all rows; enable row level security on ${relation(row)}.`,
      anchor: { kind: 'rls-or-policy', schema: row.schema_name, name: row.object_name },
      mentions: [relation(row)],
    };
  },
};
