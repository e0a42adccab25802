// Extensions (created before what uses them, moved between schemas, dropped after) and publications with their
// members, the platform's supabase_realtime included; each diff verified on every target.
import { describe, expect, it } from 'vitest';
import { TARGETS } from '../db/targets.js';
import { diffCase, explain, withoutAnnotations } from './harness.js';

const MESSAGES = `create table public.messages (id int primary key, body text);`;

describe.each(TARGETS)('extensions and publications on $name', (target) => {
  it.skipIf(target.skip)(
    'an extension added into extensions comes before the table using its type and an index using its opclass',
    async () => {
      const to = `create extension hstore with schema extensions; create extension pg_trgm with schema extensions;
      create table public.kv (id int, v extensions.hstore, name text);
      create index kv_name_trgm on public.kv using gin (name extensions.gin_trgm_ops);`;
      const c = await diffCase(target, '', to);
      expect(withoutAnnotations(c)).toEqual([
        '+ column public.kv.id',
        '+ column public.kv.name',
        '+ column public.kv.v',
        '+ extension hstore',
        '+ extension pg_trgm',
        '+ index public.kv_name_trgm',
        '+ table public.kv',
      ]);
      expect(c.plan.statements).toEqual([
        'create extension if not exists hstore with schema extensions;',
        'create extension if not exists pg_trgm with schema extensions;',
        'create table public.kv (\n  id integer,\n  v extensions.hstore,\n  name text\n);',
        'CREATE INDEX kv_name_trgm ON public.kv USING gin (name extensions.gin_trgm_ops);',
      ]);
      // The order is the catalog's, not the kinds' ranking: the extension stands for its type and operator class.
      expect(c.to.objects.get('column public.kv.v')!.deps).toContain('extension hstore');
      expect(c.to.objects.get('index public.kv_name_trgm')!.deps).toContain('extension pg_trgm');
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'an extension moved to another schema, and one dropped after its table',
    async () => {
      const from = `create extension citext with schema public; create extension hstore with schema extensions;
      create table public.h (v extensions.hstore);`;
      const c = await diffCase(target, from, `create extension citext with schema extensions;`);
      expect(withoutAnnotations(c)).toEqual([
        '- column public.h.v',
        '~ extension citext: schema: public → extensions',
        '- extension hstore',
        '- table public.h',
      ]);
      expect(c.plan.statements).toEqual([
        'drop table public.h;',
        'drop extension hstore;',
        'alter extension citext set schema extensions;',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'a table added to supabase_realtime, a new publication for inserts and updates',
    async () => {
      const c = await diffCase(
        target,
        `${MESSAGES} create publication gone;`,
        `${MESSAGES} alter publication supabase_realtime add table public.messages;
         create publication p with (publish = 'insert, update');`,
      );
      expect(c.summary).toEqual([
        '- publication gone',
        '+ publication p',
        '+ publication-table supabase_realtime:public.messages',
      ]);
      expect(c.plan.statements).toEqual([
        'drop publication gone;',
        "create publication p with (publish = 'insert, update');",
        'alter publication supabase_realtime add table public.messages;',
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    "a table removed from supabase_realtime; publications' options changed in place",
    async () => {
      const c = await diffCase(
        target,
        `${MESSAGES} alter publication supabase_realtime add table public.messages;
         create publication p with (publish = 'insert, update');`,
        `${MESSAGES} alter publication supabase_realtime set (publish = 'insert');
         create publication p with (publish = 'insert, update, delete', publish_via_partition_root = true);`,
      );
      expect(c.summary).toEqual([
        '~ publication p: publish: insert, update → insert, update, delete; viaRoot: false → true',
        '~ publication supabase_realtime: publish: insert, update, delete, truncate → insert',
        '- publication-table supabase_realtime:public.messages',
      ]);
      expect(c.plan.statements).toEqual([
        'alter publication supabase_realtime drop table public.messages;',
        "alter publication p set (publish = 'insert, update, delete', publish_via_partition_root = true);",
        "alter publication supabase_realtime set (publish = 'insert');",
      ]);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)(
    'column lists, row filters, tables in schema, for all tables; a dropped table leaves its publication',
    async () => {
      const tables = `create table public.m (id int primary key, body text, secret text);
        create schema app; create table app.a (id int);`;
      const from = `${tables} create table public.old (id int);
        create publication p for table public.m, public.old; create publication s for tables in schema public;`;
      const to = `${tables} create publication p for table public.m (id, body) where (id > 0);
        create publication s for tables in schema app; create publication everything for all tables;`;
      const c = await diffCase(target, from, to);
      expect(withoutAnnotations(c)).toEqual([
        '- column public.old.id',
        '+ publication everything',
        '~ publication-table p:public.m: columns: none → ["id","body"]; where: none → (id > 0)',
        '- publication-table p:public.old',
        '+ publication-table s:app.*',
        '- publication-table s:public.*',
        '- table public.old',
      ]);
      expect(c.plan.statements).toEqual([
        'alter publication p drop table public.m;',
        'alter publication p drop table public.old;',
        'alter publication s drop tables in schema public;',
        'drop table public.old;',
        "create publication everything for all tables with (publish = 'insert, update, delete, truncate');",
        'alter publication p add table public.m (id, body) where ((id > 0));',
        'alter publication s add tables in schema app;',
      ]);
      expect(c.plan.destructive).toEqual(['drops table public.old and its rows']);
      expect(c.verification.verified, explain(c)).toBe(true);
    },
  );

  it.skipIf(target.skip)('equal extensions and publications give an empty diff', async () => {
    const sql = `create extension citext with schema extensions; ${MESSAGES}
      alter publication supabase_realtime add table public.messages (id) where (id > 0);
      create publication p for table public.messages with (publish = 'insert');`;
    const c = await diffCase(target, sql, sql);
    expect(c.summary).toEqual([]);
    expect(c.verification.verified, explain(c)).toBe(true);
  });
});
