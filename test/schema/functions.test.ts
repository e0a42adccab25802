// Functions and procedures: added, changed in place with CREATE OR REPLACE, re-created when Postgres refuses that
// (a new return type, a removed default: with the objects that use the function), overloads kept apart, aggregates
// named as not modeled; each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain, withoutAnnotations as summary } from './harness.js';

describe.each(TARGETS)('functions on $name', (target) => {
  it.skipIf(target.skip)('adds, changes in place and drops functions and procedures', async () => {
    const from = `
      create function public.add_one(a int) returns int language sql immutable as $$ select a + 1 $$;
      create function public.gone() returns void language plpgsql as $$ begin end $$;
      create procedure public.bump(inout n int) language plpgsql as $$ begin n := n + 1; end $$;`;
    const to = `
      create function public.add_one(a int) returns int language sql immutable strict as $$ select a + 2 $$;
      create procedure public.bump(inout n int) language plpgsql as $$ begin n := n + 2; end $$;
      create function public.whoami() returns text language sql stable security definer set search_path = ''
        return current_user;
      create function public.rn() returns bigint language internal window as 'window_row_number';
      create aggregate public.total(int) (sfunc = int4pl, stype = int);`;
    const c = await diffCase(target, from, to);
    expect(summary(c)).toEqual([
      '~ function public.add_one(integer): attributes: RETURNS integer LANGUAGE sql IMMUTABLE → RETURNS integer LANGUAGE sql IMMUTABLE STRICT; body: AS $function$ select a + 1 $function$ → AS $function$ select a + 2 $function$',
      '~ function public.bump(integer): body: AS $procedure$ begin n := n + 1; end $procedure$ → AS $procedure$ begin n := n + 2; end $procedure$',
      '- function public.gone()',
      '+ function public.rn()',
      '+ function public.whoami()',
    ]);
    expect(c.plan.statements).toEqual([
      'set local check_function_bodies = off;',
      'drop function public.gone();',
      'CREATE OR REPLACE FUNCTION public.add_one(a integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE STRICT\nAS $function$ select a + 2 $function$;',
      'CREATE OR REPLACE PROCEDURE public.bump(INOUT n integer)\n LANGUAGE plpgsql\nAS $procedure$ begin n := n + 2; end $procedure$;',
      'CREATE OR REPLACE FUNCTION public.rn()\n RETURNS bigint\n LANGUAGE internal\n WINDOW\nAS $function$window_row_number$function$;',
      "CREATE OR REPLACE FUNCTION public.whoami()\n RETURNS text\n LANGUAGE sql\n STABLE SECURITY DEFINER\n SET search_path TO ''\nRETURN CURRENT_USER;",
    ]);
    // Postgres has no deparser for an aggregate: the snapshot names it instead of comparing it.
    expect(c.to.unmodeled).toEqual(['aggregate public.total(integer)']);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('overloads are separate objects: one changed, one dropped', async () => {
    const from = `
      create function public.f(x int) returns text language sql as $$ select 'int' $$;
      create function public.f(x text) returns text language sql as $$ select 'text' $$;
      create function public.f(x uuid) returns text language sql as $$ select 'uuid' $$;`;
    const to = `
      create function public.f(x int) returns text language sql as $$ select 'integer' $$;
      create function public.f(x uuid) returns text language sql as $$ select 'uuid' $$;`;
    const c = await diffCase(target, from, to);
    expect(summary(c)).toEqual([
      "~ function public.f(integer): body: AS $function$ select 'int' $function$ → AS $function$ select 'integer' $function$",
      '- function public.f(text)',
    ]);
    expect(c.plan.statements).toEqual([
      'set local check_function_bodies = off;',
      'drop function public.f(x text);',
      "CREATE OR REPLACE FUNCTION public.f(x integer)\n RETURNS text\n LANGUAGE sql\nAS $function$ select 'integer' $function$;",
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'a new return type is a drop and a create; the view, policy and trigger that use it come back',
    async () => {
      const uses = `
        create table public.items (id int primary key, n int);
        create function public.audit() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger items_audit before update on public.items for each row
          when (public.weight(new.n) > 0) execute function public.audit();
        create view public.weights as select id, public.weight(n) as w from public.items;
        create policy heavy on public.items for select to authenticated using (public.weight(n) > 10);`;
      const from = `create function public.weight(n int) returns int language sql immutable as $$ select n * 2 $$;${uses}`;
      const to = `create function public.weight(n int) returns bigint language sql immutable as $$ select n * 2::bigint $$;${uses}`;
      const c = await diffCase(target, from, to);
      expect(summary(c)).toEqual([
        '~ function public.weight(integer): attributes: RETURNS integer LANGUAGE sql IMMUTABLE → RETURNS bigint LANGUAGE sql IMMUTABLE; body: AS $function$ select n * 2 $function$ → AS $function$ select n * 2::bigint $function$',
      ]);
      const definition = c.to.objects.get('trigger public.items.items_audit')!.def.definition as string;
      const view = c.to.objects.get('view public.weights')!.def.definition as string;
      expect(c.plan.statements).toEqual([
        'set local check_function_bodies = off;',
        'drop policy heavy on public.items;',
        'drop trigger items_audit on public.items;',
        'drop view public.weights;',
        'drop function public.weight(n integer);',
        'CREATE OR REPLACE FUNCTION public.weight(n integer)\n RETURNS bigint\n LANGUAGE sql\n IMMUTABLE\nAS $function$ select n * 2::bigint $function$;',
        `create view public.weights as\n${view};`,
        `${definition};`,
        'create policy heavy on public.items as permissive for select to authenticated using ((public.weight(n) > 10));',
      ]);
      expect(c.plan.destructive).toEqual([]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a removed default is a drop and a create, with the policy that calls it; an added one is made in place',
    async () => {
      const uses = `create table public.t (id int, name text); alter table public.t enable row level security;
        create policy greeted on public.t to authenticated using (public.greet(name) <> '');`;
      const from = `
        create function public.greet(who text default 'you') returns text language sql as $$ select 'hi ' || who $$;
        create function public.page(n int) returns int language sql as $$ select n $$;${uses}`;
      const to = `
        create function public.greet(who text) returns text language sql as $$ select 'hi ' || who $$;
        create function public.page(n int default 1) returns int language sql as $$ select n $$;${uses}`;
      const c = await diffCase(target, from, to);
      expect(summary(c)).toEqual([
        "~ function public.greet(text): signature: CREATE OR REPLACE FUNCTION public.greet(who text DEFAULT 'you'::text) → CREATE OR REPLACE FUNCTION public.greet(who text)",
        '~ function public.page(integer): signature: CREATE OR REPLACE FUNCTION public.page(n integer) → CREATE OR REPLACE FUNCTION public.page(n integer DEFAULT 1)',
      ]);
      expect(c.plan.statements).toEqual([
        'set local check_function_bodies = off;',
        'drop policy greeted on public.t;',
        'drop function public.greet(who text);',
        "CREATE OR REPLACE FUNCTION public.greet(who text)\n RETURNS text\n LANGUAGE sql\nAS $function$ select 'hi ' || who $function$;",
        'CREATE OR REPLACE FUNCTION public.page(n integer DEFAULT 1)\n RETURNS integer\n LANGUAGE sql\nAS $function$ select n $function$;',
        "create policy greeted on public.t as permissive for all to authenticated using ((public.greet(name) <> ''::text));",
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a re-created function used in a column default: only the default steps aside, the column and its rows stay',
    async () => {
      const from = `create function public.next_code() returns integer language sql as $$ select 7 $$;
        create table public.t (id int, code integer default public.next_code());
        insert into public.t (id) values (1);`;
      const to = `create function public.next_code() returns bigint language sql as $$ select 7::bigint $$;
        create table public.t (id int, code integer default public.next_code());`;
      const c = await diffCase(target, from, to);
      expect(c.plan.statements).toEqual([
        'set local check_function_bodies = off;',
        'alter table public.t alter column code drop default;',
        'drop function public.next_code();',
        'CREATE OR REPLACE FUNCTION public.next_code()\n RETURNS bigint\n LANGUAGE sql\nAS $function$ select 7::bigint $function$;',
        'alter table public.t alter column code set default public.next_code();',
      ]);
      expect(c.plan.destructive).toEqual([]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );
});
