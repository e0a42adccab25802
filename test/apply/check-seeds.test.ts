// `kodo check` runs the seed files after the migrations, as `supabase db reset` does: a broken seed fails the check.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMigrations } from '../../src/apply/check.js';
import { checkVerdict } from '../../src/apply/verdicts.js';
import { makeProject } from './helpers.js';

const MIGRATIONS = {
  '20240101000000_notes.sql':
    'create table public.notes (id bigint primary key, body text not null);\nalter table public.notes enable row level security;',
};

async function withSeeds(files: Record<string, string>) {
  const project = await makeProject(MIGRATIONS);
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(project.root, file)), { recursive: true });
    await fs.writeFile(path.join(project.root, file), text);
  }
  return project;
}

describe('check with seeds', () => {
  it('applies supabase/seed.sql after the migrations', async () => {
    const project = await withSeeds({ 'supabase/seed.sql': "insert into public.notes values (1, 'hello');" });
    const result = await checkMigrations({ root: project.root, db: 'memory', env: {} });
    expect(result).toMatchObject({ ok: true, applied: 1, failure: null, seeded: ['supabase/seed.sql'] });
    expect(checkVerdict(result)).toBe(
      'passed: all 1 migration(s) apply on memory (scratch) with 1 seed file(s); 3 finding(s) below error level.',
    );
  });

  it('a broken seed fails the check with its file and line', async () => {
    const project = await withSeeds({
      'supabase/seed.sql':
        "insert into public.notes values (1, 'hello');\ninsert into public.notes values (2, null);",
    });
    const result = await checkMigrations({ root: project.root, db: 'memory', env: {} });
    expect(result).toMatchObject({ ok: false, applied: 1, seeded: [] });
    expect(result.failure).toMatchObject({ file: 'supabase/seed.sql', line: 2, sqlstate: '23502' });
  });

  it('follows config.toml [db.seed] sql_paths, in order, and noSeed skips them', async () => {
    const project = await withSeeds({
      'supabase/config.toml': '[db.seed]\nenabled = true\nsql_paths = ["./seeds/b.sql", "./seeds/*.sql"]\n',
      'supabase/seeds/a.sql': "insert into public.notes values (1, 'a');",
      // b runs first (its own pattern), then the glob adds a only.
      'supabase/seeds/b.sql': "insert into public.notes values (2, 'b');",
    });
    const result = await checkMigrations({ root: project.root, db: 'memory', env: {} });
    expect(result.seeded).toEqual(['supabase/seeds/b.sql', 'supabase/seeds/a.sql']);
    const skipped = await checkMigrations({ root: project.root, db: 'memory', env: {}, noSeed: true });
    expect(skipped).toMatchObject({ ok: true, seeded: [] });
  });
});
