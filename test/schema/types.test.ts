// Enums, domains and composite types: added, changed in place where ALTER TYPE / ALTER DOMAIN can, re-created (with
// the columns using them) where it cannot; each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain, withoutAnnotations } from './harness.js';

const IS_EMAIL = `create function public.is_email(t text) returns boolean language sql immutable as $$ select t like '%@%' $$;`;

describe.each(TARGETS)('enums, domains, composite types on $name', (target) => {
  it.skipIf(target.skip)(
    'an enum value added in the middle is ADD VALUE … BEFORE, with a warning',
    async () => {
      const table = `create table public.p (m public.mood, ms public.mood[]);`;
      const c = await diffCase(
        target,
        `create type public.mood as enum ('sad', 'ok', 'happy'); ${table}`,
        `create type public.mood as enum ('sad', 'meh', 'ok', 'happy', 'elated'); ${table}`,
      );
      expect(c.summary).toEqual([
        '~ enum public.mood: labels: ["sad","ok","happy"] → ["sad","meh","ok","happy","elated"]',
      ]);
      expect(c.plan.statements).toEqual([
        "alter type public.mood add value 'meh' before 'ok';",
        "alter type public.mood add value 'elated' after 'happy';",
      ]);
      expect(c.plan.destructive).toEqual([]);
      expect(c.plan.warnings).toEqual([
        "enum public.mood gains 'meh', 'elated': a value added by ALTER TYPE … ADD VALUE cannot be used until the migration's transaction commits",
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a value removed re-creates the enum and the column using it, naming the loss',
    async () => {
      const table = `create table public.p (id int, m public.mood default 'sad');`;
      const c = await diffCase(
        target,
        `create type public.mood as enum ('sad', 'ok', 'happy'); ${table}`,
        `create type public.mood as enum ('sad', 'happy'); ${table}`,
      );
      expect(c.summary).toEqual(['~ enum public.mood: labels: ["sad","ok","happy"] → ["sad","happy"]']);
      expect(c.plan.statements).toEqual([
        'alter table public.p drop column m;',
        'drop type public.mood;',
        "create type public.mood as enum ('sad', 'happy');",
        "alter table public.p add column m public.mood default 'sad'::public.mood;",
      ]);
      expect(c.plan.destructive).toEqual([
        're-creates column public.p.m: its values are lost',
        "re-creates enum public.mood, removing 'ok': the columns of this type are re-created and their values lost",
      ]);
      expect(c.plan.warnings).toEqual([]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)('adds and drops enums', async () => {
    const c = await diffCase(
      target,
      `create type public.gone as enum ('x');`,
      `create type public.color as enum ('red', 'it''s');`,
    );
    expect(withoutAnnotations(c)).toEqual(['+ enum public.color', '- enum public.gone']);
    expect(c.plan.statements).toEqual([
      'drop type public.gone;',
      "create type public.color as enum ('red', 'it''s');",
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'adds domains after the function their check calls: default, not null, collation, NOT VALID',
    async () => {
      const to = `${IS_EMAIL}
      create domain public.email as text collate "C" default 'a@b' not null
        constraint email_check check (public.is_email(value));
      create domain public.pos as int;
      alter domain public.pos add constraint pos_check check (value > 0) not valid;
      create table public.u (e public.email, p public.pos);`;
      const c = await diffCase(target, '', to);
      expect(withoutAnnotations(c)).toEqual([
        '+ column public.u.e',
        '+ column public.u.p',
        '+ domain public.email',
        '+ domain public.pos',
        '+ function public.is_email(text)',
        '+ table public.u',
      ]);
      const statements = c.plan.statements.filter((s) => !s.startsWith('CREATE OR REPLACE FUNCTION'));
      expect(statements).toEqual([
        'set local check_function_bodies = off;',
        'create domain public.pos as integer;',
        'alter domain public.pos add constraint pos_check CHECK ((VALUE > 0)) NOT VALID;',
        `create domain public.email as text collate pg_catalog."C" default 'a@b'::text not null;`,
        'alter domain public.email add constraint email_check CHECK (public.is_email(VALUE));',
        'create table public.u (\n  e public.email,\n  p public.pos\n);',
      ]);
      const fn = c.plan.statements.findIndex((s) =>
        s.startsWith('CREATE OR REPLACE FUNCTION public.is_email'),
      );
      expect(fn).toBeGreaterThan(0);
      expect(fn).toBeLessThan(c.plan.statements.indexOf(statements[3]!));
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'changes domains in place (default, not null, checks) and re-creates a new base type',
    async () => {
      const from = `create domain public.pos as int default 1 not null check (value > 0);
      create domain public.d2 as int constraint c1 check (value > 1) constraint c2 check (value < 100);
      alter domain public.d2 add constraint c3 check (value <> 5) not valid;
      create domain public.b as int; create domain public.gone as text;
      create table public.t (id int, v public.b);`;
      const to = `create domain public.pos as int check (value > 0) check (value < 10);
      create domain public.d2 as int constraint c2 check (value < 50) constraint c3 check (value <> 5);
      create domain public.b as bigint;
      create table public.t (id int, v public.b);`;
      const c = await diffCase(target, from, to);
      expect(withoutAnnotations(c)).toEqual([
        '~ domain public.b: base: integer → bigint',
        '~ domain public.d2: checks: {"c1":"CHECK ((VALUE > 1))","c2":"CHECK ((VALUE < 100))","c3":"CHECK ((VALUE ... → {"c2":"CHECK ((VALUE < 50))","c3":"CHECK ((VALUE <> 5))"}',
        '- domain public.gone',
        '~ domain public.pos: checks: {"pos_check":"CHECK ((VALUE > 0))"} → {"pos_check":"CHECK ((VALUE > 0))","pos_check1":"CHECK ((VALUE < 10))"}; default: 1 → none; notNull: true → false',
      ]);
      expect(c.plan.statements).toEqual([
        'alter table public.t drop column v;',
        'drop domain public.b;',
        'drop domain public.gone;',
        'create domain public.b as bigint;',
        'alter domain public.d2 drop constraint c1;',
        'alter domain public.d2 drop constraint c2;',
        'alter domain public.d2 add constraint c2 CHECK ((VALUE < 50));',
        'alter domain public.d2 validate constraint c3;',
        'alter domain public.pos drop default;',
        'alter domain public.pos drop not null;',
        'alter domain public.pos add constraint pos_check1 CHECK ((VALUE < 10));',
        'alter table public.t add column v public.b;',
      ]);
      expect(c.plan.destructive).toEqual(['re-creates column public.t.v: its values are lost']);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'composite types: attribute added, dropped and retyped in place; a new one used by a table',
    async () => {
      const from = `create type public.addr as (street text, city text, zip int); create type public.gone as (a int);`;
      const to = `create type public.addr as (street text, zip bigint, "Country" text collate "C");
      create type public.pt as (x float8, y float8); create table public.t (p public.pt);`;
      const c = await diffCase(target, from, to);
      expect(withoutAnnotations(c)).toEqual([
        '+ column public.t.p',
        '~ composite public.addr: attributes: ["street text","city text","zip integer"] → ["street text","zip bigint","\\"Country\\" text collate pg_catalog.\\"C\\""]',
        '- composite public.gone',
        '+ composite public.pt',
        '+ table public.t',
      ]);
      expect(c.plan.statements).toEqual([
        'drop type public.gone;',
        'alter type public.addr drop attribute city;',
        'alter type public.addr alter attribute zip type bigint;',
        'alter type public.addr add attribute "Country" text collate pg_catalog."C";',
        'create type public.pt as (x double precision, y double precision);',
        'create table public.t (\n  p public.pt\n);',
      ]);
      expect(c.plan.destructive).toEqual(['drops attribute city of public.addr: stored values lose it']);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a composite type a column stores gains an attribute in place, but is re-created for a new type',
    async () => {
      const table = `create table public.t (a public.addr, g public.tag);`;
      const c = await diffCase(
        target,
        `create type public.addr as (street text, zip int); create type public.tag as (k text); ${table}`,
        `create type public.addr as (street text, zip bigint, city text);
         create type public.tag as (k text, v text); ${table}`,
      );
      expect(c.plan.statements).toEqual([
        'alter table public.t drop column a;',
        'drop type public.addr;',
        'create type public.addr as (street text, zip bigint, city text);',
        'alter type public.tag add attribute v text;',
        'alter table public.t add column a public.addr;',
      ]);
      expect(c.plan.destructive).toEqual(['re-creates column public.t.a: its values are lost']);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );
});
