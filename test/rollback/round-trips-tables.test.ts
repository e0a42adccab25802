// Rollback round trips of table-level changes (tables, columns, constraints, indexes, column alterations, enums,
// grants): for each, a base migration, the migration under test, and its dry-run rollback, verified on a throwaway
// database, with its exact statements and exactly what it cannot undo.
import { type RoundTrip, roundTrips } from './round-trip-helpers.js';

const CASES: Record<string, RoundTrip> = {
  'create table': {
    base: 'create table public.owners (id int primary key);',
    change:
      'create table public.items (id bigint generated always as identity primary key, name text not null, owner int references public.owners (id));',
    body: ['drop table public.items;'],
    destructive: ['drops table public.items and its rows'],
  },
  'add column': {
    base: 'create table public.items (id int primary key);',
    change: "alter table public.items add column note text default 'x';",
    body: ['alter table public.items drop column note;'],
    destructive: ['drops column public.items.note and its values'],
  },
  'drop column': {
    base: 'create table public.items (id int primary key, note text);',
    change: 'alter table public.items drop column note;',
    body: ['alter table public.items add column note text;'],
    irreversible: [
      {
        line: 1,
        statement: 'alter table public.items drop column note',
        reason:
          'values of public.items.note are deleted; the rollback adds the column back empty (or with its default)',
      },
    ],
  },
  'add check, unique and foreign key constraints': {
    base: 'create table public.owners (id int primary key);\ncreate table public.items (id int primary key, qty int, code text, owner int);',
    change: [
      'alter table public.items add constraint qty_positive check (qty > 0);',
      'alter table public.items add constraint code_unique unique (code);',
      'alter table public.items add constraint items_owner_fk foreign key (owner) references public.owners (id) on delete cascade;',
    ].join('\n'),
    body: [
      'alter table public.items drop constraint code_unique;',
      'alter table public.items drop constraint items_owner_fk;',
      'alter table public.items drop constraint qty_positive;',
    ],
  },
  'drop check, unique and foreign key constraints': {
    base: 'create table public.owners (id int primary key);\ncreate table public.items (id int primary key, qty int constraint qty_positive check (qty > 0), code text constraint code_unique unique, owner int constraint items_owner_fk references public.owners (id) on delete cascade);',
    change: [
      'alter table public.items drop constraint qty_positive;',
      'alter table public.items drop constraint code_unique;',
      'alter table public.items drop constraint items_owner_fk;',
    ].join('\n'),
    body: [
      'alter table public.items add constraint code_unique UNIQUE (code);',
      'alter table public.items add constraint items_owner_fk FOREIGN KEY (owner) REFERENCES public.owners(id) ON DELETE CASCADE;',
      'alter table public.items add constraint qty_positive CHECK ((qty > 0));',
    ],
  },
  'create indexes': {
    base: 'create table public.items (id int primary key, name text, qty int);',
    change:
      'create index items_name_idx on public.items (lower(name)) where qty > 0;\ncreate unique index items_qty_key on public.items using btree (qty desc);',
    body: ['drop index public.items_name_idx;', 'drop index public.items_qty_key;'],
  },
  'drop index': {
    base: 'create table public.items (id int primary key, name text, qty int);\ncreate index items_name_idx on public.items (lower(name)) where qty > 0;',
    change: 'drop index public.items_name_idx;',
    body: ['CREATE INDEX items_name_idx ON public.items USING btree (lower(name)) WHERE (qty > 0);'],
  },
  'set default': {
    base: 'create table public.items (id int primary key, qty int);',
    change: 'alter table public.items alter column qty set default 1;',
    body: ['alter table public.items alter column qty drop default;'],
  },
  'drop default': {
    base: 'create table public.items (id int primary key, qty int not null default 0);',
    change: 'alter table public.items alter column qty drop default;',
    body: ['alter table public.items alter column qty set default 0;'],
  },
  'set not null': {
    base: 'create table public.items (id int primary key, qty int);',
    change: 'alter table public.items alter column qty set not null;',
    body: ['alter table public.items alter column qty drop not null;'],
  },
  'drop not null': {
    base: 'create table public.items (id int primary key, qty int not null default 0);',
    change: 'alter table public.items alter column qty drop not null;',
    body: ['alter table public.items alter column qty set not null;'],
  },
  'column type change': {
    base: 'create table public.items (id int primary key, qty int);',
    change: 'alter table public.items alter column qty type bigint;',
    body: ['alter table public.items alter column qty type integer using qty::integer;'],
    irreversible: [
      {
        line: 1,
        statement: 'alter table public.items alter column qty type bigint',
        reason:
          'values of public.items.qty are converted to bigint; the rollback converts them back with a cast, which may not restore them exactly',
      },
    ],
    destructive: [
      'changes public.items.qty from bigint to integer: values that do not convert fail the migration, and a narrower type may cut them',
    ],
  },
  'create enum and a column of it': {
    base: 'create table public.items (id int primary key);',
    change:
      "create type public.mood as enum ('sad', 'ok', 'happy');\nalter table public.items add column mood public.mood;",
    body: ['alter table public.items drop column mood;', 'drop type public.mood;'],
    destructive: ['drops column public.items.mood and its values'],
  },
  'add enum value': {
    base: "create type public.mood as enum ('sad', 'happy');",
    change: "alter type public.mood add value 'ok' before 'happy';",
    body: [
      'alter type public.mood rename to mood__kodo_old;',
      "create type public.mood as enum ('sad', 'happy');",
      'drop type public.mood__kodo_old;',
    ],
    irreversible: [
      {
        line: 1,
        statement: "alter type public.mood add value 'ok' before 'happy'",
        reason:
          "enum value 'ok' added to public.mood cannot be removed in place; the rollback re-makes the type without it, and a row holding 'ok' stops the rollback",
      },
    ],
  },
  'add enum value of a type a column uses': {
    base: "create type public.mood as enum ('sad', 'happy');\ncreate table public.items (id int primary key, mood public.mood default 'sad');",
    change: "alter type public.mood add value 'ok';",
    // The type is re-made beside the column, which is converted through text: its values stay.
    body: [
      'alter type public.mood rename to mood__kodo_old;',
      "create type public.mood as enum ('sad', 'happy');",
      'alter table public.items alter column mood drop default;',
      'alter table public.items alter column mood type public.mood using mood::text::public.mood;',
      "alter table public.items alter column mood set default 'sad'::public.mood;",
      'drop type public.mood__kodo_old;',
    ],
    irreversible: [
      {
        line: 1,
        statement: "alter type public.mood add value 'ok'",
        reason:
          "enum value 'ok' added to public.mood cannot be removed in place; the rollback re-makes the type without it, and a row holding 'ok' stops the rollback",
      },
    ],
  },
  'grant on a table and a schema': {
    base: 'create table public.items (id int primary key);\nrevoke all on public.items from anon;',
    change: 'grant select on public.items to anon;\ngrant usage on schema public to anon;',
    body: ['revoke select on table public.items from anon;'],
  },
  'revoke from two roles': {
    base: 'create table public.items (id int primary key);',
    change: 'revoke insert, update, delete on public.items from anon, authenticated;',
    body: [
      'grant delete, insert, update on table public.items to anon;',
      'grant delete, insert, update on table public.items to authenticated;',
    ],
  },
  'grant execute on a function': {
    base: 'create function public.f() returns int language sql as $$ select 1 $$;\nrevoke execute on function public.f() from public, anon;',
    change: 'grant execute on function public.f() to anon;',
    body: ['revoke execute on function public.f() from anon;'],
  },
  'rename table': {
    base: 'create table public.items (id int primary key, name text);',
    change: 'alter table public.items rename to products;',
    body: ['ALTER TABLE public.products RENAME TO items;'],
  },
  'rename column': {
    base: 'create table public.items (id int primary key, name text);',
    change: 'alter table public.items rename column name to title;',
    body: ['ALTER TABLE public.items RENAME COLUMN title TO name;'],
  },
};

roundTrips('rollback round trips: tables, columns, constraints, indexes, enums, grants', CASES);
