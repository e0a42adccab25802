// Rollbacks beyond one statement kind: data statements and calls listed as irreversible with their lines, a data-only
// migration (verified, nothing written), the written file (one new migration, equal to `sql`, the folder still
// checks, a rename's rows survive it), a rollback whose placement breaks the folder (nothing written), files that
// name no migration, and the hybrid example's ranges.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import { up } from '../../src/apply/up.js';
import { KodoError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/db/open.js';
import { runRollback } from '../../src/rollback/rollback.js';
import { copyExample, makeFiles, migrationFiles } from '../helpers/temp.js';
import { body, migrationsProject, NEXT_VERSION, NOW, rollbackOf } from './round-trip-helpers.js';

const ITEMS = 'create table public.items (id int primary key, qty int);';
const NO_FILE =
  'supabase/migrations/20240102000000_change.sql changed no schema object, so there is nothing to roll back and no file was written; what it did to rows is listed as irreversible';

describe('what a rollback cannot undo', { timeout: 60_000 }, () => {
  it('a schema change with data statements: the column is dropped, the UPDATE and DELETE are listed', async () => {
    const result = await rollbackOf(
      ITEMS,
      "alter table public.items add column note text;\nupdate public.items set note = 'x';\ndelete from public.items where qty < 0;",
    );
    expect(result).toMatchObject({ verified: true, version: NEXT_VERSION, path: null, warnings: [] });
    expect(body(result.sql)).toEqual(['alter table public.items drop column note;']);
    expect(result.irreversible).toEqual([
      {
        line: 2,
        statement: "update public.items set note = 'x'",
        reason: 'values changed in public.items are not restored',
      },
      {
        line: 3,
        statement: 'delete from public.items where qty < 0',
        reason: 'rows deleted from public.items are not restored',
      },
    ]);
  });

  it('a migration of data statements only: verified, no file, every statement listed with its line', async () => {
    const result = await rollbackOf(
      `${ITEMS}\ninsert into public.items values (1, 1), (2, 2);`,
      'delete from public.items where id = 1;\nupdate public.items set qty = 5 where id = 2;\ntruncate public.items;\ninsert into public.items values (3, 3);',
    );
    expect(result).toMatchObject({ verified: true, version: null, path: null, sql: '', warnings: [NO_FILE] });
    expect(result.irreversible).toEqual([
      {
        line: 1,
        statement: 'delete from public.items where id = 1',
        reason: 'rows deleted from public.items are not restored',
      },
      {
        line: 2,
        statement: 'update public.items set qty = 5 where id = 2',
        reason: 'values changed in public.items are not restored',
      },
      {
        line: 3,
        statement: 'truncate public.items',
        reason: 'rows truncated from public.items are not restored',
      },
      {
        line: 4,
        statement: 'insert into public.items values (3, 3)',
        reason: 'rows inserted into public.items stay (the rollback removes no rows)',
      },
    ]);
  });

  it('cron.schedule and net.http_post (stand-ins on the embedded database): side effects, listed', async () => {
    const result = await rollbackOf(
      `create extension if not exists pg_cron;\ncreate extension if not exists pg_net;\n${ITEMS}`,
      "select 1;\nselect cron.schedule('nightly', '0 3 * * *', $$delete from public.items$$);\nselect net.http_post(url := 'https://example.com/hook');",
    );
    expect(result).toMatchObject({ verified: true, version: null, path: null, sql: '', warnings: [NO_FILE] });
    expect(result.irreversible).toEqual([
      {
        line: 2,
        statement: "select cron.schedule('nightly', '0 3 * * *', $$delete from public.items$$)",
        reason:
          'cron.schedule(...) has side effects outside the schema (a scheduled job); the rollback does not undo them',
      },
      {
        line: 3,
        statement: "select net.http_post(url := 'https://example.com/hook')",
        reason:
          'net.http_post(...) has side effects outside the schema (an HTTP request sent); the rollback does not undo them',
      },
    ]);
  });
});

describe('writing a rollback', { timeout: 60_000 }, () => {
  it('creates exactly one new migration equal to the result, and the folder still checks', async () => {
    const root = await migrationsProject({
      // RLS on, so kodo check has no error-level finding and its verdict is the replay's.
      '20240101000000_items.sql': `${ITEMS}\nalter table public.items enable row level security;\n`,
      '20240102000000_note.sql': 'alter table public.items add column note text;\n',
    });
    const result = await runRollback(root, { file: '20240102000000_note.sql', now: NOW, env: {} });
    expect(result).toMatchObject({
      verified: true,
      dryRun: false,
      version: NEXT_VERSION,
      // An absolute path, though `file` is relative to the root (reported to the lead).
      path: path.join(root, `supabase/migrations/${NEXT_VERSION}_rollback_note.sql`),
    });
    expect(await migrationFiles(root)).toEqual([
      '20240101000000_items.sql',
      '20240102000000_note.sql',
      `${NEXT_VERSION}_rollback_note.sql`,
    ]);
    expect(await fs.readFile(result.path!, 'utf8')).toBe(result.sql);
    const check = await checkMigrations({ root, env: {} });
    expect(check).toMatchObject({ ok: true, total: 3, applied: 3, failure: null });
  });

  it('walks renames back in place: a row written under the new names survives the rollback', async () => {
    const root = await migrationsProject({
      '20240101000000_items.sql': 'create table public.items (id int primary key, name text);\n',
      '20240102000000_rename.sql':
        'alter table public.items rename to products;\nalter table public.products rename column name to title;\n',
    });
    expect((await up({ root, env: {} })).applied).toEqual(['20240101000000', '20240102000000']);
    await onEmbedded(root, (db) => db.exec("insert into public.products (id, title) values (7, 'kept')"));
    const result = await runRollback(root, { file: '20240102000000', now: NOW, env: {} });
    expect(result.verified).toBe(true);
    expect(body(result.sql)).toEqual([
      'ALTER TABLE public.products RENAME COLUMN title TO name;',
      'ALTER TABLE public.products RENAME TO items;',
    ]);
    expect((await up({ root, env: {} })).applied).toEqual([NEXT_VERSION]);
    expect(
      await onEmbedded(root, async (db) => ({
        rows: (await db.query('select id, name from public.items')).rows,
        products: (await db.query("select to_regclass('public.products') as t")).rows[0],
      })),
    ).toEqual({ rows: [{ id: 7, name: 'kept' }], products: { t: null } });
  });

  it('refuses a rollback that would break a later file where it sorts: verified false, nothing written', async () => {
    const root = await migrationsProject({
      '20240101000000_items.sql': 'create table public.items (id int primary key, name text);\n',
      '20240102000000_names.sql': 'create view public.names as select name from public.items;\n',
    });
    const before = await migrationFiles(root);
    const result = await runRollback(root, { file: '20240101000000', now: NOW, env: {} });
    expect(result).toMatchObject({ verified: false, path: null, version: NEXT_VERSION });
    expect(result.remaining).toEqual([
      `supabase/migrations/${NEXT_VERSION}_rollback_items.sql does not apply after the migrations that sort before it (cannot drop table items because other objects depend on it); if later migrations build on what it removes, roll those back first`,
    ]);
    expect(await migrationFiles(root)).toEqual(before);
  });

  it('CREATE TABLE IF NOT EXISTS: rows inserted stay only where the table was already there', async () => {
    const result = await rollbackOf(
      'create table if not exists public.old (id int);',
      'create table if not exists public.cfg (id int);\ninsert into public.cfg values (1);\ncreate table if not exists public.old (id int);\ninsert into public.old values (2);',
    );
    expect(result.verified).toBe(true);
    expect(result.irreversible).toEqual([
      {
        line: 4,
        statement: 'insert into public.old values (2)',
        reason: 'rows inserted into public.old stay (the rollback removes no rows)',
      },
    ]);
    expect(result.destructive).toEqual(['drops table public.cfg and its rows']);
  });

  it('does not claim a rollback of what the engine does not model (an aggregate): unproven, nothing written', async () => {
    const result = await rollbackOf(
      'create table public.t (n int);',
      'create aggregate public.total(int) (sfunc = int4pl, stype = int);\ncreate index t_n on public.t (n);',
    );
    expect(result).toMatchObject({ verified: false, path: null, version: null });
    expect(result.remaining).toEqual([
      'aggregate public.total(integer) is changed by the migration but not modeled by kodo yet, so its rollback cannot be proven; write that part by hand',
    ]);
    expect(result.sql).toContain('NOT verified (see remaining)');
  });

  it('names no migration for an unknown version or a path outside the folder', async () => {
    // The project sits in a folder beside a real x.sql, so `../x.sql` names an existing file outside it.
    const outer = await makeFiles({
      'project/supabase/migrations/20240101000000_items.sql': `${ITEMS}\n`,
      'x.sql': `${ITEMS}\n`,
    });
    const root = path.join(outer, 'project');
    for (const file of ['20990101000000', '../x.sql', 'supabase/migrations/../../x.sql']) {
      const error = await runRollback(root, { file, dryRun: true, env: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KodoError);
      expect(error).toMatchObject({
        code: 'unknown-migration',
        message: `No migration in supabase/migrations is "${file}"; give its version, file name or path (the newest is supabase/migrations/20240101000000_items.sql).`,
      });
    }
  });
});

describe('rollbacks in the hybrid example take their own range', { timeout: 120_000 }, () => {
  it('a schema rollback takes the next even shared version, a behaviour-only one the next odd; a range rollback that breaks a later service is refused', async () => {
    const root = await copyExample();
    const before = await migrationFiles(root);
    // 00400 creates a view (schema): shared range, highest 00401 → 00402.
    expect(await runRollback(root, { file: '00400', dryRun: true, env: {} })).toMatchObject({
      verified: true,
      version: '00402',
      path: null,
    });
    // 00200 creates python's events table: its rollback sorts at 00202, before 00400's view that reads it.
    const broken = await runRollback(root, { file: '00200', env: {} });
    expect(broken).toMatchObject({ verified: false, version: '00202', path: null });
    expect(broken.remaining).toEqual([
      'with the rollback at version 00202, a later migration no longer applies (supabase/migrations/00400_shared_views.sql:19:10: relation "public.events" does not exist); roll that one back first, or keep what it needs',
    ]);
    expect(await migrationFiles(root)).toEqual(before);
    // 00401 adds storage policies (behaviour only) and a bucket row: odd 00403, the bucket listed as staying.
    const result = await runRollback(root, { file: '00401', env: {} });
    expect(result).toMatchObject({
      verified: true,
      version: '00403',
      path: path.join(root, 'supabase/migrations/00403_shared_rollback_avatars_rls.sql'),
    });
    expect(body(result.sql)).toEqual([
      'drop policy avatars_delete_own_folder on storage.objects;',
      'drop policy avatars_insert_own_folder on storage.objects;',
      'drop policy avatars_select_own_folder on storage.objects;',
      'drop policy avatars_update_own_folder on storage.objects;',
    ]);
    expect(result.irreversible).toEqual([
      {
        line: 6,
        statement: "insert into storage.buckets (id, name, public) values ('avatars', 'avatars', fa…",
        reason: 'rows inserted into storage.buckets stay (the rollback removes no rows)',
      },
    ]);
    expect(await migrationFiles(root)).toEqual([...before, '00403_shared_rollback_avatars_rls.sql'].sort());
    expect(await fs.readFile(result.path!, 'utf8')).toBe(result.sql);
    expect(await checkMigrations({ root, env: {} })).toMatchObject({ ok: true, failure: null });
  });
});

async function onEmbedded<T>(
  root: string,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
  const db = await openDatabase('embedded', { root, env: {} });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
