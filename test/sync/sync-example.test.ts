// examples/hybrid-saas: its hand-made 00100, 00200 and 00300 carry tracking headers, so kodo sync writes nothing
// and kodo status tells the three-way story; a new SQLx migration is unsynced until kodo sync writes it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationStatus } from '../../src/apply/status.js';
import { syncOrm } from '../../src/sync/sync.js';
import { copyExample, listTree } from '../helpers/temp.js';

const NODE = 'services/node-api/drizzle/migrations';
const PY = 'services/python-analytics/alembic/versions';
const RS = 'services/rust-realtime/migrations';
const M = 'supabase/migrations';
const SYNCED = [
  {
    workspace: 'node-api',
    source: `${NODE}/0000_create_organizations.sql`,
    target: `${M}/00100_node_create_organizations_and_profiles.sql`,
  },
  {
    workspace: 'node-api',
    source: `${NODE}/0001_create_profiles.sql`,
    target: `${M}/00100_node_create_organizations_and_profiles.sql`,
  },
  {
    workspace: 'python-analytics',
    source: `${PY}/3f2a9c1d7b4e_create_events.py`,
    target: `${M}/00200_python_events.sql`,
  },
  {
    workspace: 'python-analytics',
    source: `${PY}/8c41d0e2a95f_index_events_by_name.py`,
    target: `${M}/00200_python_events.sql`,
  },
  {
    workspace: 'rust-realtime',
    source: `${RS}/0001_create_channels_and_messages.sql`,
    target: `${M}/00300_rust_channels.sql`,
  },
];

describe('the example project', () => {
  it('syncs nothing: every source is recorded in a hand-made file (alembic is not even run)', async () => {
    const root = await copyExample();
    const before = await listTree(root);
    // No Python on PATH: the alembic revisions are matched by their files' hashes alone.
    const result = await syncOrm({ root, env: { PATH: '/nonexistent' } });
    expect(await listTree(root)).toEqual(before);
    expect(result).toMatchObject({ planned: [], written: [], drift: [], skipped: [], synced: SYNCED });
  });

  it('status: every ORM migration synced, to which file; a new SQLx migration is unsynced until synced', async () => {
    const root = await copyExample();
    const status = await migrationStatus({ root });
    expect(status.unsynced).toEqual([]);
    expect(status.sync).toEqual([
      {
        workspace: 'node-api',
        tool: 'drizzle-kit',
        synced: SYNCED.slice(0, 2).map(({ workspace: _, ...p }) => p),
        new: [],
        drifted: [],
        edited: [],
        deleted: [],
      },
      {
        workspace: 'python-analytics',
        tool: 'alembic',
        synced: SYNCED.slice(2, 4).map(({ workspace: _, ...p }) => p),
        new: [],
        drifted: [],
        edited: [],
        deleted: [],
      },
      {
        workspace: 'rust-realtime',
        tool: 'sqlx-cli',
        synced: SYNCED.slice(4).map(({ workspace: _, ...p }) => p),
        new: [],
        drifted: [],
        edited: [],
        deleted: [],
      },
    ]);

    await fs.writeFile(
      path.join(root, RS, '0002_pin_messages.sql'),
      'alter table public.messages add column pinned boolean not null default false;\n',
    );
    await fs.appendFile(path.join(root, PY, '8c41d0e2a95f_index_events_by_name.py'), '# touched\n');
    const changed = await migrationStatus({ root });
    expect(changed.unsynced).toEqual([{ workspace: 'rust-realtime', source: `${RS}/0002_pin_messages.sql` }]);
    expect(changed.sync[1]!.drifted).toEqual([
      { source: `${PY}/8c41d0e2a95f_index_events_by_name.py`, target: `${M}/00200_python_events.sql` },
    ]);
    expect(changed.sync[2]!.new).toEqual([`${RS}/0002_pin_messages.sql`]);

    const synced = await syncOrm({ root, workspace: 'rust-realtime' });
    expect(synced.written).toEqual([`${M}/00302_rust_pin_messages.sql`]);
    expect((await migrationStatus({ root })).unsynced).toEqual([]);
  });
});
