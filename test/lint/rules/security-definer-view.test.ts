import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'security-definer-view';
const TABLE =
  'create table public.orders (id bigint primary key, customer uuid, total numeric);\nalter table public.orders enable row level security;\n';

describe(RULE, () => {
  it('flags a public view without security_invoker', async () => {
    await expectFindings(
      `${TABLE}create view public.totals as select customer, sum(total) from public.orders group by 1;`,
      RULE,
      [
        {
          line: 3,
          column: 1,
          message:
            "View public.totals runs with its owner's rights, so anon and authenticated read its tables past their row level security; create it with (security_invoker = on) or revoke select on it from the API roles.",
        },
      ],
    );
  });

  it('flags a view whose security_invoker a later ALTER VIEW switches off', async () => {
    await expectFindings(
      {
        '00001_a.sql': `${TABLE}create view totals with (security_invoker = on) as select id from public.orders;`,
        '00002_b.sql': 'alter view totals set (security_invoker = false);',
      },
      RULE,
      [{ file: '00001_a.sql', line: 3, column: 1 }],
    );
  });

  it('flags a view granted to authenticated after revoking the defaults', async () => {
    await expectFindings(
      `${TABLE}create view public.v as select id from public.orders;\nrevoke all on public.v from anon, authenticated;\ngrant select on public.v to authenticated;`,
      RULE,
      [{ line: 3, column: 1 }],
    );
  });

  it('accepts security_invoker set at creation or by a later ALTER VIEW', async () => {
    await expectClean(
      {
        '00001_a.sql': `${TABLE}create view a with (security_invoker = on) as select id from public.orders;\ncreate view b with (security_invoker) as select id from public.orders;\ncreate view c as select id from public.orders;`,
        '00002_b.sql': 'alter view c set (security_invoker = true);',
      },
      RULE,
    );
  });

  it('accepts views the API roles cannot select, in private schemas, and materialized views', async () => {
    await expectClean(
      `${TABLE}create view public.a as select id from public.orders;
revoke select on public.a from anon, authenticated;
create schema private;
create view private.b as select id from public.orders;
create materialized view public.c as select id from public.orders;`,
      RULE,
    );
  });

  it('reports nothing before Postgres 15, where views cannot be security invoker', async () => {
    await expectClean(`${TABLE}create view public.a as select id from public.orders;`, RULE, {
      settings: { pgVersion: 14 },
    });
  });
});
