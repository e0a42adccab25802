// Views and materialized views: added, changed in place (options with ALTER VIEW, a query that keeps its columns
// with CREATE OR REPLACE VIEW), re-created otherwise with what depends on them, and stepped aside around a column
// type change of a table they read; each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain, withoutAnnotations as summary } from './harness.js';

const TABLE = `create table public.t (id int primary key, name text, score int);`;

describe.each(TARGETS)('views on $name', (target) => {
  // pg_get_viewdef qualifies a query's columns with their table up to Postgres 15, not from 16 (PGlite is 17).
  const t = target.engine === 'postgres' ? 't.' : '';

  it.skipIf(target.skip)(
    'adds, changes and drops views and materialized views, with their dependents',
    async () => {
      const from = `${TABLE}
      create view public.names with (security_barrier) as select id, name from public.t;
      create view public.renamed as select id, name from public.t;
      create view public.on_renamed as select id from public.renamed;
      create function public.renamed_insert() returns trigger language plpgsql as $$ begin return new; end $$;
      create trigger renamed_insert instead of insert on public.renamed for each row execute function public.renamed_insert();
      create view public.gone as select id from public.t;
      create materialized view public.scores as select id, score from public.t;
      create index scores_id on public.scores (id);`;
      const to = `${TABLE}
      create view public.names as select id, name, score from public.t where id > 0;
      create view public.renamed as select id, name as label from public.t;
      create view public.on_renamed as select id from public.renamed;
      create function public.renamed_insert() returns trigger language plpgsql as $$ begin return new; end $$;
      create trigger renamed_insert instead of insert on public.renamed for each row execute function public.renamed_insert();
      create view public.positive with (security_invoker = true, check_option = local) as
        select * from public.t where score > 0;
      create materialized view public.scores as select id, score * 2 as score from public.t;
      create index scores_id on public.scores (id);`;
      const c = await diffCase(target, from, to);
      expect(summary(c)).toEqual([
        '- view public.gone',
        `~ view public.names: definition: SELECT ${t}id, ${t}name FROM public.t → SELECT ${t}id, ${t}name, ${t}score FROM public.t WHERE (${t}id > 0); options: ["security_barrier=true"] → []`,
        '+ view public.positive',
        `~ view public.renamed: definition: SELECT ${t}id, ${t}name FROM public.t → SELECT ${t}id, ${t}name AS label FROM public.t`,
        `~ view public.scores: definition: SELECT ${t}id, ${t}score FROM public.t → SELECT ${t}id, (${t}score * 2) AS score FROM public.t`,
      ]);
      const v = target.engine === 'postgres' ? 'renamed.' : '';
      expect(c.plan.statements).toEqual([
        'drop view public.gone;',
        'drop view public.on_renamed;',
        'drop view public.renamed;',
        'drop materialized view public.scores;',
        // CREATE OR REPLACE VIEW replaces the options too: security_barrier goes with no statement of its own.
        `create or replace view public.names as\nSELECT ${t}id,\n    ${t}name,\n    ${t}score\n   FROM public.t\n  WHERE (${t}id > 0);`,
        `create view public.positive with (check_option=local, security_invoker=true) as\nSELECT ${t}id,\n    ${t}name,\n    ${t}score\n   FROM public.t\n  WHERE (${t}score > 0);`,
        `create view public.renamed as\nSELECT ${t}id,\n    ${t}name AS label\n   FROM public.t;`,
        `create view public.on_renamed as\nSELECT ${v}id\n   FROM public.renamed;`,
        `create materialized view public.scores as\nSELECT ${t}id,\n    (${t}score * 2) AS score\n   FROM public.t\nwith data;`,
        'CREATE INDEX scores_id ON public.scores USING btree (id);',
        // Its INSTEAD OF trigger went with the view (no statement) and comes back.
        'CREATE TRIGGER renamed_insert INSTEAD OF INSERT ON public.renamed FOR EACH ROW EXECUTE FUNCTION public.renamed_insert();',
      ]);
      // A materialized view's rows come back from its query: re-creating it loses nothing.
      expect(c.plan.destructive).toEqual([]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)('security_invoker turned on alone is one ALTER VIEW', async () => {
    const from = `${TABLE} create view public.v as select id from public.t;`;
    const to = `${TABLE} create view public.v with (security_invoker = on) as select id from public.t;`;
    const c = await diffCase(target, from, to);
    expect(summary(c)).toEqual(['~ view public.v: options: [] → ["security_invoker=true"]']);
    expect(c.plan.statements).toEqual(['alter view public.v set (security_invoker=true);']);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)('options reset and changed in place; on and true are the same value', async () => {
    const from = `${TABLE} create view public.v with (security_barrier, security_invoker = true, check_option = local)
      as select id from public.t;`;
    const to = `${TABLE} create view public.v with (security_invoker = on, check_option = cascaded)
      as select id from public.t;`;
    const c = await diffCase(target, from, to);
    expect(summary(c)).toEqual([
      '~ view public.v: options: ["check_option=local","security_barrier=true","security_invoker=true"] → ["check_option=cascaded","security_invoker=true"]',
    ]);
    expect(c.plan.statements).toEqual([
      'alter view public.v reset (security_barrier);',
      'alter view public.v set (check_option=cascaded);',
    ]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });

  it.skipIf(target.skip)(
    'a column type change steps the views over it aside, across schemas and over a view',
    async () => {
      const from = `${TABLE} create schema api;
        create view api.v as select id, name from public.t;
        create view public.vv as select id from api.v;`;
      const to = from.replace('id int primary key', 'id bigint primary key');
      const c = await diffCase(target, from, to);
      expect(summary(c)).toEqual(['~ column public.t.id: type: integer → bigint']);
      const v = target.engine === 'postgres' ? 'v.' : '';
      expect(c.plan.statements).toEqual([
        'drop view public.vv;',
        'drop view api.v;',
        'alter table public.t alter column id type bigint using id::bigint;',
        `create view api.v as\nSELECT ${t}id,\n    ${t}name\n   FROM public.t;`,
        `create view public.vv as\nSELECT ${v}id\n   FROM api.v;`,
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );
});
