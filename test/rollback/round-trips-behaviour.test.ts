// Rollback round trips of behaviour changes (policies, RLS flags, functions with overloads, triggers, views): for
// each, a base migration, the migration under test, and its dry-run rollback, verified on a throwaway database,
// with its exact statements.
import { type RoundTrip, roundTrips } from './round-trip-helpers.js';

const ITEMS_RLS =
  'create table public.items (id int primary key, owner uuid);\nalter table public.items enable row level security;';
const OWNERS_READ =
  'create policy "owners read" on public.items for select to authenticated using (owner = auth.uid());';
const AREA = 'create function public.area(r int) returns int language sql immutable as $$ select r * r $$;';
const AREA2 =
  'create function public.area(w int, h int) returns int language sql immutable as $$ select w * h $$;';
/** How the engine writes AREA2 back (pg_get_functiondef), after turning body checks off. */
const AREA2_BACK = [
  'set local check_function_bodies = off;',
  'CREATE OR REPLACE FUNCTION public.area(w integer, h integer)',
  ' RETURNS integer',
  ' LANGUAGE sql',
  ' IMMUTABLE',
  'AS $function$ select w * h $function$;',
];
const TOUCH = [
  'create table public.items (id int primary key, updated_at timestamptz);',
  'create function public.touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;',
].join('\n');
const TRIGGER =
  'create trigger items_touch before update on public.items for each row execute function public.touch();';
const STOCK_TABLE = 'create table public.items (id int primary key, name text, qty int);';
const STOCK_BACK = ['SELECT id,', '    name', '   FROM public.items', '  WHERE (qty > 0);'];

const CASES: Record<string, RoundTrip> = {
  'create policy': {
    base: ITEMS_RLS,
    change: OWNERS_READ,
    body: ['drop policy "owners read" on public.items;'],
  },
  'alter policy': {
    base: `${ITEMS_RLS}\n${OWNERS_READ}`,
    change: 'alter policy "owners read" on public.items to anon, authenticated using (true);',
    body: ['alter policy "owners read" on public.items to authenticated using ((owner = auth.uid()));'],
  },
  'drop policy': {
    base: `${ITEMS_RLS}\n${OWNERS_READ}`,
    change: 'drop policy "owners read" on public.items;',
    body: [
      'create policy "owners read" on public.items as permissive for select to authenticated using ((owner = auth.uid()));',
    ],
  },
  'enable and force RLS': {
    base: 'create table public.items (id int primary key);',
    change:
      'alter table public.items enable row level security;\nalter table public.items force row level security;',
    body: [
      'alter table public.items disable row level security;',
      'alter table public.items no force row level security;',
    ],
  },
  'disable and no-force RLS': {
    base: 'create table public.items (id int primary key);\nalter table public.items enable row level security;\nalter table public.items force row level security;',
    change:
      'alter table public.items no force row level security;\nalter table public.items disable row level security;',
    body: [
      'alter table public.items enable row level security;',
      'alter table public.items force row level security;',
    ],
  },
  'create one overload of two': {
    base: AREA,
    change: AREA2,
    body: ['drop function public.area(w integer, h integer);'],
  },
  'replace the body of one overload': {
    base: `${AREA}\n${AREA2}`,
    change:
      'create or replace function public.area(w int, h int) returns int language sql immutable as $$ select w * h * 1 $$;',
    body: AREA2_BACK,
  },
  'drop one overload': {
    base: `${AREA}\n${AREA2}`,
    change: 'drop function public.area(int, int);',
    body: AREA2_BACK,
  },
  'create trigger': {
    base: TOUCH,
    change: TRIGGER,
    body: ['drop trigger items_touch on public.items;'],
  },
  'drop trigger': {
    base: `${TOUCH}\n${TRIGGER}`,
    change: 'drop trigger items_touch on public.items;',
    body: [
      'CREATE TRIGGER items_touch BEFORE UPDATE ON public.items FOR EACH ROW EXECUTE FUNCTION public.touch();',
    ],
  },
  'create view': {
    base: STOCK_TABLE,
    change: 'create view public.stock as select id, name from public.items where qty > 0;',
    body: ['drop view public.stock;'],
  },
  'replace view with one more column': {
    base: `${STOCK_TABLE}\ncreate view public.stock as select id, name from public.items where qty > 0;`,
    change: 'create or replace view public.stock as select id, name, qty from public.items where qty > 0;',
    // A view cannot lose a column in place: dropped and re-created.
    body: ['drop view public.stock;', 'create view public.stock as', ...STOCK_BACK],
  },
  'drop view with options': {
    base: `${STOCK_TABLE}\ncreate view public.stock with (security_invoker = true) as select id, name from public.items where qty > 0;`,
    change: 'drop view public.stock;',
    body: ['create view public.stock with (security_invoker=true) as', ...STOCK_BACK],
  },
};

roundTrips('rollback round trips: policies, RLS, functions, triggers, views', CASES);
