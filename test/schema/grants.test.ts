// Grants and default privileges: the Supabase CLI's known grant troubles (perpetual GRANTs cli#4902, spurious
// REVOKEs cli#5601, column privileges never diffed supabase#19448, a column GRANT before the table's REVOKE
// pg-toolbelt#96, GRANTs that default privileges already give cli#1864), each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import type { DiffCase } from './harness.js';
import { diffCase, explain } from './harness.js';

const BASE = `create table public.t (id int, title text);`;
const FN = `create function public.f() returns int language sql as 'select 1';`;

/** Every table privilege, lower-case and sorted, as a REVOKE lists them (Postgres 17 adds MAINTAIN). */
function allOnTable(c: DiffCase): string {
  const maintain = c.to.serverVersion >= 17 ? ' maintain,' : '';
  return `delete, insert,${maintain} references, select, trigger, truncate, update`;
}

function grantStatements(c: DiffCase): string[] {
  return c.plan.statements.filter((s) => /^(grant|revoke|alter default privileges)/.test(s));
}

describe.each(TARGETS)('grants and default privileges on $name', (target) => {
  it.skipIf(target.skip)(
    'a table with the default grants diffs empty; a new one brings no GRANT',
    async () => {
      const same = await diffCase(target, BASE, BASE);
      expect(same.summary).toEqual([]);
      expect(same.sql).toBe('');
      expect(same.verification.verified, explain(same)).toBe(true);

      const added = await diffCase(target, '', `create table public.t (id int);`);
      expect(added.summary).toEqual(['+ acl table public.t', '+ column public.t.id', '+ table public.t']);
      expect(added.plan.statements).toEqual(['create table public.t (\n  id integer\n);']);
      expect(added.verification.verified, explain(added)).toBe(true);
    },
  );

  it.skipIf(target.skip)('revoke all and grant select back: only what anon lost is revoked', async () => {
    const c = await diffCase(
      target,
      BASE,
      `${BASE} revoke all on table public.t from anon; grant select on table public.t to anon;`,
    );
    expect(c.summary).toEqual([`~ acl table public.t: anon: ${allOnTable(c).toUpperCase()} → SELECT`]);
    const lost = allOnTable(c).replace(' select,', '');
    expect(c.plan.statements).toEqual([`revoke ${lost} on table public.t from anon;`]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('a new table whose to-state revoked anon: one REVOKE after the CREATE', async () => {
    const c = await diffCase(target, '', `${BASE} revoke all on table public.t from anon;`);
    expect(c.plan.statements).toEqual([
      'create table public.t (\n  id integer,\n  title text\n);',
      `revoke ${allOnTable(c)} on table public.t from anon;`,
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('column privileges: the table REVOKE comes before the column GRANT', async () => {
    const to = `${BASE} revoke update on public.t from authenticated; grant update (title) on public.t to authenticated;`;
    const added = await diffCase(target, BASE, to);
    expect(added.summary).toEqual([
      '+ acl column public.t.title',
      expect.stringMatching(/^~ acl table public\.t: authenticated: .*UPDATE → .*TRUNCATE$/),
    ]);
    expect(added.plan.statements).toEqual([
      'revoke update on table public.t from authenticated;',
      'grant update (title) on table public.t to authenticated;',
    ]);
    expect(added.verification.verified, explain(added)).toBe(true);

    const removed = await diffCase(target, to, BASE);
    expect(removed.summary).toEqual([
      '- acl column public.t.title',
      expect.stringMatching(/^~ acl table public\.t: authenticated: /),
    ]);
    expect(removed.plan.statements).toEqual([
      'revoke update (title) on table public.t from authenticated;',
      'grant update on table public.t to authenticated;',
    ]);
    expect(removed.verification.verified, explain(removed)).toBe(true);
  });

  it.skipIf(target.skip)(
    'a column grant that stays is given back after its table REVOKE took it',
    async () => {
      const column = `grant update (title) on public.t to authenticated;`;
      const c = await diffCase(
        target,
        `${BASE} ${column}`,
        `${BASE} revoke update on public.t from authenticated; ${column}`,
      );
      expect(c.summary).toEqual([expect.stringMatching(/^~ acl table public\.t: authenticated: /)]);
      expect(c.plan.statements).toEqual([
        'revoke update on table public.t from authenticated;',
        'grant update (title) on table public.t to authenticated;',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)('column privileges change: another grantee, a grant option', async () => {
    const c = await diffCase(
      target,
      `${BASE} grant select (title) on public.t to anon; grant references (id) on public.t to anon;`,
      `${BASE} grant select (title) on public.t to anon with grant option; grant references (id) on public.t to authenticated;`,
    );
    expect(c.summary).toEqual([
      '~ acl column public.t.id: anon: REFERENCES → none; authenticated: none → REFERENCES',
      '~ acl column public.t.title: anon: SELECT → SELECT*',
    ]);
    expect(c.plan.statements).toEqual([
      'revoke references (id) on table public.t from anon;',
      'grant references (id) on table public.t to authenticated;',
      'grant select (title) on table public.t to anon with grant option;',
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'function EXECUTE revoked from public and anon: on a new function and an existing one',
    async () => {
      const revoke = `revoke execute on function public.f() from public, anon;`;
      const created = await diffCase(target, '', `${FN} ${revoke}`);
      expect(created.summary).toContain('+ acl function public.f()');
      expect(grantStatements(created)).toEqual([
        'revoke execute on function public.f() from public;',
        'revoke execute on function public.f() from anon;',
      ]);
      expect(created.verification.verified, explain(created)).toBe(true);

      const altered = await diffCase(target, FN, `${FN} ${revoke}`);
      expect(altered.summary).toEqual([
        '~ acl function public.f(): PUBLIC: EXECUTE → none; anon: EXECUTE → none',
      ]);
      expect(altered.plan.statements).toEqual([
        'revoke execute on function public.f() from public;',
        'revoke execute on function public.f() from anon;',
      ]);
      expect(altered.verification.verified, explain(altered)).toBe(true);

      const back = await diffCase(target, `${FN} ${revoke}`, FN);
      expect(back.plan.statements).toEqual([
        'grant execute on function public.f() to public;',
        'grant execute on function public.f() to anon;',
      ]);
      expect(back.verification.verified, explain(back)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a view stepped aside for a column type change gets its grants and comment back',
    async () => {
      const view = `create view public.v as select id, title from public.t;
      revoke select on public.v from anon; comment on view public.v is 'V';`;
      const c = await diffCase(
        target,
        `${BASE} ${view}`,
        `create table public.t (id int, title varchar(80)); ${view}`,
      );
      expect(c.summary).toEqual(['~ column public.t.title: type: text → character varying(80)']);
      expect(c.plan.statements.filter((s) => /^(grant|revoke|comment)/.test(s))).toEqual([
        'revoke select on table public.v from anon;',
        "comment on view public.v is 'V';",
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)('schema grants: added with the schema, changed, gone with it', async () => {
    const api = `create schema api; grant usage on schema api to anon, authenticated;`;
    const added = await diffCase(target, '', api);
    expect(added.summary).toEqual(['+ acl schema api', '+ schema api']);
    expect(added.plan.statements).toEqual([
      'create schema api;',
      'grant usage on schema api to anon;',
      'grant usage on schema api to authenticated;',
    ]);
    expect(added.verification.verified, explain(added)).toBe(true);

    const changed = await diffCase(
      target,
      api,
      `create schema api; grant usage, create on schema api to authenticated;`,
    );
    expect(changed.summary).toEqual([
      '~ acl schema api: anon: USAGE → none; authenticated: USAGE → CREATE, USAGE',
    ]);
    expect(changed.plan.statements).toEqual([
      'revoke usage on schema api from anon;',
      'grant create on schema api to authenticated;',
    ]);
    expect(changed.verification.verified, explain(changed)).toBe(true);

    const dropped = await diffCase(target, api, '');
    expect(dropped.plan.statements).toEqual(['drop schema api;']);
    expect(dropped.verification.verified, explain(dropped)).toBe(true);
  });

  it.skipIf(target.skip)('sequence, view and type grants', async () => {
    const objects = `create sequence public.s; create view public.v as select 1 as one;
      create materialized view public.m as select 1 as one;
      create type public.mood as enum ('ok'); create domain public.pos as int; create type public.pair as (a int);
      create procedure public.p() language sql as 'select 1';`;
    const c = await diffCase(
      target,
      objects,
      `${objects} revoke update on sequence public.s from anon; revoke select on public.v from anon;
       revoke usage on type public.mood from public; grant usage on domain public.pos to anon with grant option;
       revoke usage on type public.pair from public; revoke execute on procedure public.p() from anon;
       revoke insert on public.m from authenticated;`,
    );
    expect(grantStatements(c)).toEqual([
      'revoke usage on type public.pair from public;',
      'grant usage on domain public.pos to anon with grant option;',
      'revoke usage on type public.mood from public;',
      'revoke execute on procedure public.p() from anon;',
      'revoke update on sequence public.s from anon;',
      'revoke insert on table public.m from authenticated;',
      'revoke select on table public.v from anon;',
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'default privileges in a schema: added, removed, and read by a table created after',
    async () => {
      const revoke = `alter default privileges in schema public revoke all on tables from anon;`;
      const added = await diffCase(target, BASE, `${BASE} ${revoke} create table public.u (id int);`);
      expect(added.summary).toEqual([
        '+ acl table public.u',
        '+ column public.u.id',
        `~ default-acl for role postgres in schema public on tables: anon: ${allOnTable(added).toUpperCase()} → none`,
        '+ table public.u',
      ]);
      expect(added.plan.statements).toEqual([
        `alter default privileges for role postgres in schema public revoke ${allOnTable(added)} on tables from anon;`,
        'create table public.u (\n  id integer\n);',
      ]);
      expect(added.verification.verified, explain(added)).toBe(true);

      const removed = await diffCase(target, `${BASE} ${revoke}`, `${BASE} create table public.u (id int);`);
      expect(removed.plan.statements).toEqual([
        `alter default privileges for role postgres in schema public grant ${allOnTable(removed)} on tables to anon;`,
        'create table public.u (\n  id integer\n);',
      ]);
      expect(removed.verification.verified, explain(removed)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'global default privileges and a new schema’s: created, changed, dropped',
    async () => {
      const global = `alter default privileges revoke execute on functions from public;`;
      const api = `create schema api; alter default privileges in schema api grant select on tables to anon;`;
      const added = await diffCase(target, '', `${global} ${api} ${FN} create table api.t (id int);`);
      expect(added.summary.filter((l) => l.includes('default-acl'))).toEqual([
        '+ default-acl for role postgres on functions',
        '+ default-acl for role postgres in schema api on tables',
      ]);
      expect(grantStatements(added)).toEqual([
        'alter default privileges for role postgres revoke execute on functions from public;',
        'alter default privileges for role postgres in schema api grant select on tables to anon;',
      ]);
      expect(added.verification.verified, explain(added)).toBe(true);

      const changed = await diffCase(
        target,
        `${global} ${api}`,
        `create schema api; alter default privileges in schema api grant select, insert on tables to anon;
       alter default privileges in schema api grant usage on types to authenticated;`,
      );
      expect(changed.summary).toEqual([
        '- default-acl for role postgres on functions',
        '~ default-acl for role postgres in schema api on tables: anon: SELECT → INSERT, SELECT',
        '+ default-acl for role postgres in schema api on types',
      ]);
      expect(changed.plan.statements).toEqual([
        'alter default privileges for role postgres grant execute on functions to public;',
        'alter default privileges for role postgres in schema api grant insert on tables to anon;',
        'alter default privileges for role postgres in schema api grant usage on types to authenticated;',
      ]);
      expect(changed.verification.verified, explain(changed)).toBe(true);

      const dropped = await diffCase(target, `${api} create table api.t (id int);`, BASE);
      expect(dropped.plan.statements.some((s) => s.startsWith('alter default privileges'))).toBe(false);
      expect(dropped.verification.verified, explain(dropped)).toBe(true);
    },
  );

  it.skipIf(target.skip)('equal states with grants of every kind diff empty', async () => {
    const all = `${BASE} ${FN} create schema api; grant usage on schema api to anon;
      revoke update on public.t from authenticated; grant update (title) on public.t to authenticated;
      revoke execute on function public.f() from public, anon;
      alter default privileges in schema public revoke all on tables from anon;
      alter default privileges in schema api grant select on tables to anon;
      alter default privileges revoke execute on functions from public;`;
    const c = await diffCase(target, all, all);
    expect(c.summary).toEqual([]);
    expect(c.sql).toBe('');
    expect(c.verification.verified, explain(c)).toBe(true);
  });
});
