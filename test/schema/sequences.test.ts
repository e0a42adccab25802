// Sequences and their OWNED BY: serial columns added and dropped, options changed in place, identity columns' own
// sequences left to the column; each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain, withoutAnnotations } from './harness.js';

describe.each(TARGETS)('sequences on $name', (target) => {
  it.skipIf(target.skip)('equal states with serial and identity columns give an empty diff', async () => {
    const sql = `create table public.t (id serial primary key, big bigserial,
        ident bigint generated always as identity (start with 10), a int);
      create sequence public.s owned by public.t.a;`;
    const c = await diffCase(target, sql, sql);
    expect(c.summary).toEqual([]);
    expect(c.sql).toBe('');
    // The identity column's sequence is the column's: no object of its own.
    expect([...c.from.objects.keys()].filter((id) => id.startsWith('sequence')).sort()).toEqual([
      'sequence public.s',
      'sequence public.t_big_seq',
      'sequence public.t_id_seq',
      'sequence-owner public.s',
      'sequence-owner public.t_big_seq',
      'sequence-owner public.t_id_seq',
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'adds a serial column, a table keyed by bigserial and a sequence with options',
    async () => {
      const from = `create table public.t (a int);`;
      const to = `create table public.t (a int, id serial);
      create table public.n (id bigserial primary key);
      create sequence public.counter as bigint increment by 10 start with 100 cache 5 cycle;`;
      const c = await diffCase(target, from, to);
      expect(withoutAnnotations(c)).toEqual([
        '+ column public.n.id',
        '+ column public.t.id',
        '+ constraint n_pkey on public.n',
        '+ sequence public.counter',
        '+ sequence public.n_id_seq',
        '+ sequence public.t_id_seq',
        '+ sequence-owner public.n_id_seq',
        '+ sequence-owner public.t_id_seq',
        '+ table public.n',
      ]);
      expect(c.plan.statements).toEqual([
        'create sequence public.counter as bigint increment by 10 start with 100 cache 5 cycle;',
        'create sequence public.n_id_seq as bigint;',
        'create sequence public.t_id_seq as integer;',
        "create table public.n (\n  id bigint default nextval('public.n_id_seq'::regclass) not null\n);",
        "alter table public.t add column id integer default nextval('public.t_id_seq'::regclass) not null;",
        'alter sequence public.n_id_seq owned by public.n.id;',
        'alter sequence public.t_id_seq owned by public.t.id;',
        'alter table public.n add constraint n_pkey PRIMARY KEY (id);',
      ]);
      // The sequence before the default that uses it, OWNED BY after the column: no cycle to break.
      expect(c.plan.warnings).toEqual([]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)('changes options in place: increment, type and bounds, ownership', async () => {
    const from = `create table public.t (a int, b int);
      create sequence public.s; create sequence public.d as integer increment by -1;
      create sequence public.o owned by public.t.a;`;
    const to = `create table public.t (a int, b int);
      create sequence public.s increment by 5 maxvalue 1000;
      create sequence public.d as bigint increment by -1 minvalue -50;
      create sequence public.o owned by public.t.b;`;
    const c = await diffCase(target, from, to);
    expect(c.summary).toEqual([
      '~ sequence public.d: min: -2147483648 → -50; type: integer → bigint',
      '~ sequence public.s: increment: 1 → 5; max: 9223372036854775807 → 1000',
      '~ sequence-owner public.o: column: public.t.a → public.t.b',
    ]);
    expect(c.plan.statements).toEqual([
      'alter sequence public.d as bigint minvalue -50;',
      'alter sequence public.s increment by 5 maxvalue 1000;',
      'alter sequence public.o owned by public.t.b;',
    ]);
    expect(c.plan.destructive).toEqual([]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'drops a serial column, a bigserial table and a sequence (the owned ones go with their column)',
    async () => {
      const from = `create table public.t (a int, id serial);
      create table public.n (id bigserial primary key);
      create sequence public.counter;`;
      const c = await diffCase(target, from, `create table public.t (a int);`);
      expect(withoutAnnotations(c)).toEqual([
        '- column public.n.id',
        '- column public.t.id',
        '- constraint n_pkey on public.n',
        '- sequence public.counter',
        '- sequence public.n_id_seq',
        '- sequence public.t_id_seq',
        '- sequence-owner public.n_id_seq',
        '- sequence-owner public.t_id_seq',
        '- table public.n',
      ]);
      expect(c.plan.statements).toEqual([
        'drop sequence if exists public.counter;',
        'alter table public.t drop column id;',
        'drop sequence if exists public.t_id_seq;',
        'drop table public.n;',
        'drop sequence if exists public.n_id_seq;',
      ]);
      expect(c.plan.destructive).toEqual([
        'drops sequence public.counter and its current value',
        'drops column public.t.id and its values',
        'drops sequence public.t_id_seq and its current value',
        'drops table public.n and its rows',
        'drops sequence public.n_id_seq and its current value',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a sequence that outlives its column is released before the column goes',
    async () => {
      const from = `create table public.t (a int, b int); create sequence public.s owned by public.t.a;`;
      const c = await diffCase(target, from, `create table public.t (b int); create sequence public.s;`);
      expect(c.summary).toEqual(['- column public.t.a', '- sequence-owner public.s']);
      expect(c.plan.statements).toEqual([
        'alter sequence public.s owned by none;',
        'alter table public.t drop column a;',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    "keeps an identity sequence's name when its table was renamed (later files may name it)",
    async () => {
      const renamed = `create table public.a (id bigint generated by default as identity primary key);
        alter table public.a rename to b;`;
      const c = await diffCase(target, '', renamed);
      expect(c.plan.statements).toContain(
        'create table public.b (\n  id bigint not null generated by default as identity (sequence name public.a_id_seq)\n);',
      );
      expect(c.verification.verified, explain(c)).toBe(true);
      // The same table made under its own name: the sequence gets the name Postgres chooses, and the two differ.
      const plain = await diffCase(
        target,
        'create table public.b (id bigint generated by default as identity);',
        'create table public.a (id bigint generated by default as identity); alter table public.a rename to b;',
      );
      expect(plain.plan.statements).toEqual(['alter sequence public.b_id_seq rename to a_id_seq;']);
      expect(plain.verification.verified, explain(plain)).toBe(true);
    },
  );
});
