// What a rollback cannot undo, read from one migration's text: each finding's line, statement and reason.
import { describe, expect, it } from 'vitest';
import { findIrreversible } from '../../src/rollback/irreversible.js';

const find = (text: string) => findIrreversible({ file: 'supabase/migrations/20240101000000_x.sql', text });

describe('findIrreversible', () => {
  it('reports every statement that loses or leaves data, in file order', async () => {
    const text = `drop table old_stuff, audit.log;
drop schema legacy cascade;
drop sequence counter;
drop materialized view reports;
alter table profiles drop column bio,
  alter column age type bigint using age::bigint;
delete from sessions where expired;
truncate events, audit.trail;
update accounts set plan = 'free' where plan is null;
merge into t using u on t.id = u.id when matched then delete;
insert into settings (k) values ('x') on conflict (k) do update set k = excluded.k;
copy cities from stdin;
alter type mood add value 'meh';
select nextval('public.tickets_seq'), setval(pg_get_serial_sequence('orders', 'id'), 5);
select cron.schedule('nightly', '0 3 * * *', $$delete from logs$$);
select net.http_post(url := 'https://example.com/hook');
select vault.create_secret('s3cr3t', 'api');
select pg_notify('ch', 'hi');
select extensions.dblink_exec('conn', 'delete from t');
call public.reindex_all();
select public.backfill();
select set_config('search_path', '', false), current_setting('app.x');
select 1;
alter table x rename to y;
with d as (delete from queue returning *) insert into archive select * from d;
select public.very_long_function_name_that_goes_on(1, 2, 3), 'and a long literal to cut';
`;
    expect(await find(text)).toEqual([
      {
        line: 1,
        statement: 'drop table old_stuff, audit.log',
        reason: 'rows of public.old_stuff are deleted; the rollback re-creates the table empty',
      },
      {
        line: 1,
        statement: 'drop table old_stuff, audit.log',
        reason: 'rows of audit.log are deleted; the rollback re-creates the table empty',
      },
      {
        line: 2,
        statement: 'drop schema legacy cascade',
        reason: 'rows of every table in schema legacy are deleted; the rollback re-creates the tables empty',
      },
      {
        line: 3,
        statement: 'drop sequence counter',
        reason: 'current value of sequence public.counter is lost; the rollback re-creates it at its start',
      },
      {
        line: 5,
        statement: 'alter table profiles drop column bio, alter column age type bigint using age::b…',
        reason:
          'values of public.profiles.bio are deleted; the rollback adds the column back empty (or with its default)',
      },
      {
        line: 5,
        statement: 'alter table profiles drop column bio, alter column age type bigint using age::b…',
        reason:
          'values of public.profiles.age are converted to bigint; the rollback converts them back with a cast, which may not restore them exactly',
      },
      {
        line: 7,
        statement: 'delete from sessions where expired',
        reason: 'rows deleted from public.sessions are not restored',
      },
      {
        line: 8,
        statement: 'truncate events, audit.trail',
        reason: 'rows truncated from public.events are not restored',
      },
      {
        line: 8,
        statement: 'truncate events, audit.trail',
        reason: 'rows truncated from audit.trail are not restored',
      },
      {
        line: 9,
        statement: "update accounts set plan = 'free' where plan is null",
        reason: 'values changed in public.accounts are not restored',
      },
      {
        line: 10,
        statement: 'merge into t using u on t.id = u.id when matched then delete',
        reason: 'rows changed in public.t by MERGE are not restored',
      },
      {
        line: 11,
        statement: "insert into settings (k) values ('x') on conflict (k) do update set k = exclude…",
        reason: 'rows inserted into public.settings stay (the rollback removes no rows)',
      },
      {
        line: 11,
        statement: "insert into settings (k) values ('x') on conflict (k) do update set k = exclude…",
        reason: 'values changed in public.settings are not restored',
      },
      {
        line: 12,
        statement: 'copy cities from stdin',
        reason: 'rows inserted into public.cities stay (the rollback removes no rows)',
      },
      {
        line: 13,
        statement: "alter type mood add value 'meh'",
        reason:
          "enum value 'meh' added to public.mood cannot be removed in place; the rollback re-makes the type without it, and a row holding 'meh' stops the rollback",
      },
      {
        line: 14,
        statement: "select nextval('public.tickets_seq'), setval(pg_get_serial_sequence('orders', '…",
        reason: 'sequence public.tickets_seq is advanced; the rollback does not move it back',
      },
      {
        line: 14,
        statement: "select nextval('public.tickets_seq'), setval(pg_get_serial_sequence('orders', '…",
        reason: 'sequence of public.orders.id is advanced; the rollback does not move it back',
      },
      {
        line: 15,
        statement: "select cron.schedule('nightly', '0 3 * * *', $$delete from logs$$)",
        reason:
          'cron.schedule(...) has side effects outside the schema (a scheduled job); the rollback does not undo them',
      },
      {
        line: 16,
        statement: "select net.http_post(url := 'https://example.com/hook')",
        reason:
          'net.http_post(...) has side effects outside the schema (an HTTP request sent); the rollback does not undo them',
      },
      {
        line: 17,
        statement: "select vault.create_secret('s3cr3t', 'api')",
        reason:
          'vault.create_secret(...) has side effects outside the schema (a secret stored); the rollback does not undo them',
      },
      {
        line: 18,
        statement: "select pg_notify('ch', 'hi')",
        reason:
          'pg_notify(...) has side effects outside the schema (a notification sent); the rollback does not undo them',
      },
      {
        line: 19,
        statement: "select extensions.dblink_exec('conn', 'delete from t')",
        reason:
          'extensions.dblink_exec(...) has side effects outside the schema (a command run on another database); the rollback does not undo them',
      },
      {
        line: 20,
        statement: 'call public.reindex_all()',
        reason: 'public.reindex_all() ran; what it changed in rows is not undone',
      },
      {
        line: 21,
        statement: 'select public.backfill()',
        reason: 'public.backfill() ran; what it changed in rows is not undone',
      },
      {
        line: 25,
        statement: 'with d as (delete from queue returning *) insert into archive select * from d',
        reason: 'rows inserted into public.archive stay (the rollback removes no rows)',
      },
      {
        line: 25,
        statement: 'with d as (delete from queue returning *) insert into archive select * from d',
        reason: 'rows deleted from public.queue are not restored',
      },
      {
        line: 26,
        statement: "select public.very_long_function_name_that_goes_on(1, 2, 3), 'and a long litera…",
        reason: 'public.very_long_function_name_that_goes_on() ran; what it changed in rows is not undone',
      },
    ]);
  });

  it('reports nothing for schema changes the rollback reverses', async () => {
    const text = `create schema app;
create table public.notes (id bigint generated always as identity primary key, body text);
create index notes_body_idx on public.notes (body);
alter table public.notes enable row level security;
create policy "read" on public.notes for select using (true);
create function public.touch() returns trigger language plpgsql as $$
begin
  update public.notes set body = body;
  perform setval('public.counter', 1);
  return new;
end $$;
create table public.tickets (id bigint default nextval('public.counter'));
alter table public.accounts add column bio text, alter column plan set default 'free';
alter table public.accounts rename column bio to about;
grant select on public.notes to authenticated;
comment on table public.notes is 'notes';
drop materialized view if exists public.stats;
drop view public.old_view;
drop index public.old_idx;
drop function public.old_fn();
select 1;
select set_config('search_path', '', false);
select pg_catalog.set_config('search_path', '', false);
select count(*) from pg_policies;
`;
    expect(await find(text)).toEqual([]);
  });

  it('does not report data written to what the same file created', async () => {
    const text = `create table public.notes (id bigserial primary key, body text);
insert into public.notes (body) values ('a');
copy notes (body) from stdin;
update notes set body = 'b';
select setval('notes_id_seq', 10), setval(pg_get_serial_sequence('public.notes', 'id'), 11);
alter table notes drop column body;
create type public.mood as enum ('happy');
alter type mood add value 'sad';
create schema app;
create table app.items (id int);
insert into app.items values (1);
drop schema app cascade;
create table if not exists public.profiles (id uuid primary key);
insert into public.profiles values (gen_random_uuid());
`;
    expect(await find(text)).toEqual([
      {
        line: 14,
        statement: 'insert into public.profiles values (gen_random_uuid())',
        reason: 'rows inserted into public.profiles stay (the rollback removes no rows)',
      },
    ]);
  });

  it("reports what a DO block runs at the nested statement's own line", async () => {
    const text = `create table public.log (id int);
do $$
declare
  v bigint := nextval('public.s1');
  r record;
begin
  create index on public.log (id);
  update public.accounts
     set plan = 'pro';
  perform cron.schedule('j', '* * * * *', 'select 1');
  v := public.backfill();
  if public.is_ready() then
    raise notice 'ready %', v;
  end if;
  call public.p(1);
  execute 'delete from public.logs';
  for r in select id from public.todo loop
    perform net.http_post(url := 'https://x/' || r.id);
  end loop;
  insert into public.log values (1);
end
$$;
`;
    expect(await find(text)).toEqual([
      {
        line: 4,
        statement: "v bigint := nextval('public.s1')",
        reason: 'sequence public.s1 is advanced; the rollback does not move it back',
      },
      {
        line: 8,
        statement: "update public.accounts set plan = 'pro'",
        reason: 'values changed in public.accounts are not restored',
      },
      {
        line: 10,
        statement: "perform cron.schedule('j', '* * * * *', 'select 1')",
        reason:
          'cron.schedule(...) has side effects outside the schema (a scheduled job); the rollback does not undo them',
      },
      {
        line: 11,
        statement: 'v := public.backfill()',
        reason: 'public.backfill() ran; what it changed in rows is not undone',
      },
      {
        line: 15,
        statement: 'call public.p(1)',
        reason: 'public.p() ran; what it changed in rows is not undone',
      },
      {
        line: 16,
        statement: "execute 'delete from public.logs'",
        reason: 'rows deleted from public.logs are not restored',
      },
      {
        line: 18,
        statement: "perform net.http_post(url := 'https://x/' || r.id)",
        reason:
          'net.http_post(...) has side effects outside the schema (an HTTP request sent); the rollback does not undo them',
      },
    ]);
  });

  it('says once when it cannot see what a DO block did, and nothing for one that only runs DDL', async () => {
    const text = `do $$ begin create index on public.notes (body); end $$;
do $$ begin raise notice 'hi'; end $$;
do $$ begin
  if not exists (select 1 from pg_policies where policyname = 'p') then
    create policy p on public.notes for select using (true);
  end if;
end $$;
do $$ begin execute format('delete from %I', 'logs'); end $$;
do language plv8 $$ plv8.execute('delete from t') $$;
do $$ begin updte t set a = 1; end $$;
`;
    expect(await find(text)).toEqual([
      {
        line: 8,
        statement: "do $$ begin execute format('delete from %I', 'logs')",
        reason:
          'DO block runs dynamic SQL (EXECUTE): kodo cannot see what it changed; rows it wrote are not restored',
      },
      {
        line: 9,
        statement: "do language plv8 $$ plv8.execute('delete from t') $$",
        reason: 'DO block: kodo cannot see what it changed; rows it wrote are not restored',
      },
      {
        line: 10,
        statement: 'do $$ begin updte t set a = 1; end $$',
        reason: 'DO block: kodo cannot see what it changed; rows it wrote are not restored',
      },
    ]);
  });

  it('does not count the PostgREST schema reload as a side effect, but any other notification', async () => {
    const text =
      "notify pgrst, 'reload schema';\nselect pg_notify('pgrst', 'reload schema');\nnotify jobs;\n";
    expect(await find(text)).toEqual([
      {
        line: 3,
        statement: 'notify jobs',
        reason:
          'NOTIFY jobs has side effects outside the schema (a notification sent); the rollback does not undo them',
      },
    ]);
  });

  it('names quoted objects as Postgres would need them written', async () => {
    const text = `delete from "Audit"."Log Entries";\nalter table "Profiles" drop column "Bio";\n`;
    expect(await find(text)).toEqual([
      {
        line: 1,
        statement: 'delete from "Audit"."Log Entries"',
        reason: 'rows deleted from "Audit"."Log Entries" are not restored',
      },
      {
        line: 2,
        statement: 'alter table "Profiles" drop column "Bio"',
        reason:
          'values of public."Profiles"."Bio" are deleted; the rollback adds the column back empty (or with its default)',
      },
    ]);
  });
});

describe('findIrreversible on text it cannot parse', () => {
  it('says where the parser stopped instead of passing over the statement', async () => {
    expect(await find('create table t (id int);\nupdte t set id = 1;\ndelete from t;\n')).toEqual([
      {
        line: 2,
        statement: 'updte t set id = 1;',
        reason:
          'kodo cannot read this statement (syntax error at or near "updte"); what it wrote is not known',
      },
    ]);
  });
});
