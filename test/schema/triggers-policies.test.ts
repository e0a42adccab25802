// Triggers and policies: added, changed in place (a trigger enabled or disabled; a policy's roles, USING and WITH
// CHECK), re-created otherwise; the user's trigger on auth.users and policies on storage.objects, which live on the
// platform's tables; a policy created after the function and the other table it reads; and a database of every
// kind of this suite compared with an identical one. Each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain, withoutAnnotations as summary } from './harness.js';

const AVATARS = `create policy "avatar uploads" on storage.objects for insert to authenticated
  with check (bucket_id = 'avatars' and (storage.foldername(name))[1] = auth.uid()::text);`;

describe.each(TARGETS)('triggers and policies on $name', (target) => {
  it.skipIf(target.skip)('adds, re-creates, enables and disables, and drops triggers', async () => {
    const base = `create table public.t (id int primary key, n int, at timestamptz);
      create function public.touch() returns trigger language plpgsql as $$ begin new.at := now(); return new; end $$;`;
    const from = `${base}
      create trigger a before update on public.t for each row execute function public.touch();
      create trigger b before insert on public.t for each row execute function public.touch();
      create trigger c before delete on public.t for each row execute function public.touch();`;
    const to = `${base}
      create trigger a before insert or update on public.t for each row execute function public.touch();
      create trigger c before delete on public.t for each row execute function public.touch();
      alter table public.t disable trigger c;
      create trigger d after truncate on public.t for each statement execute function public.touch();
      alter table public.t enable always trigger d;`;
    const c = await diffCase(target, from, to);
    expect(summary(c)).toEqual([
      '~ trigger a on public.t: definition: CREATE TRIGGER a BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION publ... → CREATE TRIGGER a BEFORE INSERT OR UPDATE ON public.t FOR EACH ROW EXECUTE FUN...',
      '- trigger b on public.t',
      '~ trigger c on public.t: enabled: O → D',
      '+ trigger d on public.t',
    ]);
    expect(c.plan.statements).toEqual([
      'drop trigger a on public.t;',
      'drop trigger b on public.t;',
      'CREATE TRIGGER a BEFORE INSERT OR UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch();',
      'alter table public.t disable trigger c;',
      'CREATE TRIGGER d AFTER TRUNCATE ON public.t FOR EACH STATEMENT EXECUTE FUNCTION public.touch();',
      'alter table public.t enable always trigger d;',
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'the trigger on auth.users that calls public.handle_new_user, from an empty state',
    async () => {
      const to = `create table public.profiles (id uuid primary key references auth.users (id) on delete cascade);
      create function public.handle_new_user() returns trigger language plpgsql security definer set search_path = ''
        as $$ begin insert into public.profiles (id) values (new.id); return new; end $$;
      create trigger on_auth_user_created after insert on auth.users
        for each row execute function public.handle_new_user();`;
      const c = await diffCase(target, '', to);
      expect(summary(c)).toEqual([
        '+ column public.profiles.id',
        '+ constraint profiles_id_fkey on public.profiles',
        '+ constraint profiles_pkey on public.profiles',
        '+ function public.handle_new_user()',
        '+ table public.profiles',
        '+ trigger on_auth_user_created on auth.users',
      ]);
      expect(c.plan.statements).toEqual([
        'set local check_function_bodies = off;',
        'create table public.profiles (\n  id uuid not null\n);',
        'alter table public.profiles add constraint profiles_id_fkey FOREIGN KEY (id) REFERENCES auth.users(id) ON DELETE CASCADE;',
        'alter table public.profiles add constraint profiles_pkey PRIMARY KEY (id);',
        "CREATE OR REPLACE FUNCTION public.handle_new_user()\n RETURNS trigger\n LANGUAGE plpgsql\n SECURITY DEFINER\n SET search_path TO ''\nAS $function$ begin insert into public.profiles (id) values (new.id); return new; end $function$;",
        'CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION public.handle_new_user();',
      ]);
      // The platform's own triggers on storage.objects and storage.buckets are not the user's.
      expect([...c.to.objects.keys()].filter((id) => id.startsWith('trigger '))).toEqual([
        'trigger auth.users.on_auth_user_created',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)('a storage.objects policy added, changed and dropped', async () => {
    const changed = AVATARS.replace("'avatars'", "'photos'").replace(
      'to authenticated',
      'to authenticated, anon',
    );
    const check = (bucket: string) =>
      `((bucket_id = '${bucket}'::text) AND ((storage.foldername(name))[1] = (auth.uid())::text))`;
    const cut = (s: string) => `${s.slice(0, 77)}...`;
    const cases: [string, string, string[], string[]][] = [
      [
        '',
        AVATARS,
        ['+ policy "avatar uploads" on storage.objects'],
        [
          `create policy "avatar uploads" on storage.objects as permissive for insert to authenticated with check (${check('avatars')});`,
        ],
      ],
      [
        AVATARS,
        changed,
        [
          `~ policy "avatar uploads" on storage.objects: check: ${cut(check('avatars'))} → ${cut(check('photos'))}; roles: ["authenticated"] → ["anon","authenticated"]`,
        ],
        [
          `alter policy "avatar uploads" on storage.objects to anon, authenticated with check (${check('photos')});`,
        ],
      ],
      [
        changed,
        '',
        ['- policy "avatar uploads" on storage.objects'],
        ['drop policy "avatar uploads" on storage.objects;'],
      ],
    ];
    for (const [from, to, lines, statements] of cases) {
      const c = await diffCase(target, from, to);
      expect(summary(c)).toEqual(lines);
      expect(c.plan.statements).toEqual(statements);
      expect(c.verification.verified, explain(c)).toBe(true);
    }
  });

  it.skipIf(target.skip)(
    'policies: roles and USING in place, a removed WITH CHECK or a new command re-created',
    async () => {
      const base = `create table public.t (id int primary key, owner uuid, public boolean);
      alter table public.t enable row level security;`;
      const from = `${base}
      create policy "read own" on public.t for select to authenticated using (owner = auth.uid());
      create policy upd on public.t for update to authenticated using (owner = auth.uid()) with check (owner = auth.uid());
      create policy gone on public.t for delete using (false);
      create policy cmd on public.t for select using (public);`;
      const to = `${base}
      create policy "read own" on public.t for select to authenticated, anon using (owner = auth.uid() or public);
      create policy upd on public.t for update to authenticated using (owner = auth.uid());
      create policy cmd on public.t for all using (public);
      create policy "no anon" on public.t as restrictive for all to anon using (false) with check (false);`;
      const c = await diffCase(target, from, to);
      expect(summary(c)).toEqual([
        '~ policy cmd on public.t: command: select → all',
        '- policy gone on public.t',
        '+ policy "no anon" on public.t',
        '~ policy "read own" on public.t: roles: ["authenticated"] → ["anon","authenticated"]; using: (owner = auth.uid()) → ((owner = auth.uid()) OR public)',
        '~ policy upd on public.t: check: (owner = auth.uid()) → none',
      ]);
      expect(c.plan.statements).toEqual([
        'drop policy cmd on public.t;',
        'drop policy gone on public.t;',
        'drop policy upd on public.t;',
        'create policy cmd on public.t as permissive for all to public using (public);',
        'create policy "no anon" on public.t as restrictive for all to anon using (false) with check (false);',
        'alter policy "read own" on public.t to anon, authenticated using (((owner = auth.uid()) OR public));',
        'create policy upd on public.t as permissive for update to authenticated using ((owner = auth.uid()));',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a policy that calls a private function and reads another table comes after both',
    async () => {
      const to = `create schema private;
      create table public.members (org int, member uuid);
      create function private.is_member(o int) returns boolean language sql stable security definer set search_path = ''
        as $$ select exists (select 1 from public.members m where m.org = o and m.member = auth.uid()) $$;
      create table public.docs (id int primary key, org int); alter table public.docs enable row level security;
      create policy "members read" on public.docs for select to authenticated
        using (private.is_member(org) and exists (select 1 from public.members m where m.org = docs.org));`;
      const c = await diffCase(target, '', to);
      const policy = c.to.objects.get('policy public.docs.members read')!;
      expect(policy.deps.sort()).toEqual([
        'column public.docs.org',
        'column public.members.org',
        'function private.is_member(integer)',
        'table public.docs',
      ]);
      const at = (prefix: string) => c.plan.statements.findIndex((s) => s.startsWith(prefix));
      const created = at('create policy "members read" on public.docs');
      expect(at('create table public.members')).toBeLessThan(created);
      expect(at('CREATE OR REPLACE FUNCTION private.is_member')).toBeLessThan(created);
      expect(c.plan.statements[created]).toBe(
        'create policy "members read" on public.docs as permissive for select to authenticated using ((private.is_member(org) AND (EXISTS ( SELECT 1\n   FROM public.members m\n  WHERE (m.org = docs.org)))));',
      );
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'equal states with functions, views, triggers and policies give an empty diff',
    async () => {
      const state = `create schema private;
      create table public.profiles (id uuid primary key, name text, updated_at timestamptz);
      alter table public.profiles enable row level security;
      create function private.is_admin() returns boolean language sql stable security definer set search_path = ''
        as $$ select coalesce((auth.jwt() ->> 'role') = 'admin', false) $$;
      create function public.touch() returns trigger language plpgsql set search_path = ''
        as $$ begin new.updated_at := now(); return new; end $$;
      create function public.initials(n text) returns text language sql immutable return upper(left(n, 1));
      create trigger profiles_touch before update on public.profiles for each row execute function public.touch();
      create view public.profile_names with (security_invoker = true) as
        select id, public.initials(name) as initial from public.profiles;
      create materialized view public.profile_count as select count(*) as n from public.profiles;
      create policy "own profile" on public.profiles for all to authenticated
        using (id = auth.uid() or private.is_admin()) with check (id = auth.uid());
      create policy "avatar reads" on storage.objects for select to anon using (bucket_id = 'avatars');`;
      const c = await diffCase(target, state, state);
      expect(c.summary).toEqual([]);
      expect(c.sql).toBe('');
      expect(c.from.objects.size).toBeGreaterThan(10);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );
});
