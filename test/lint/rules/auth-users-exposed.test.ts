import { describe, it } from 'vitest';
import { expectClean, expectFindings } from '../helpers.js';

const RULE = 'auth-users-exposed';

describe(RULE, () => {
  it('flags a public view over auth.users', async () => {
    await expectFindings('create view public.user_emails as select id, email from auth.users;', RULE, [
      {
        line: 1,
        column: 1,
        message:
          "View public.user_emails reads auth.users and anon or authenticated can select from it, and it runs with its owner's rights, so it exposes every user's email and metadata; move it out of the exposed schema or revoke select on it from the API roles.",
      },
    ]);
  });

  it('flags materialized views, security-invoker views and views reading auth.users through another view', async () => {
    await expectFindings(
      `create materialized view public.m as select id from auth.users;
create view public.i with (security_invoker = on) as select u.id from auth.users u join public.m on m.id = u.id;
create schema private;
create view private.inner_users as select id, email from auth.users;
create view public.outer_users as select * from private.inner_users;
alter table auth.users disable row level security;`,
      RULE,
      [
        {
          line: 1,
          column: 1,
          message:
            "Materialized view public.m reads auth.users and anon or authenticated can select from it, and materialized views have no row level security, so it exposes every user's email and metadata; move it out of the exposed schema or revoke select on it from the API roles.",
        },
        {
          line: 2,
          column: 1,
          message:
            "View public.i reads auth.users and anon or authenticated can select from it, and auth.users has no row level security, so it exposes every user's email and metadata; move it out of the exposed schema or revoke select on it from the API roles.",
        },
        { line: 5, column: 1 },
      ],
    );
  });

  it('accepts views in private schemas and views the API roles cannot select', async () => {
    await expectClean(
      {
        '00001_a.sql':
          'create schema private;\ncreate view private.u as select id from auth.users;\ncreate view public.v as select id from auth.users;',
        '00002_b.sql': 'revoke select on public.v from anon, authenticated;',
      },
      RULE,
    );
  });

  it('accepts public views that do not read auth.users', async () => {
    await expectClean(
      'create table public.profiles (id uuid primary key references auth.users (id));\ncreate view public.p with (security_invoker = on) as select id from public.profiles;',
      RULE,
    );
  });
});
