// The "done means" on examples/hybrid-saas, with the real tools: a new migration in each of the three
// services (a drizzle-kit journal entry, an Alembic revision converted by Debian's Alembic, an SQLx file) is synced
// by `kodo sync` to the next even version of its range, `kodo check` passes on the result, `kodo status` shows
// nothing unsynced, and a second sync writes nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKodoJson } from '../helpers/cli.js';
import { copyExample, listTree } from '../helpers/temp.js';
import { realAlembic } from './alembic-helpers.js';

const alembic = await realAlembic();
if (alembic.versions === null && process.env['CI']) {
  throw new Error(`Alembic cannot run: ${alembic.why} (.ci/run installs python3-alembic).`);
}

const NODE = 'services/node-api/drizzle/migrations';

async function addDrizzleMigration(root: string): Promise<void> {
  const journalPath = path.join(root, NODE, 'meta/_journal.json');
  const journal = JSON.parse(await fs.readFile(journalPath, 'utf8')) as { entries: unknown[] };
  journal.entries.push({
    idx: 2,
    version: '7',
    when: 1738000000000,
    tag: '0002_add_profile_bio',
    breakpoints: true,
  });
  await fs.writeFile(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
  await fs.writeFile(
    path.join(root, NODE, '0002_add_profile_bio.sql'),
    'ALTER TABLE "public"."profiles" ADD COLUMN "bio" text;',
  );
}

async function addAlembicRevision(root: string): Promise<void> {
  await fs.writeFile(
    path.join(root, 'services/python-analytics/alembic/versions/5d0e7c1b9a42_add_event_source.py'),
    `"""add event source

Revision ID: 5d0e7c1b9a42
Revises: 8c41d0e2a95f
Create Date: 2026-02-01 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '5d0e7c1b9a42'
down_revision: Union[str, Sequence[str], None] = '8c41d0e2a95f'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column('events', sa.Column('source', sa.Text(), nullable=True), schema='public')


def downgrade() -> None:
    op.drop_column('events', 'source', schema='public')
`,
  );
}

async function addSqlxMigration(root: string): Promise<void> {
  await fs.writeFile(
    path.join(root, 'services/rust-realtime/migrations/0002_pin_messages.sql'),
    'alter table public.messages add column pinned_at timestamptz;\n',
  );
}

describe.skipIf(alembic.versions === null)(
  'a new migration in each service of the example',
  { timeout: 180_000 },
  () => {
    it('is synced to the next even version of its range, checks clean, and a second sync writes nothing', async () => {
      const root = await copyExample();
      await addDrizzleMigration(root);
      await addAlembicRevision(root);
      await addSqlxMigration(root);
      const first = await runKodoJson<{ written: string[] }>(['sync', '--cwd', root]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.json.written.map((p) => path.basename(p)).sort()).toEqual([
        '00104_node_add_profile_bio.sql',
        '00202_python_add_event_source.sql',
        '00302_rust_pin_messages.sql',
      ]);
      const python = await fs.readFile(
        path.join(root, 'supabase/migrations/00202_python_add_event_source.sql'),
        'utf8',
      );
      expect(python).toContain('ALTER TABLE public.events ADD COLUMN source TEXT;');
      expect(python).not.toMatch(/alembic_version|^BEGIN;|^COMMIT;/m);

      const check = await runKodoJson<{ ok: boolean; total: number; applied: number }>([
        'check',
        '--cwd',
        root,
      ]);
      expect(check.json).toMatchObject({ ok: true, total: 15, applied: 15 });
      const status = await runKodoJson<{ unsynced: unknown[] }>(['status', '--cwd', root]);
      expect(status.json.unsynced).toEqual([]);

      const before = await listTree(root);
      const second = await runKodoJson<{ written: string[]; planned: unknown[] }>(['sync', '--cwd', root]);
      expect(second.json).toMatchObject({ written: [], planned: [] });
      expect(await listTree(root)).toEqual(before);
    });
  },
);
