// The auth shim on every target: realistic migrations that read auth.jwt()'s aal, auth.mfa_factors and
// auth.sessions apply unchanged, and their policies answer as on Supabase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { asUser, failure } from './platform-helpers.js';
import { TARGETS } from './targets.js';

const ALICE = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b2';
const ALICE_SESSION = '00000000-0000-4000-8000-00000000a5e5';
const BOB_SESSION = '00000000-0000-4000-8000-00000000b5e5';

// What a team writes: a table only readable at aal2 by users who enrolled a verified factor, a view of the
// user's own sessions, and a function that signs a user out of other devices.
const MIGRATION = `
create table public.invoices (
  id bigint generated always as identity primary key,
  owner uuid not null references auth.users (id) on delete cascade,
  amount_cents integer not null
);
alter table public.invoices enable row level security;

-- authenticated cannot read auth.mfa_factors on Supabase: the lookup runs as the function's owner.
create function public.mfa_is_required()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from auth.mfa_factors where user_id = (select auth.uid()) and status = 'verified'
  )
$$;
create policy "owners read invoices, at aal2 once they enrolled MFA" on public.invoices
  as restrictive for select to authenticated
  using ((select auth.jwt() ->> 'aal') = 'aal2' or not (select public.mfa_is_required()));
create policy "owners see their invoices" on public.invoices
  for select to authenticated using (owner = (select auth.uid()));

create view public.my_sessions with (security_invoker = off) as
  select s.id, s.aal, s.user_agent, u.email
    from auth.sessions s join auth.users u on u.id = s.user_id
   where s.user_id = auth.uid();
grant select on public.my_sessions to authenticated;

create function public.sign_out_other_sessions()
returns integer
language plpgsql
security definer
set search_path = ''
as $$
declare
  n integer;
begin
  delete from auth.sessions
   where user_id = auth.uid() and id <> ((auth.jwt() ->> 'session_id')::uuid);
  get diagnostics n = row_count;
  return n;
end
$$;
grant execute on function public.sign_out_other_sessions() to authenticated;

create function public.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.invoices (owner, amount_cents) values (new.id, 100);
  return new;
end
$$;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function public.handle_new_user();
`;

const SEED = `
insert into auth.users (id, aud, role, email, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('${ALICE}', 'authenticated', 'authenticated', 'alice@example.com', '{"provider":"email"}', '{}', now(), now()),
       ('${BOB}', 'authenticated', 'authenticated', 'bob@example.com', '{"provider":"email"}', '{}', now(), now());
insert into auth.identities (provider_id, user_id, identity_data, provider)
values ('${ALICE}', '${ALICE}', '{"sub":"${ALICE}","email":"Alice@Example.com"}', 'email');
insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at)
values (gen_random_uuid(), '${ALICE}', 'phone app', 'totp', 'verified', now(), now());
insert into auth.sessions (id, user_id, aal, user_agent, created_at)
values ('${ALICE_SESSION}', '${ALICE}', 'aal2', 'firefox', now()),
       (gen_random_uuid(), '${ALICE}', 'aal1', 'curl', now()),
       ('${BOB_SESSION}', '${BOB}', 'aal1', 'safari', now());
insert into auth.refresh_tokens (token, user_id, session_id, revoked)
values ('t-alice', '${ALICE}', '${ALICE_SESSION}', false), ('t-bob', '${BOB}', '${BOB_SESSION}', false);
insert into auth.mfa_amr_claims (id, session_id, authentication_method, created_at, updated_at)
values (gen_random_uuid(), '${ALICE_SESSION}', 'totp', now(), now());
`;

const claims = (sub: string, aal: string, session: string) => ({
  sub,
  role: 'authenticated',
  aal,
  session_id: session,
});

for (const target of TARGETS) {
  describe.skipIf(target.skip)(`auth shim on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
      await db.exec(MIGRATION);
      await db.exec(SEED);
    });
    afterAll(async () => {
      await db?.close();
    });

    it('holds every table GoTrue creates, with RLS where the service enables it', async () => {
      const { rows } = await db.query<{ relname: string; rls: boolean; owner: string }>(
        `select c.relname, c.relrowsecurity as rls, pg_get_userbyid(c.relowner) as owner from pg_class c
          where c.relnamespace = 'auth'::regnamespace and c.relkind = 'r' order by 1`,
      );
      const off = ['custom_oauth_providers', 'oauth_authorizations', 'oauth_client_states', 'oauth_clients'];
      off.push('oauth_consents', 'webauthn_challenges', 'webauthn_credentials');
      expect(rows.map((r) => r.relname)).toEqual([
        'audit_log_entries',
        'custom_oauth_providers',
        'flow_state',
        'identities',
        'instances',
        'mfa_amr_claims',
        'mfa_challenges',
        'mfa_factors',
        'oauth_authorizations',
        'oauth_client_states',
        'oauth_clients',
        'oauth_consents',
        'one_time_tokens',
        'refresh_tokens',
        'saml_providers',
        'saml_relay_states',
        'schema_migrations',
        'sessions',
        'sso_domains',
        'sso_providers',
        'users',
        'webauthn_challenges',
        'webauthn_credentials',
      ]);
      expect(rows.filter((r) => !r.rls).map((r) => r.relname)).toEqual(off);
      expect(new Set(rows.map((r) => r.owner))).toEqual(new Set(['supabase_auth_admin']));
      const enums = await db.query<{ typname: string; labels: string }>(
        `select t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) as labels
           from pg_type t join pg_enum e on e.enumtypid = t.oid
          where t.typnamespace = 'auth'::regnamespace group by 1 order by 1`,
      );
      expect(enums.rows).toEqual([
        { typname: 'aal_level', labels: 'aal1,aal2,aal3' },
        { typname: 'code_challenge_method', labels: 's256,plain' },
        { typname: 'factor_status', labels: 'unverified,verified' },
        { typname: 'factor_type', labels: 'totp,webauthn,phone' },
        { typname: 'oauth_authorization_status', labels: 'pending,approved,denied,expired' },
        { typname: 'oauth_client_type', labels: 'public,confidential' },
        { typname: 'oauth_registration_type', labels: 'dynamic,manual' },
        { typname: 'oauth_response_type', labels: 'code' },
        {
          typname: 'one_time_token_type',
          labels:
            'confirmation_token,reauthentication_token,recovery_token,email_change_token_new,email_change_token_current,phone_change_token',
        },
      ]);
    });

    it('fills generated columns and defaults as GoTrue does', async () => {
      const { rows } = await db.query<{ email: string; id: string; seq: boolean }>(
        `select i.email, (select count(*) = 2 from auth.refresh_tokens where id > 0) as seq, i.user_id as id
           from auth.identities i`,
      );
      expect(rows).toEqual([{ email: 'alice@example.com', seq: true, id: ALICE }]);
      const trigger = await db.query<{ owner: string; amount_cents: number }>(
        'select owner, amount_cents from public.invoices order by owner',
      );
      expect(trigger.rows).toEqual([
        { owner: ALICE, amount_cents: 100 },
        { owner: BOB, amount_cents: 100 },
      ]);
    });

    it('hides invoices from an enrolled user at aal1 and shows them at aal2', async () => {
      const sql = 'select owner, amount_cents from public.invoices order by id';
      expect(await asUser(db, claims(ALICE, 'aal1', ALICE_SESSION), sql)).toEqual([]);
      expect(await asUser(db, claims(ALICE, 'aal2', ALICE_SESSION), sql)).toEqual([
        { owner: ALICE, amount_cents: 100 },
      ]);
      // Bob has no verified factor: aal1 is enough.
      expect(await asUser(db, claims(BOB, 'aal1', BOB_SESSION), sql)).toEqual([
        { owner: BOB, amount_cents: 100 },
      ]);
    });

    it('joins auth.sessions with auth.users for the signed-in user only', async () => {
      const rows = await asUser(
        db,
        claims(ALICE, 'aal2', ALICE_SESSION),
        'select aal, user_agent, email from public.my_sessions order by user_agent',
      );
      expect(rows).toEqual([
        { aal: 'aal1', user_agent: 'curl', email: 'alice@example.com' },
        { aal: 'aal2', user_agent: 'firefox', email: 'alice@example.com' },
      ]);
    });

    it('keeps auth tables closed to the API roles, as on Supabase', async () => {
      const denied = await failure(() =>
        asUser(db, claims(ALICE, 'aal2', ALICE_SESSION), 'select id from auth.sessions'),
      );
      expect(denied.code).toBe('42501');
      // The MFA policy of Supabase's docs, reading auth.mfa_factors as the caller, fails there too (supabase/auth#944).
      await db.exec(`create table public.docs_example (id int);
alter table public.docs_example enable row level security;
grant select on public.docs_example to authenticated;
create policy docs on public.docs_example as restrictive to authenticated using (
  array[(select auth.jwt() ->> 'aal')] <@ (
    select case when count(id) > 0 then array['aal2'] else array['aal1', 'aal2'] end
      from auth.mfa_factors where (select auth.uid()) = user_id and status = 'verified'));
create policy everyone on public.docs_example for select to authenticated using (true);
insert into public.docs_example values (1);`);
      const docs = await failure(() =>
        asUser(db, claims(ALICE, 'aal2', ALICE_SESSION), 'select id from public.docs_example'),
      );
      expect(docs).toEqual({ code: '42501', message: 'permission denied for table mfa_factors' });
    });

    it('signs a user out of other sessions, cascading to refresh tokens and AMR claims', async () => {
      const rows = await asUser<{ n: number }>(
        db,
        claims(ALICE, 'aal2', ALICE_SESSION),
        'select public.sign_out_other_sessions() as n',
      );
      expect(rows).toEqual([{ n: 1 }]);
      const left = await db.query<{ user_agent: string }>(
        'select user_agent from auth.sessions order by user_agent',
      );
      expect(left.rows).toEqual([{ user_agent: 'firefox' }, { user_agent: 'safari' }]);
      await db.exec(`delete from auth.users where id = '${BOB}'`);
      const tokens = await db.query<{ token: string }>(
        'select token from auth.refresh_tokens order by token',
      );
      expect(tokens.rows).toEqual([{ token: 't-alice' }]);
      const amr = await db.query<{ n: number }>('select count(*)::int as n from auth.mfa_amr_claims');
      expect(amr.rows).toEqual([{ n: 1 }]);
    });

    it('enforces GoTrue unique indexes and checks', async () => {
      const duplicate = await failure(() =>
        db.exec(
          `insert into auth.users (id, email) values ('00000000-0000-4000-8000-0000000000c3', 'alice@example.com')`,
        ),
      );
      expect(duplicate.code).toBe('23505');
      expect(duplicate.message).toContain('users_email_partial_key');
      // SSO users may share an email.
      await db.exec(
        `insert into auth.users (id, email, is_sso_user) values ('00000000-0000-4000-8000-0000000000c4', 'alice@example.com', true)`,
      );
      const check = await failure(() =>
        db.exec(
          `insert into auth.one_time_tokens (id, user_id, token_type, token_hash, relates_to) values (gen_random_uuid(), '${ALICE}', 'recovery_token', '', 'x')`,
        ),
      );
      expect(check.code).toBe('23514');
      expect(check.message).toContain('one_time_tokens_token_hash_check');
    });
  });
}
