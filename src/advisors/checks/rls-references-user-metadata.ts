// rls-references-user-metadata (splinter 0015): a policy trusts user_metadata from the JWT, which users can edit.
import { member, quoted, relation } from '../names.js';
import type { Advisor } from '../types.js';

export const rlsReferencesUserMetadata: Advisor = {
  id: 'rls-references-user-metadata',
  lint: '0015_rls_references_user_metadata',
  level: 'error',
  category: 'security',
  sql: `
select p.schema_name, p.table_name as object_name, p.polname as sub_name, null::jsonb as detail
  from pol p
 where not p.platform
   and exists (
     select 1 from unnest(array[p.using_expr, p.check_expr]) e
      where e like '%auth.jwt()%user\\_metadata%'
         or e like '%current\\_setting(%request.jwt.claims%)%user\\_metadata%')`,
  help: "Read claims users cannot change: `auth.jwt() -> 'app_metadata'` (set only by the service role or an auth hook), or a table of your own that only the service role writes.",
  advise(row) {
    return {
      object: member(row),
      message: `Policy ${quoted(row.sub_name ?? '')} on ${relation(row)} trusts user_metadata from the JWT, which every user can edit for themselves; base the check on app_metadata or on a table users cannot write.`,
      anchor: { kind: 'policy', schema: row.schema_name, table: row.object_name, name: row.sub_name ?? '' },
      mentions: [quoted(row.sub_name ?? ''), relation(row)],
    };
  },
};
