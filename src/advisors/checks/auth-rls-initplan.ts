// auth-rls-initplan (splinter 0003): a policy calls auth.uid()/jwt()/role()/email() or current_setting() per row.
import { list, member, quoted, relation, words } from '../names.js';
import type { Advisor } from '../types.js';

/** The calls Postgres evaluates once per row unless a scalar subquery (`(select auth.uid())`) wraps them. */
const CALL = String.raw`(auth\.(?:uid|jwt|role|email)\(\)|current_setting\()`;

export const authRlsInitplan: Advisor = {
  id: 'auth-rls-initplan',
  lint: '0003_auth_rls_initplan',
  level: 'warn',
  category: 'performance',
  // pg_get_expr prints (select auth.uid()) as "( select auth.uid() as uid)" and (select auth.jwt() ->> 'x') as
  // "( select (auth.jwt() ->> 'x'::text))": a call right after "select" and opening parentheses is wrapped; any
  // other is not. Policies on realtime.messages are the user's too (Broadcast and Presence authorization).
  sql: `
select p.schema_name, p.table_name as object_name, p.polname as sub_name,
       jsonb_build_object('calls', c.calls) as detail
  from pol p
 cross join lateral (
   select array(
     select distinct m[1]
       from regexp_matches(
              regexp_replace(coalesce(p.using_expr, '') || ' ' || coalesce(p.check_expr, ''),
                             'select \\(*${CALL}', 'select wrapped', 'g'),
              '${CALL}', 'g') m
      order by 1) as calls
 ) c
 where p.relrowsecurity and (not p.platform or p.schema_name = 'realtime') and cardinality(c.calls) > 0`,
  help: 'Wrap the call in a scalar subquery, e.g. `(select auth.uid()) = user_id`: Postgres then evaluates it once per query (an InitPlan) instead of once per row.',
  advise(row) {
    const calls = list(row, 'calls').map((c) => (c === 'current_setting(' ? 'current_setting()' : c));
    const example = calls[0] === 'current_setting()' ? 'current_setting(…)' : calls[0];
    return {
      object: member(row),
      message: `Policy ${quoted(row.sub_name ?? '')} on ${relation(row)} calls ${words(calls)} once per row; wrap ${calls.length > 1 ? 'each call' : 'it'} in a subquery, e.g. (select ${example}), so Postgres evaluates it once per query.`,
      anchor: { kind: 'policy', schema: row.schema_name, table: row.object_name, name: row.sub_name ?? '' },
      mentions: [quoted(row.sub_name ?? ''), relation(row)],
    };
  },
};
