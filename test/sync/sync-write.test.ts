// kodo sync's core on a SQLx workspace: the files it writes (names, headers, rollbacks), and a second run that
// writes nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bodySha256 } from '../../src/sync/header.js';
import { syncOrm } from '../../src/sync/sync.js';
import { listTree } from '../helpers/temp.js';
import { sha256, sqlxProject } from './sync-helpers.js';

const CREATE = 'create table public.pets (id bigint primary key);\n';
const INDEX = '-- no-transaction\ncreate index concurrently pets_id_idx on public.pets (id);\n';
const UP = 'alter table public.pets add column name text;\n';
const DOWN = 'alter table public.pets drop column name;\n';
const MIGRATIONS = {
  '0001_create_pets.sql': CREATE,
  '0002_index_pets.sql': INDEX,
  '0003_name_pets.up.sql': UP,
  '0003_name_pets.down.sql': DOWN,
};
const src = (name: string) => `services/rs/migrations/${name}`;
const read = (root: string, file: string) => fs.readFile(path.join(root, file), 'utf8');

describe('kodo sync writes SQLx migrations', () => {
  it('one even version each, headers recording the source, the down file in supabase/rollbacks', async () => {
    const root = await sqlxProject(MIGRATIONS);
    const result = await syncOrm({ root });
    expect(result).toMatchObject({
      workspaces: [{ workspace: 'rs', tool: 'sqlx-cli', migrationsDir: 'services/rs/migrations' }],
      planned: [
        {
          workspace: 'rs',
          source: src('0001_create_pets.sql'),
          target: 'supabase/migrations/00300_rust_create_pets.sql',
          action: 'create',
        },
        {
          workspace: 'rs',
          source: src('0002_index_pets.sql'),
          target: 'supabase/migrations/00302_rust_index_pets.sql',
          action: 'create',
        },
        {
          workspace: 'rs',
          source: src('0003_name_pets.up.sql'),
          target: 'supabase/migrations/00304_rust_name_pets.sql',
          action: 'create',
        },
      ],
      written: [
        'supabase/migrations/00300_rust_create_pets.sql',
        'supabase/migrations/00302_rust_index_pets.sql',
        'supabase/migrations/00304_rust_name_pets.sql',
        'supabase/rollbacks/00304_rust_name_pets.sql',
      ],
      drift: [],
      synced: [],
      backups: [],
      skipped: [],
      dryRun: false,
    });
    expect(await read(root, 'supabase/migrations/00300_rust_create_pets.sql')).toBe(
      `-- kodo sync: workspace=rs tool=sqlx-cli body-sha256=${bodySha256(CREATE)}\n-- kodo sync: source=${src('0001_create_pets.sql')} sha256=${sha256(CREATE)}\n${CREATE}`,
    );
    const indexBody = INDEX.slice('-- no-transaction\n'.length);
    expect(await read(root, 'supabase/migrations/00302_rust_index_pets.sql')).toBe(
      `-- kodo sync: workspace=rs tool=sqlx-cli body-sha256=${bodySha256(indexBody)}\n-- kodo sync: source=${src('0002_index_pets.sql')} sha256=${sha256(INDEX)}\n-- kodo sync: no-transaction\n${indexBody}`,
    );
    expect(await read(root, 'supabase/migrations/00304_rust_name_pets.sql')).toBe(
      `-- kodo sync: workspace=rs tool=sqlx-cli body-sha256=${bodySha256(UP)}\n-- kodo sync: source=${src('0003_name_pets.up.sql')} sha256=${sha256(UP)}\n-- kodo sync: rollback=supabase/rollbacks/00304_rust_name_pets.sql\n${UP}`,
    );
    expect(await read(root, 'supabase/rollbacks/00304_rust_name_pets.sql')).toBe(
      `-- Rollback of supabase/migrations/00304_rust_name_pets.sql, written by kodo sync from the down migration of ${src('0003_name_pets.up.sql')}.\n${DOWN}`,
    );
    expect(result.notes).toEqual([
      `${src('0002_index_pets.sql')}: starts with -- no-transaction: sqlx runs it outside a transaction, while the Supabase CLI (and kodo) run a file in one transaction and only the statements that cannot run inside one (CREATE INDEX CONCURRENTLY, …) on their own; kodo check shows whether it applies that way.`,
    ]);
  });

  it('is idempotent: a second run writes nothing and lists every source as synced', async () => {
    const root = await sqlxProject(MIGRATIONS);
    await syncOrm({ root });
    const before = await listTree(root);
    const again = await syncOrm({ root });
    expect(await listTree(root)).toEqual(before);
    expect(again).toEqual({
      workspaces: [{ workspace: 'rs', tool: 'sqlx-cli', migrationsDir: 'services/rs/migrations' }],
      planned: [],
      written: [],
      drift: [],
      synced: [
        {
          workspace: 'rs',
          source: src('0001_create_pets.sql'),
          target: 'supabase/migrations/00300_rust_create_pets.sql',
        },
        {
          workspace: 'rs',
          source: src('0002_index_pets.sql'),
          target: 'supabase/migrations/00302_rust_index_pets.sql',
        },
        {
          workspace: 'rs',
          source: src('0003_name_pets.up.sql'),
          target: 'supabase/migrations/00304_rust_name_pets.sql',
        },
      ],
      backups: [],
      skipped: [],
      notes: [],
      dryRun: false,
    });
  });

  it('a dry run plans the same files and writes nothing', async () => {
    const root = await sqlxProject(MIGRATIONS);
    const before = await listTree(root);
    const dry = await syncOrm({ root, dryRun: true });
    expect(await listTree(root)).toEqual(before);
    expect(dry.planned.map((p) => p.target)).toEqual([
      'supabase/migrations/00300_rust_create_pets.sql',
      'supabase/migrations/00302_rust_index_pets.sql',
      'supabase/migrations/00304_rust_name_pets.sql',
    ]);
    expect(dry).toMatchObject({ written: [], dryRun: true });
  });

  it('a new source after syncing takes the next even version after every file of the range', async () => {
    const root = await sqlxProject({ '0001_create_pets.sql': CREATE });
    await syncOrm({ root });
    await fs.writeFile(path.join(root, 'supabase/migrations/00301_rust_pets_rls.sql'), 'select 1;\n');
    await fs.writeFile(path.join(root, src('0002_more.sql')), 'select 2;\n');
    expect((await syncOrm({ root })).written).toEqual(['supabase/migrations/00302_rust_more.sql']);
  });

  it('a new source that sorts before a synced one is synced after it, and said', async () => {
    const root = await sqlxProject({ '0001_a.sql': 'select 1;\n', '0003_c.sql': 'select 3;\n' });
    await syncOrm({ root });
    await fs.writeFile(path.join(root, src('0002_b.sql')), 'select 2;\n');
    const result = await syncOrm({ root });
    expect(result.written).toEqual(['supabase/migrations/00304_rust_b.sql']);
    expect(result.notes).toEqual([
      `${src('0002_b.sql')} comes before ${src('0003_c.sql')} in its tool's order, but ${src('0003_c.sql')} was already synced to supabase/migrations/00302_rust_c.sql, so supabase/migrations/00304_rust_b.sql runs after it; check that it does not need to run first.`,
    ]);
  });
});
