// Drops whose order the dropped owners carry (found on real folders, reduced): a table goes before the function its
// trigger or policy calls and before the table its foreign key references, though the trigger, policy and key have
// no statement of their own. And an extension living in a schema of its own (pgmq) is created without WITH SCHEMA.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain } from './harness.js';

describe.each(TARGETS)('drop order and extension schemas on $name', (target) => {
  it.skipIf(target.skip)('drops a referencing table before the table it references', async () => {
    const from = `create table public.a (id int primary key); create table public.b (a_id int references public.a);`;
    const c = await diffCase(target, from, '');
    expect(c.plan.statements).toEqual(['drop table public.b;', 'drop table public.a;']);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('drops a table before the function its trigger or its policy calls', async () => {
    const from = `create function public.f() returns trigger language plpgsql as $$ begin return new; end $$;
      create table public.t (id int);
      create trigger tr before insert on public.t for each row execute function public.f();
      create function public.g() returns boolean language sql as $$ select true $$;
      create table public.u (id int);
      alter table public.u enable row level security;
      create policy p on public.u using (public.g());`;
    const c = await diffCase(target, from, '');
    expect(c.plan.statements).toEqual([
      'drop table public.t;',
      'drop function public.f();',
      'drop table public.u;',
      'drop function public.g();',
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('drops two tables whose foreign keys reference each other', async () => {
    const from = `create table public.a (id int primary key, b_id int); create table public.b (id int primary key, a_id int references public.a);
      alter table public.a add constraint a_b_fkey foreign key (b_id) references public.b;`;
    const c = await diffCase(target, from, '');
    expect(c.plan.statements).toEqual([
      'alter table public.a drop constraint a_b_fkey;',
      'alter table public.b drop constraint b_a_id_fkey;',
      'drop table public.a;',
      'drop table public.b;',
    ]);
    expect(c.plan.warnings).toEqual([]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'drops a policy on its own when it calls a function that takes its table’s row type',
    async () => {
      const from = `create table public.study (id int primary key, owner uuid);
      create function public.can_edit(uid uuid, s public.study) returns boolean language sql as $$ select s.owner = uid $$;
      alter table public.study enable row level security;
      create policy edit on public.study for update using (public.can_edit(auth.uid(), study));`;
      const c = await diffCase(target, from, '');
      expect(c.plan.statements).toEqual([
        'drop policy edit on public.study;',
        'drop function public.can_edit(uid uuid, s public.study);',
        'drop table public.study;',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );
});

// pgmq exists on the embedded engine (kodo's stand-in), not on a plain PostgreSQL server.
describe('an extension with a schema of its own on PGlite', () => {
  it('creates pgmq without WITH SCHEMA: it makes its own schema, which is the platform’s and not in the snapshot', async () => {
    const c = await diffCase(
      TARGETS[0]!,
      '',
      'create schema if not exists pgmq; create extension if not exists pgmq with schema pgmq;',
    );
    expect(c.plan.statements).toEqual(['create extension if not exists pgmq;']);
    expect(c.verification.verified, explain(c)).toBe(true);
  });
});
