// A squash of files a database already applied: its history must change too (the folded rows out, V in with the
// squashed file's statements). kodo makes that change only on the database named with --db and only with approval
// (the planId of a dry run); without it nothing moves. Afterwards kodo status shows the database up to date.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readChecksums, readHistory } from '../../src/apply/history.js';
import { migrationStatus } from '../../src/apply/status.js';
import { up } from '../../src/apply/up.js';
import { openDatabase } from '../../src/db/open.js';
import { splitStatements } from '../../src/migrations/split.js';
import type { SquashResult } from '../../src/squash/result.js';
import { runSquash } from '../../src/squash/squash.js';
import { listTree, makeFiles, migrationFiles } from '../helpers/temp.js';

const FILES = {
  'supabase/migrations/20240101000000_tables.sql': `create extension if not exists pg_cron;
create table public.plans (id int primary key, name text not null);
`,
  'supabase/migrations/20240102000000_seed.sql': `insert into public.plans values (1, 'free'), (2, 'pro');
select cron.schedule('nightly', '0 3 * * *', 'select 1');
`,
  'supabase/migrations/20240103000000_prices.sql': `alter table public.plans add column price int not null default 0;
update public.plans set price = 10 where id = 2;
`,
};
const VERSIONS = ['20240101000000', '20240102000000', '20240103000000'];

/** The project's files, but not the embedded database's (opening it, even to read, touches them). */
async function files(root: string): Promise<string[]> {
  return (await listTree(root)).filter((entry) => !entry.startsWith('.kodo/db/'));
}

/** The embedded database's history rows (with their statements) and kodo's checksums. */
async function history(root: string) {
  const db = await openDatabase('embedded', { root });
  try {
    const rows = await db.query<{ version: string; name: string; statements: string[] }>(
      'select version, name, statements from supabase_migrations.schema_migrations order by version',
    );
    return { versions: await readHistory(db), rows: rows.rows, checksums: await readChecksums(db) };
  } finally {
    await db.close();
  }
}

describe('kodo squash --db embedded after kodo up', () => {
  let root: string;
  let dry: SquashResult;

  beforeAll(async () => {
    root = await makeFiles(FILES);
    const applied = await up({ root });
    expect(applied).toMatchObject({ applied: VERSIONS, failure: null });
  });

  it('without a planId or confirm: approval-required, and nothing moved', async () => {
    const before = await files(root);
    await expect(runSquash(root, { db: 'embedded' })).rejects.toMatchObject({
      code: 'approval-required',
      message:
        'Squashing rewrites the migration history of embedded (.kodo/db); run a dry run, show its plan to the user, and squash with the planId of the plan they approved.',
    });
    expect(await files(root)).toEqual(before);
    expect((await history(root)).versions.map((h) => h.version)).toEqual(VERSIONS);
  });

  it('a confirm that says no: nothing changed, and the result says so', async () => {
    const before = await files(root);
    const refused = await runSquash(root, { db: 'embedded', confirm: async () => false });
    expect(refused).toMatchObject({ verified: true, backup: null, history: { changed: false } });
    expect(refused.warnings).toEqual(['not approved: nothing was changed']);
    expect(await files(root)).toEqual(before);
  });

  it('the dry run shows the history change, its planId and the repair commands naming the database', async () => {
    dry = await runSquash(root, { db: 'embedded', dryRun: true });
    expect(dry).toMatchObject({
      squashed: VERSIONS,
      into: 'supabase/migrations/20240103000000_prices.sql',
      verified: true,
      backup: null,
      data: 'statements',
      history: { target: 'embedded (.kodo/db)', changed: true },
      repair: [
        'kodo repair 20240101000000 20240102000000 --status reverted --db embedded',
        'kodo repair 20240103000000 --status applied --db embedded',
      ],
    });
    expect(dry.history?.planId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a planId that is not the dry run plan is refused', async () => {
    await expect(runSquash(root, { db: 'embedded', planId: 'f'.repeat(32) })).rejects.toMatchObject({
      code: 'plan-changed',
    });
    expect(await migrationFiles(root)).toEqual(Object.keys(FILES).map((f) => path.basename(f)));
  });

  describe('with the dry run planId', () => {
    let real: SquashResult;

    beforeAll(async () => {
      real = await runSquash(root, { db: 'embedded', planId: dry.history!.planId });
    });

    it('squashes the files and rewrites the history: only V, with the squashed file statements', async () => {
      expect(real).toMatchObject({ verified: true, history: dry.history!, sql: dry.sql });
      expect(await migrationFiles(root)).toEqual(['20240103000000_prices.sql']);
      const text = await fs.readFile(path.join(root, real.into), 'utf8');
      const { versions, rows, checksums } = await history(root);
      expect(versions).toEqual([{ version: '20240103000000', name: 'prices' }]);
      expect(rows[0]?.statements).toEqual(splitStatements(text).map((s) => s.sql));
      expect([...checksums]).toEqual([['20240103000000', createHash('sha256').update(text).digest('hex')]]);
    });

    it('kodo status: nothing pending, nothing missing, nothing edited', async () => {
      const status = await migrationStatus({ root });
      expect(status).toMatchObject({
        pending: [],
        missingLocal: [],
        edited: [],
        outOfOrder: [],
        warnings: [],
      });
      expect(status.migrations).toEqual([
        {
          version: '20240103000000',
          name: 'prices',
          file: 'supabase/migrations/20240103000000_prices.sql',
          local: true,
          applied: true,
          edited: false,
        },
      ]);
    });
  });
});
