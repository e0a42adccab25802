// The reverse of a migration's renames: the exact statements, last rename first, and a round trip on PGlite
// that brings every renamed name back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openMemoryDatabase } from '../../src/db/pglite.js';
import { reverseRenames } from '../../src/rollback/renames.js';

const MIGRATION = `alter table public.accounts rename to customers;
alter table customers rename column "Full Name" to full_name;
alter table only public.customers rename constraint accounts_pkey to customers_pkey;
alter index public.accounts_name_idx rename to customers_name_idx;
alter view public.v rename to w;
alter view public.w rename column a to "B";
alter materialized view m rename to n;
alter sequence if exists seq rename to seq2;
alter type mood rename value 'meh' to 'so-so';
alter type public.mood rename to feeling;
alter domain email rename constraint email_check to email_has_at;
alter domain email rename to email_address;
alter type pair rename attribute a to first;
alter function public.touch(integer, text[]) rename to touch_row;
alter procedure p rename to q;
alter schema app rename to core;
alter policy "read own" on public.customers rename to read_own;
alter trigger t on public.customers rename to customers_touch;
alter table customers rename column "user" to "order";
create table public.other (id int);
update public.customers set full_name = 'x';
`;

const REVERSED = [
  'ALTER TABLE "customers" RENAME COLUMN "order" TO "user";',
  'ALTER TRIGGER customers_touch ON public.customers RENAME TO t;',
  'ALTER POLICY read_own ON public.customers RENAME TO "read own";',
  'ALTER SCHEMA core RENAME TO app;',
  'ALTER PROCEDURE q RENAME TO p;',
  'ALTER FUNCTION public.touch_row(integer, text[]) RENAME TO touch;',
  'ALTER TYPE pair RENAME ATTRIBUTE first TO a;',
  'ALTER DOMAIN email_address RENAME TO email;',
  'ALTER DOMAIN email RENAME CONSTRAINT email_has_at TO email_check;',
  'ALTER TYPE public.feeling RENAME TO mood;',
  "ALTER TYPE mood RENAME VALUE 'so-so' TO 'meh';",
  'ALTER SEQUENCE IF EXISTS seq2 RENAME TO seq;',
  'ALTER MATERIALIZED VIEW n RENAME TO m;',
  'ALTER VIEW public.w RENAME COLUMN "B" TO a;',
  'ALTER VIEW public.w RENAME TO v;',
  'ALTER INDEX public.customers_name_idx RENAME TO accounts_name_idx;',
  'ALTER TABLE ONLY public.customers RENAME CONSTRAINT customers_pkey TO accounts_pkey;',
  'ALTER TABLE customers RENAME COLUMN full_name TO "Full Name";',
  'ALTER TABLE public.customers RENAME TO accounts;',
];

describe('reverseRenames', () => {
  it('reverses each rename, last first, naming objects as the original statement did', async () => {
    expect(await reverseRenames({ text: MIGRATION })).toEqual(REVERSED);
  });

  it('moves relations and types back to the schema they came from', async () => {
    const text = `alter table public.items set schema app;
alter table if exists logs set schema archive;
alter view app.v set schema api;
alter type public.mood set schema app;
alter domain email set schema app;
alter function public.f() set schema app;
`;
    expect(await reverseRenames({ text })).toEqual([
      'ALTER DOMAIN app.email SET SCHEMA public;',
      'ALTER TYPE app.mood SET SCHEMA public;',
      'ALTER VIEW api.v SET SCHEMA app;',
      'ALTER TABLE IF EXISTS archive.logs SET SCHEMA public;',
      'ALTER TABLE app.items SET SCHEMA public;',
    ]);
  });

  it('reverses foreign tables, routines without arguments and quoted names', async () => {
    const text = `alter foreign table ext.f rename to g;
alter function f rename to h;
alter routine public."Odd(Name" ( a  numeric(10, 2), "T" ) rename to "Even";
alter table t rename to "T";
`;
    expect(await reverseRenames({ text })).toEqual([
      'ALTER TABLE "T" RENAME TO t;',
      'ALTER ROUTINE public."Even"( a numeric(10, 2), "T" ) RENAME TO "Odd(Name";',
      'ALTER FUNCTION h RENAME TO f;',
      'ALTER FOREIGN TABLE ext.g RENAME TO f;',
    ]);
  });

  it('leaves out what it cannot reverse and what a DO block runs', async () => {
    const text = `alter role a rename to b;
alter publication p rename to q;
do $$ begin alter table x rename to y; end $$;
create table t (id int);
`;
    expect(await reverseRenames({ text })).toEqual([]);
  });
});

const SETUP = `create schema app;
create type public.mood as enum ('happy', 'meh');
create domain public.email as text check (value like '%@%');
create type public.pair as (a int, b int);
create table public.accounts (id bigint primary key, "Full Name" text, "user" text, email public.email);
create index accounts_name_idx on public.accounts ("Full Name");
create sequence public.seq;
create view public.v as select id, "Full Name" as a from public.accounts;
create materialized view public.m as select id from public.accounts;
create function public.touch(integer, text[]) returns int language sql as 'select 1';
create function public.touch(integer) returns int language sql as 'select 2';
create procedure public.p() language sql as 'select 1';
alter table public.accounts enable row level security;
create policy "read own" on public.accounts for select using (true);
create function public.tg() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger t before insert on public.accounts for each row execute function public.tg();
insert into public.accounts values (1, 'Ann', 'ann', 'ann@example.com');
`;

/** Every name the migration touches, read from the catalog. */
const NAMES = `
select 'schema ' || nspname as name from pg_namespace where nspname in ('app', 'core')
union all
select 'relation ' || c.relname || ' ' || c.relkind::text from pg_class c
  where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'm', 'S', 'i', 'c')
union all
select 'column ' || c.relname || '.' || a.attname from pg_attribute a join pg_class c on c.oid = a.attrelid
  where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'v', 'c') and a.attnum > 0
    and not a.attisdropped
union all
select 'constraint ' || conname from pg_constraint where connamespace = 'public'::regnamespace
union all
select 'type ' || typname from pg_type where typnamespace = 'public'::regnamespace and typtype in ('e', 'd')
union all
select 'enum value ' || t.typname || '.' || e.enumlabel from pg_enum e join pg_type t on t.oid = e.enumtypid
  where t.typnamespace = 'public'::regnamespace
union all
select 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' from pg_proc p
  where p.pronamespace = 'public'::regnamespace
union all
select 'policy ' || polname from pg_policy where polrelid::regclass::text in ('accounts', 'customers')
union all
select 'trigger ' || tgname from pg_trigger where not tgisinternal and tgrelid::regclass::text in ('accounts', 'customers')
order by 1`;

describe('reverseRenames on PGlite', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMemoryDatabase('renames');
    await db.exec(SETUP);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('brings every renamed name back and keeps the rows', async () => {
    const names = async () => (await db.query<{ name: string }>(NAMES)).rows.map((r) => r.name);
    const before = await names();
    expect(before).toEqual([
      'column accounts.Full Name',
      'column accounts.email',
      'column accounts.id',
      'column accounts.user',
      'column pair.a',
      'column pair.b',
      'column v.a',
      'column v.id',
      'constraint accounts_pkey',
      'constraint email_check',
      'enum value mood.happy',
      'enum value mood.meh',
      'function p()',
      'function tg()',
      'function touch(integer)',
      'function touch(integer, text[])',
      'policy read own',
      'relation accounts r',
      'relation accounts_name_idx i',
      'relation accounts_pkey i',
      'relation m m',
      'relation pair c',
      'relation seq S',
      'relation v v',
      'schema app',
      'trigger t',
      'type email',
      'type mood',
    ]);

    await db.exec(MIGRATION);
    const renamed = await names();
    // Every name the migration renamed is new; the function overload it did not name keeps its name.
    expect(renamed).toEqual([
      'column customers.email',
      'column customers.full_name',
      'column customers.id',
      'column customers.order',
      'column other.id',
      'column pair.b',
      'column pair.first',
      'column w.B',
      'column w.id',
      'constraint customers_pkey',
      'constraint email_has_at',
      'enum value feeling.happy',
      'enum value feeling.so-so',
      'function q()',
      'function tg()',
      'function touch(integer)',
      'function touch_row(integer, text[])',
      'policy read_own',
      'relation customers r',
      'relation customers_name_idx i',
      'relation customers_pkey i',
      'relation n m',
      'relation other r',
      'relation pair c',
      'relation seq2 S',
      'relation w v',
      'schema core',
      'trigger customers_touch',
      'type email_address',
      'type feeling',
    ]);
    // The rollback's diff part drops what the file created; the renames' reverse restores the rest.
    await db.exec('drop table public.other;');

    await db.exec((await reverseRenames({ text: MIGRATION })).join('\n'));
    expect(await names()).toEqual(before);
    expect((await db.query('select id::int as id, "Full Name", "user" from public.accounts')).rows).toEqual([
      { id: 1, 'Full Name': 'x', user: 'ann' },
    ]);
  });
});
