// kodo squash on examples/hybrid-saas: the twelve migrations of three services and the shared range become one
// file that takes the FIRST version (so every service's next migration still sorts after it), proven, with the
// bucket insert of 00401 kept verbatim; the originals leave byte for byte into .kodo/squashed/, kodo check still
// passes, and kodo sync still finds every synced ORM migration (tracked from the backup). Then the refusals.
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import type { SquashResult } from '../../src/squash/result.js';
import { runSquash } from '../../src/squash/squash.js';
import { syncOrm } from '../../src/sync/sync.js';
import { allocateVersion } from '../../src/versions/allocate-version.js';
import { copyExample, EXAMPLE, listTree, makeFiles, migrationFiles } from '../helpers/temp.js';

const ORIGINALS = [
  '00000_extensions.sql',
  '00001_core_functions.sql',
  '00100_node_create_organizations_and_profiles.sql',
  '00101_node_profiles_rls.sql',
  '00102_node_admins_and_partners.sql',
  '00103_node_admins_and_partners_rls.sql',
  '00200_python_events.sql',
  '00201_python_events_rls.sql',
  '00300_rust_channels.sql',
  '00301_rust_channels_rls.sql',
  '00400_shared_views.sql',
  '00401_shared_avatars_rls.sql',
];
const VERSIONS = ORIGINALS.map((f) => f.slice(0, 5));
const INTO = 'supabase/migrations/00000_squashed_to_00401.sql';
/** The clock of the real squash: the backup folder is `<V>-<UTC yyyymmddhhmmss>`. */
const NOW = new Date(Date.UTC(2025, 0, 2, 3, 4, 5));
const BACKUP = '.kodo/squashed/00401-20250102030405';
const DATA_HEAD = '-- The data statements of the original migrations, in their order.';

describe('kodo squash of examples/hybrid-saas', () => {
  let root: string;
  let dry: SquashResult;
  let before: string[];

  beforeAll(async () => {
    root = await copyExample();
    before = await listTree(root);
    dry = await runSquash(root, { dryRun: true });
  });

  it('dry run: the 12 versions, verified, into the first version, the bucket insert kept, nothing moved', async () => {
    expect(dry).toMatchObject({
      squashed: VERSIONS,
      into: INTO,
      verified: true,
      backup: null,
      data: 'statements',
      skipped: [],
      history: null,
      remaining: [],
      warnings: [],
      dryRun: true,
    });
    expect(dry.kept).toEqual([
      {
        file: 'supabase/migrations/00401_shared_avatars_rls.sql',
        line: 6,
        kind: 'insert',
        targets: ['storage.buckets'],
      },
    ]);
    // The database that applied the originals keeps 00000 (the squashed file's version) and forgets the rest.
    expect(dry.repair).toEqual([
      `kodo repair ${VERSIONS.slice(1).join(' ')} --status reverted`,
      'kodo repair 00000 --status applied',
    ]);
    expect(dry.sql).toContain('create table public.profiles (');
    // The bucket insert verbatim, as the CLI splits it (with the comments before it), after the whole schema.
    const original = await fs.readFile(
      path.join(EXAMPLE, 'supabase/migrations/00401_shared_avatars_rls.sql'),
      'utf8',
    );
    const insert = original.slice(0, original.indexOf('do nothing;') + 'do nothing;'.length);
    expect(dry.sql.endsWith(`;\n\n${DATA_HEAD}\n-- 00401_shared_avatars_rls.sql line 6\n${insert}\n`)).toBe(
      true,
    );
    expect(await listTree(root)).toEqual(before);
  });

  describe('for real', () => {
    let real: SquashResult;

    beforeAll(async () => {
      real = await runSquash(root, { now: NOW });
    });

    it('leaves exactly the squashed file in supabase/migrations, with the text the dry run showed', async () => {
      expect(real).toMatchObject({ squashed: VERSIONS, into: INTO, verified: true, backup: BACKUP });
      expect(real.dryRun).toBe(false);
      expect(await migrationFiles(root)).toEqual([path.basename(INTO)]);
      expect(await fs.readFile(path.join(root, INTO), 'utf8')).toBe(dry.sql);
      expect(real.sql).toBe(dry.sql);
    });

    it('moves the 12 originals, byte for byte, into .kodo/squashed/00401-<stamp>/', async () => {
      expect((await fs.readdir(path.join(root, BACKUP))).sort()).toEqual(ORIGINALS);
      expect(await fs.readdir(path.join(root, '.kodo', 'squashed'))).toEqual([path.basename(BACKUP)]);
      for (const file of ORIGINALS) {
        const original = await fs.readFile(path.join(EXAMPLE, 'supabase', 'migrations', file));
        expect(await fs.readFile(path.join(root, BACKUP, file)), file).toEqual(original);
      }
    });

    it('kodo check passes on the squashed folder', async () => {
      const check = await checkMigrations({ root });
      expect(check).toMatchObject({ ok: true, total: 1, applied: 1, failure: null, cancelled: false });
      expect(check.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it("keeps the folded versions taken: each service's next migration follows its last squashed one", async () => {
      const next = (workspace: string, kind: 'schema' | 'behavior') =>
        allocateVersion(root, { workspace, kind }).then((a) => a.version);
      expect(await next('node-api', 'schema')).toBe('00104');
      expect(await next('python-analytics', 'behavior')).toBe('00203');
      expect(await next('rust-realtime', 'schema')).toBe('00302');
      expect(await next('bootstrap', 'schema')).toBe('00002');
    });

    it('kodo sync --dry-run plans nothing: every synced ORM migration is tracked from the backup', async () => {
      const sync = await syncOrm({ root, dryRun: true });
      expect(sync).toMatchObject({ planned: [], drift: [], written: [], notes: [], skipped: [] });
      const from = (file: string) => `${BACKUP}/${file}`;
      expect(sync.synced).toEqual([
        {
          workspace: 'node-api',
          source: 'services/node-api/drizzle/migrations/0000_create_organizations.sql',
          target: from('00100_node_create_organizations_and_profiles.sql'),
        },
        {
          workspace: 'node-api',
          source: 'services/node-api/drizzle/migrations/0001_create_profiles.sql',
          target: from('00100_node_create_organizations_and_profiles.sql'),
        },
        {
          workspace: 'python-analytics',
          source: 'services/python-analytics/alembic/versions/3f2a9c1d7b4e_create_events.py',
          target: from('00200_python_events.sql'),
        },
        {
          workspace: 'python-analytics',
          source: 'services/python-analytics/alembic/versions/8c41d0e2a95f_index_events_by_name.py',
          target: from('00200_python_events.sql'),
        },
        {
          workspace: 'rust-realtime',
          source: 'services/rust-realtime/migrations/0001_create_channels_and_messages.sql',
          target: from('00300_rust_channels.sql'),
        },
      ]);
    });
  });
});

describe('kodo squash refusals (nothing read from a database, nothing written)', () => {
  let root: string;
  let before: string[];

  beforeAll(async () => {
    root = await copyExample();
    before = await listTree(root);
  });

  const refusal = (version: string) => runSquash(root, { version, dryRun: false });

  it('a version no file has', async () => {
    await expect(refusal('00999')).rejects.toMatchObject({
      code: 'unknown-version',
      message:
        'No migration in supabase/migrations has version 00999; kodo list shows the versions (the newest is 00401).',
    });
  });

  it('the first file: nothing to fold into it', async () => {
    await expect(refusal('00000')).rejects.toMatchObject({
      code: 'nothing-to-squash',
      message:
        'supabase/migrations/00000_extensions.sql is already the earliest migration; there is nothing to squash into it.',
    });
  });

  it('a version that is not digits', async () => {
    for (const version of ['abc', '00401_shared_avatars_rls.sql', '-1']) {
      await expect(refusal(version), version).rejects.toMatchObject({
        code: 'invalid-version',
        message: '--version must be a migration version (digits only, like 00401).',
      });
    }
  });

  it('left the project as it was', async () => {
    expect(await listTree(root)).toEqual(before);
  });

  it('a project without migrations', async () => {
    const empty = await makeFiles({ 'supabase/config.toml': 'project_id = "empty"\n' });
    await expect(runSquash(empty)).rejects.toMatchObject({
      code: 'nothing-to-squash',
      message: 'supabase/migrations has no migrations to squash.',
    });
  });
});
