import { describe, expect, it } from 'vitest';
import type { LoadedMigration } from '../../src/migrations/read.js';
import { splitStatements } from '../../src/migrations/split.js';
import { dataStatements } from '../../src/squash/data-statements.js';

function migration(text: string): LoadedMigration {
  return {
    version: '20240101000000',
    name: 'mixed',
    file: 'supabase/migrations/20240101000000_mixed.sql',
    path: '/p/supabase/migrations/20240101000000_mixed.sql',
    text,
    sha256: '',
    statements: splitStatements(text),
  };
}

const MIXED = `create table public.plans (id int primary key, name text);
create table logs (id serial primary key, at timestamptz);
insert into public.plans values (1, 'free'), (2, 'pro');
insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true);
alter table public.plans add column price int;
update plans set price = 0 where id = 1;
-- the nightly clean-up
select cron.schedule('nightly', '0 3 * * *', $$delete from public.logs$$);
select vault.create_secret('k','name');
select set_config('search_path','',false);
do $$
begin
  update public.plans set price = 10 where id = 2;
end
$$;
do $$
begin
  create table public.extra (id int);
  insert into public.extra values (1);
end
$$;
grant select on public.plans to anon;
select 1;`;

describe('dataStatements', () => {
  it('keeps the row changes and side-effect calls of a mixed migration, in order, with lines and targets', async () => {
    const got = await dataStatements(migration(MIXED));
    expect(got.map(({ line, kind, targets, sql }) => ({ line, kind, targets, sql }))).toEqual([
      {
        line: 3,
        kind: 'insert',
        targets: ['public.plans'],
        sql: "insert into public.plans values (1, 'free'), (2, 'pro')",
      },
      {
        line: 4,
        kind: 'insert',
        targets: ['storage.buckets'],
        sql: "insert into storage.buckets (id, name, public) values ('avatars', 'avatars', true)",
      },
      { line: 6, kind: 'update', targets: ['public.plans'], sql: 'update plans set price = 0 where id = 1' },
      {
        line: 8,
        kind: 'call',
        targets: ['cron.schedule'],
        sql: "-- the nightly clean-up\nselect cron.schedule('nightly', '0 3 * * *', $$delete from public.logs$$)",
      },
      {
        line: 9,
        kind: 'call',
        targets: ['vault.create_secret'],
        sql: "select vault.create_secret('k','name')",
      },
      {
        line: 11,
        kind: 'do',
        targets: ['public.plans'],
        sql: 'do $$\nbegin\n  update public.plans set price = 10 where id = 2;\nend\n$$',
      },
    ]);
    expect(got.every((s) => s.version === '20240101000000' && s.file.endsWith('_mixed.sql'))).toBe(true);
  });

  it('reads data-modifying CTEs, MERGE, TRUNCATE, COPY FROM a file, CALL and sequence calls', async () => {
    const text = `with moved as (delete from old_rows returning *) insert into archive.rows select * from moved;
with gone as (delete from public.sessions returning id) select count(*) from gone;
merge into public.stock s using public.delivery d on s.id = d.id when matched then update set n = s.n + d.n;
truncate public.a, audit.b;
copy public.t from '/tmp/t.csv';
copy public.t from stdin;
copy public.t to stdout;
call public.refresh_totals();
select setval('public.plans_id_seq', 10);
select seed_plans();
select * from pg_catalog.pg_tables;
select net.http_post('https://example.com');
create table t2 as select 1 as x;
select 1 into t3;`;
    const got = await dataStatements(migration(text));
    expect(got.map(({ line, kind, targets }) => ({ line, kind, targets }))).toEqual([
      { line: 1, kind: 'insert', targets: ['archive.rows', 'public.old_rows'] },
      { line: 2, kind: 'delete', targets: ['public.sessions'] },
      { line: 3, kind: 'merge', targets: ['public.stock'] },
      { line: 4, kind: 'truncate', targets: ['public.a', 'audit.b'] },
      { line: 5, kind: 'copy', targets: ['public.t'] },
      { line: 8, kind: 'call', targets: ['public.refresh_totals'] },
      { line: 9, kind: 'call', targets: ['pg_catalog.setval'] },
      { line: 10, kind: 'call', targets: ['public.seed_plans'] },
      { line: 12, kind: 'call', targets: ['net.http_post'] },
    ]);
  });

  it('keeps a DO block that PERFORMs a side-effect call, and leaves out one that only reads or sets', async () => {
    const text = `do $$ begin perform cron.unschedule('nightly'); exception when others then null; end $$;
do $$ declare n int; begin select count(*) into n from public.plans; perform set_config('a.b', 'c', false); end $$;`;
    const got = await dataStatements(migration(text));
    expect(got.map(({ line, kind, targets }) => ({ line, kind, targets }))).toEqual([
      { line: 1, kind: 'do', targets: ['cron.unschedule'] },
    ]);
  });

  it('counts lines in a file with a byte-order mark and CRLF line ends', async () => {
    const got = await dataStatements(
      migration('\ufeffcreate table t (a int);\r\n\r\ninsert into t values (1);\r\n'),
    );
    expect(got.map((s) => [s.line, s.kind, s.sql])).toEqual([[3, 'insert', 'insert into t values (1)']]);
  });
});
