// Drift after syncing: a changed source is reported and not rewritten, a hand-edited file is never overwritten
// (--force rewrites it after a backup), a deleted source is reported; each with its exact outcome.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syncOrm } from '../../src/sync/sync.js';
import { listTree } from '../helpers/temp.js';
import { sqlxProject } from './sync-helpers.js';

const TARGET = 'supabase/migrations/00300_rust_create_pets.sql';
const SOURCE = 'services/rs/migrations/0001_create_pets.sql';
const NOW = new Date('2025-03-04T05:06:07Z');

async function synced(): Promise<string> {
  const root = await sqlxProject({
    '0001_create_pets.sql': 'create table public.pets (id bigint primary key);\n',
  });
  await syncOrm({ root });
  return root;
}
const file = (root: string, rel: string) => path.join(root, rel);

describe('drift', () => {
  it('a changed source: reported with what to do, nothing rewritten; --force rewrites it after a backup', async () => {
    const root = await synced();
    const original = await fs.readFile(file(root, TARGET), 'utf8');
    await fs.writeFile(file(root, SOURCE), 'create table public.pets (id bigint primary key, name text);\n');
    const before = await listTree(root);
    const result = await syncOrm({ root });
    expect(await listTree(root)).toEqual(before);
    expect(result).toMatchObject({ planned: [], written: [], synced: [] });
    expect(result.drift).toEqual([
      {
        workspace: 'rs',
        source: SOURCE,
        target: TARGET,
        kind: 'changed',
        reason: `${SOURCE} changed after it was synced to ${TARGET}; put the change in a new migration of the tool, or run kodo sync --force to rewrite ${TARGET} (databases that applied it will not run it again).`,
      },
    ]);

    const forced = await syncOrm({ root, force: true, now: NOW });
    const backup = `.kodo/sync-backup/20250304050607/${TARGET}`;
    expect(forced).toMatchObject({
      planned: [{ workspace: 'rs', source: SOURCE, target: TARGET, action: 'rewrite' }],
      written: [TARGET],
      backups: [{ file: TARGET, backup }],
    });
    expect(await fs.readFile(file(root, backup), 'utf8')).toBe(original);
    expect(await fs.readFile(file(root, TARGET), 'utf8')).toContain('name text');
    expect(await syncOrm({ root })).toMatchObject({ written: [], drift: [], synced: [{ source: SOURCE }] });
  });

  it('a hand-edited synced file: never overwritten; --force copies it to .kodo/sync-backup/<time>/ first', async () => {
    const root = await synced();
    const edited = `${await fs.readFile(file(root, TARGET), 'utf8')}create index pets_id_idx on public.pets (id);\n`;
    await fs.writeFile(file(root, TARGET), edited);
    const result = await syncOrm({ root, force: false });
    expect(result.drift).toEqual([
      {
        workspace: 'rs',
        source: SOURCE,
        target: TARGET,
        kind: 'edited',
        reason: `${TARGET} was edited by hand after kodo sync wrote it, so kodo leaves it alone; run kodo sync --force to rewrite it from ${SOURCE} (a backup is kept).`,
      },
    ]);
    expect(await fs.readFile(file(root, TARGET), 'utf8')).toBe(edited);

    const forced = await syncOrm({ root, force: true, now: NOW });
    expect(forced.backups).toEqual([{ file: TARGET, backup: `.kodo/sync-backup/20250304050607/${TARGET}` }]);
    expect(await fs.readFile(file(root, forced.backups[0]!.backup), 'utf8')).toBe(edited);
    expect(await fs.readFile(file(root, TARGET), 'utf8')).not.toContain('pets_id_idx');
    expect((await syncOrm({ root })).drift).toEqual([]);
  });

  it('a deleted source: reported, its synced file kept', async () => {
    const root = await synced();
    await fs.rm(file(root, SOURCE));
    const result = await syncOrm({ root, force: true });
    expect(result).toMatchObject({ planned: [], written: [], synced: [] });
    expect(result.drift).toEqual([
      {
        workspace: 'rs',
        source: SOURCE,
        target: TARGET,
        kind: 'deleted',
        reason: `${SOURCE} no longer exists, but ${TARGET} was synced from it; remove the migration with a new one if it should be undone, or restore the source.`,
      },
    ]);
    await fs.access(file(root, TARGET));
  });
});
