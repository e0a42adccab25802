// The history kodo writes equals what the Supabase CLI writes: same table, same (version, name, statements) rows.
import { describe, expect, it } from 'vitest';
import { up } from '../../src/apply/up.js';
import { approve, freshTarget, historyRows, makeProject, onDatabase, TARGETS } from './helpers.js';

const FILES: Record<string, string> = {
  '20240101000000_init.sql': [
    '-- Notes with a trigger',
    'create table public.notes (id bigint generated always as identity primary key, body text);',
    '',
    'create function public.touch() returns trigger language plpgsql as $body$',
    'begin',
    "  new.body := coalesce(new.body, ''); -- keep ; inside",
    '  return new;',
    'end;',
    '$body$;',
    '',
    '/* a /* nested */ comment; */',
    'create trigger notes_touch before insert on public.notes for each row execute function public.touch();',
    '',
  ].join('\n'),
  '20240101000001_atomic.sql': [
    'create function public.add(a integer, b integer) returns integer',
    'language sql immutable',
    'begin atomic',
    '  select case when a is null then 0 else a end + b;',
    'end;',
    'create rule notes_notify as on update to public.notes do also (notify notes; select 1);',
    "comment on table public.notes is 'it''s; fine';",
    ';;',
    '-- trailing comment only',
  ].join('\n'),
  '20240101000002_empty.sql': '-- nothing to do\n',
};

const EXPECTED = [
  {
    version: '20240101000000',
    name: 'init',
    statements: [
      '-- Notes with a trigger\ncreate table public.notes (id bigint generated always as identity primary key, body text)',
      "create function public.touch() returns trigger language plpgsql as $body$\nbegin\n  new.body := coalesce(new.body, ''); -- keep ; inside\n  return new;\nend;\n$body$",
      '/* a /* nested */ comment; */\ncreate trigger notes_touch before insert on public.notes for each row execute function public.touch()',
    ],
  },
  {
    version: '20240101000001',
    name: 'atomic',
    statements: [
      'create function public.add(a integer, b integer) returns integer\nlanguage sql immutable\nbegin atomic\n  select case when a is null then 0 else a end + b;\nend',
      'create rule notes_notify as on update to public.notes do also (notify notes; select 1)',
      "comment on table public.notes is 'it''s; fine'",
      '-- trailing comment only',
    ],
  },
  { version: '20240101000002', name: 'empty', statements: ['-- nothing to do'] },
];

describe.each(TARGETS)('history rows on $kind', ({ kind, skip }) => {
  it.skipIf(skip)('equal what the Supabase CLI writes, statement for statement', async () => {
    const project = await makeProject(FILES);
    const spec = await freshTarget(kind, project);
    const result = await up({ root: project.root, db: spec, env: {}, confirm: approve });
    expect(result.failure).toBeNull();
    expect(result.applied).toEqual(['20240101000000', '20240101000001', '20240101000002']);
    expect(await historyRows(project, spec)).toEqual(EXPECTED);
  });

  it.skipIf(skip)('creates the CLI table shape and a separate checksum table', async () => {
    const project = await makeProject({ '20240101000000_a.sql': 'select 1;' });
    const spec = await freshTarget(kind, project);
    await up({ root: project.root, db: spec, env: {}, confirm: approve });
    await onDatabase(project, spec, async (db) => {
      const { rows } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
        `select table_name, column_name, data_type from information_schema.columns
          where table_schema = 'supabase_migrations' order by table_name, ordinal_position`,
      );
      expect(rows).toEqual([
        { table_name: 'kodo_applied', column_name: 'version', data_type: 'text' },
        { table_name: 'kodo_applied', column_name: 'sha256', data_type: 'text' },
        { table_name: 'kodo_applied', column_name: 'applied_at', data_type: 'timestamp with time zone' },
        { table_name: 'schema_migrations', column_name: 'version', data_type: 'text' },
        { table_name: 'schema_migrations', column_name: 'statements', data_type: 'ARRAY' },
        { table_name: 'schema_migrations', column_name: 'name', data_type: 'text' },
      ]);
      const sums = await db.query<{ version: string; sha256: string }>(
        'select version, sha256 from supabase_migrations.kodo_applied',
      );
      // sha256 of the file's bytes, "select 1;"
      expect(sums.rows).toEqual([
        {
          version: '20240101000000',
          sha256: '354b7196c9ba5fb4b21cf615bb6ec4cd5c07503c34229feef033fc081a8c03f4',
        },
      ]);
    });
  });

  it.skipIf(skip)('tolerates platform columns the CLI does not create', async () => {
    const project = await makeProject({
      '20240101000000_a.sql': 'select 1;',
      '20240101000001_b.sql': 'select 2;',
    });
    const spec = await freshTarget(kind, project);
    await up({ root: project.root, db: spec, env: {}, confirm: approve });
    await onDatabase(project, spec, (db) =>
      db.exec(`alter table supabase_migrations.schema_migrations add column if not exists created_by text;
               alter table supabase_migrations.schema_migrations add column if not exists idempotency_key text unique;
               alter table supabase_migrations.schema_migrations add column if not exists rollback text[];
               insert into supabase_migrations.schema_migrations(version, created_by) values ('20230101000000', 'studio');`),
    );
    await project.write('20230101000000_from_studio.sql', 'select 0;');
    await project.write('20240101000002_c.sql', 'select 3;');
    const again = await up({ root: project.root, db: spec, env: {}, confirm: approve });
    expect(again.applied).toEqual(['20240101000002']);
    const rows = await historyRows(project, spec);
    expect(rows.map((r) => r.version)).toEqual([
      '20230101000000',
      '20240101000000',
      '20240101000001',
      '20240101000002',
    ]);
    expect(rows[0]).toEqual({ version: '20230101000000', name: null, statements: null });
  });
});
