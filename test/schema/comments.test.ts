// Comments: added, changed and removed on tables, columns, functions and policies, and on every other kind that
// takes one; gone with their object without a statement; each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain } from './harness.js';

const OBJECTS = `create table public.t (id int primary key, title text);
  create function public.f() returns int language sql as 'select 1';
  alter table public.t enable row level security;
  create policy "own rows" on public.t using (true);`;

const COMMENTS = `comment on table public.t is 'Tasks';
  comment on column public.t.title is 'It''s the title';
  comment on function public.f() is 'One';
  comment on policy "own rows" on public.t is 'Everyone';`;

describe.each(TARGETS)('comments on $name', (target) => {
  it.skipIf(target.skip)('added on a table, a column, a function and a policy', async () => {
    const c = await diffCase(target, OBJECTS, `${OBJECTS} ${COMMENTS}`);
    expect(c.summary).toEqual([
      '+ comment column public.t.title',
      '+ comment function public.f()',
      '+ comment policy public.t.own rows',
      '+ comment table public.t',
    ]);
    expect(c.plan.statements).toEqual([
      "comment on column public.t.title is 'It''s the title';",
      "comment on function public.f() is 'One';",
      `comment on policy "own rows" on public.t is 'Everyone';`,
      "comment on table public.t is 'Tasks';",
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('changed and removed', async () => {
    const c = await diffCase(
      target,
      `${OBJECTS} ${COMMENTS}`,
      `${OBJECTS} comment on table public.t is 'Jobs'; comment on function public.f() is 'One';`,
    );
    expect(c.summary).toEqual([
      '- comment column public.t.title',
      '- comment policy public.t.own rows',
      '~ comment table public.t: text: Tasks → Jobs',
    ]);
    expect(c.plan.statements).toEqual([
      'comment on column public.t.title is null;',
      'comment on policy "own rows" on public.t is null;',
      "comment on table public.t is 'Jobs';",
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('a dropped object takes its comments along without a statement', async () => {
    const c = await diffCase(target, `${OBJECTS} ${COMMENTS}`, '');
    expect(c.plan.statements.filter((s) => s.startsWith('comment'))).toEqual([]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('every other kind: a new object comes with its comment', async () => {
    const objects = `${OBJECTS}
      create schema api;
      create index t_title on public.t (title);
      create view public.v as select id, title from public.t;
      create sequence public.s;
      create type public.mood as enum ('ok');
      create domain public.pos as int constraint pos_check check (value > 0);
      create function public.touch() returns trigger language plpgsql as 'begin return new; end';
      create trigger t_touch before update on public.t for each row execute function public.touch();`;
    const comments = `comment on schema api is 'API';
      comment on constraint t_pkey on public.t is 'Key';
      comment on index public.t_pkey is 'Key index';
      comment on index public.t_title is 'By title';
      comment on view public.v is 'A view';
      comment on column public.v.title is 'View title';
      comment on sequence public.s is 'Numbers';
      comment on type public.mood is 'Mood';
      comment on domain public.pos is 'Positive';
      comment on constraint pos_check on domain public.pos is 'Above zero';
      comment on trigger t_touch on public.t is 'Touches';`;
    const c = await diffCase(target, '', `${objects} ${comments}`);
    expect(c.plan.statements.filter((s) => s.startsWith('comment')).sort()).toEqual([
      "comment on column public.v.title is 'View title';",
      "comment on constraint pos_check on domain public.pos is 'Above zero';",
      "comment on constraint t_pkey on public.t is 'Key';",
      "comment on domain public.pos is 'Positive';",
      "comment on index public.t_pkey is 'Key index';",
      "comment on index public.t_title is 'By title';",
      "comment on schema api is 'API';",
      "comment on sequence public.s is 'Numbers';",
      "comment on trigger t_touch on public.t is 'Touches';",
      "comment on type public.mood is 'Mood';",
      "comment on view public.v is 'A view';",
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);

    const same = await diffCase(
      target,
      `${objects} ${comments} ${COMMENTS}`,
      `${objects} ${comments} ${COMMENTS}`,
    );
    expect(same.summary).toEqual([]);
    expect(same.verification.verified, explain(same)).toBe(true);
  });
});
