// kodo sync as a process on copies of the example: nothing to write, then a new SQLx migration synced to 00302,
// checked by kodo check, and a second run that writes nothing; a dry run, an edited file, a usage error.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodo, runKodoJson } from '../helpers/cli.js';
import { copyExample, listTree } from '../helpers/temp.js';

const RS = 'services/rust-realtime/migrations';
const NOTHING = `node-api (drizzle-kit, services/node-api/drizzle/migrations):
  synced services/node-api/drizzle/migrations/0000_create_organizations.sql → supabase/migrations/00100_node_create_organizations_and_profiles.sql
  synced services/node-api/drizzle/migrations/0001_create_profiles.sql → supabase/migrations/00100_node_create_organizations_and_profiles.sql

python-analytics (alembic, services/python-analytics/alembic/versions):
  synced services/python-analytics/alembic/versions/3f2a9c1d7b4e_create_events.py → supabase/migrations/00200_python_events.sql
  synced services/python-analytics/alembic/versions/8c41d0e2a95f_index_events_by_name.py → supabase/migrations/00200_python_events.sql

rust-realtime (sqlx-cli, services/rust-realtime/migrations):
  synced services/rust-realtime/migrations/0001_create_channels_and_messages.sql → supabase/migrations/00300_rust_channels.sql`;

async function withPinnedMessages(): Promise<string> {
  const root = await copyExample();
  await fs.writeFile(
    path.join(root, RS, '0002_pin_messages.sql'),
    'alter table public.messages add column if not exists pinned boolean not null default false;\n',
  );
  return root;
}

describe('kodo sync (process)', { timeout: 120_000 }, () => {
  it('writes nothing on the example, and says every source is synced', async () => {
    const root = await copyExample();
    const before = await listTree(root);
    const run = await runKodo(['sync'], { cwd: root });
    expect(run).toEqual({
      code: 0,
      stdout: `${NOTHING}\n\nNothing to write: every source is synced.`,
      stderr: '',
    });
    expect(await listTree(root)).toEqual(before);
  });

  it('syncs a new SQLx migration to 00302_rust_<name>.sql, which kodo check passes; a second run writes nothing', async () => {
    const root = await withPinnedMessages();
    const dry = await runKodo(['sync', '--dry-run'], { cwd: root });
    expect(dry.stdout).toContain(
      '  would write supabase/migrations/00302_rust_pin_messages.sql ← services/rust-realtime/migrations/0002_pin_messages.sql',
    );
    expect(dry.stdout.endsWith('Dry run: would write 1 file, nothing written.')).toBe(true);

    const run = await runKodoJson(['sync'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.json).toMatchObject({
      planned: [
        {
          workspace: 'rust-realtime',
          source: `${RS}/0002_pin_messages.sql`,
          target: 'supabase/migrations/00302_rust_pin_messages.sql',
          action: 'create',
        },
      ],
      written: ['supabase/migrations/00302_rust_pin_messages.sql'],
      drift: [],
    });
    const check = await runKodo(['check'], { cwd: root });
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('passed: all 13 migration(s) apply');

    const again = await runKodo(['sync'], { cwd: root });
    expect(again.stdout).toBe(
      `${NOTHING}\n  synced ${RS}/0002_pin_messages.sql → supabase/migrations/00302_rust_pin_messages.sql\n\nNothing to write: every source is synced.`,
    );
  });

  it('reports a hand-edited synced file and leaves it; --workspace picks one, an unknown one is exit 2', async () => {
    const root = await copyExample();
    await fs.appendFile(path.join(root, 'supabase/migrations/00300_rust_channels.sql'), '-- tweaked\n');
    const run = await runKodo(['sync', '--workspace', 'rust-realtime'], { cwd: root });
    expect(run.stdout).toBe(
      'rust-realtime (sqlx-cli, services/rust-realtime/migrations):\n  edited: supabase/migrations/00300_rust_channels.sql was edited by hand after kodo sync wrote it, so kodo leaves it alone; run kodo sync --force to rewrite it from services/rust-realtime/migrations/0001_create_channels_and_messages.sql (a backup is kept).\n\nNothing to write: every source is synced; 1 drift entry needs attention.',
    );
    const unknown = await runKodo(['sync', '--workspace', 'go-api'], { cwd: root });
    expect(unknown).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: Unknown workspace "go-api"; use one of: node-api, python-analytics, rust-realtime.',
    });
  });

  it('kodo status lists the new migration as unsynced, beside the history', async () => {
    const root = await withPinnedMessages();
    const status = await runKodoJson(['status'], { cwd: root });
    expect(status.json['unsynced']).toEqual([
      { workspace: 'rust-realtime', source: `${RS}/0002_pin_messages.sql` },
    ]);
    const text = await runKodo(['status'], { cwd: root });
    expect(text.stdout).toContain(
      `  rust-realtime (sqlx-cli)\n    synced   ${RS}/0001_create_channels_and_messages.sql → supabase/migrations/00300_rust_channels.sql\n    new      ${RS}/0002_pin_messages.sql (not synced: run kodo sync)`,
    );
  });
});
