// The drizzle reader on journals and folders written by hand: prefixes, hand-written files, broken journals.
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDrizzle } from '../../src/sync/drizzle/index.js';
import { makeFiles } from '../helpers/temp.js';
import { drizzleWorkspace, journal, sha256 } from './drizzle-helpers.js';

const SQL = 'create table t (id int);';
const read = (root: string, dir: string, out: string) => readDrizzle(drizzleWorkspace(root, dir, out), {});

/** A 0.x out folder at services/api/drizzle with these journal tags and files (name → SQL). */
async function journalProject(tags: string[], files: Record<string, string>): Promise<string> {
  const entries = Object.entries(files).map(([name, sql]) => [`services/api/drizzle/${name}`, sql]);
  return makeFiles({
    'services/api/drizzle/meta/_journal.json': journal(tags),
    ...Object.fromEntries(entries),
  });
}

describe('drizzle-kit 0.x: meta/_journal.json order, for every migrations.prefix', () => {
  // drizzle-kit's prepareMigrationMetadata: the tag is `${prefix}_${name}` and the file is `<tag>.sql`.
  const variants: Record<string, string[]> = {
    index: ['0000_init', '0001_add_pets'],
    timestamp: ['20250101120000_init', '20250102090000_add_pets'],
    supabase: ['20250101120000_init', '20250102090000_add_pets'],
    unix: ['1735732800_init', '1735819200_add_pets'],
    // No prefix: `_<name>`, and name order (`_add_pets` < `_init`) is not the journal's.
    none: ['_init', '_add_pets'],
  };
  for (const [prefix, tags] of Object.entries(variants)) {
    it(`prefix ${prefix}: ${tags.join(', ')}`, async () => {
      const root = await journalProject(tags, Object.fromEntries(tags.map((t) => [`${t}.sql`, SQL])));
      const { migrations, notes } = await read(root, 'services/api', 'drizzle');
      expect(migrations.map((m) => m.source)).toEqual(tags.map((t) => `services/api/drizzle/${t}.sql`));
      expect(migrations.map((m) => m.name)).toEqual(['init', 'add_pets']);
      expect(migrations.every((m) => m.notes.length === 0)).toBe(true);
      expect(notes).toEqual([]);
    });
  }

  it('keeps the bytes: sha256 of the file, breakpoints kept, a trailing newline added, no transaction flag', async () => {
    const text = 'create type mood as enum (\'ok\');--> statement-breakpoint\ncreate table "T" (m mood);';
    const root = await journalProject(['0000_Add-Index!!'], { '0000_Add-Index!!.sql': `\uFEFF${text}` });
    const [m] = (await read(root, 'services/api', 'drizzle')).migrations;
    expect(m).toEqual({
      source: 'services/api/drizzle/0000_Add-Index!!.sql',
      sha256: sha256(`\uFEFF${text}`),
      name: 'add_index',
      sql: `${text}\n`,
      noTransaction: false,
      down: null,
      notes: [],
    });
  });

  it('notes a hand-written part without its ; before a breakpoint, and a drizzle-kit pull file', async () => {
    const root = await journalProject(['0000_pulled', '0001_custom'], {
      '0000_pulled.sql':
        '-- Current sql file was generated after introspecting the database\n-- If you want to run this migration please uncomment this code before executing migrations\n/*\ncreate table t (id int);\n*/',
      '0001_custom.sql': 'create table a (id int)\n--> statement-breakpoint\ncreate table b (id int);\n',
    });
    const [pulled, custom] = (await read(root, 'services/api', 'drizzle')).migrations;
    expect(pulled!.notes).toEqual([
      'written by drizzle-kit pull and fully commented out: it changes nothing until you uncomment it.',
    ]);
    expect(custom!.notes).toEqual([
      "statement 1 has no ';' before its --> statement-breakpoint: drizzle runs each part alone, the Supabase CLI runs the file as one script; add the ';' in the source.",
    ]);
  });
});

describe('hand-written files beside the generated ones', () => {
  it('go after the journal entry with their number, else after the last entry sorting before them, by name', async () => {
    const tags = ['0000_init', '0001_pets', '0002_index'];
    const root = await journalProject(tags, {
      ...Object.fromEntries(tags.map((t) => [`${t}.sql`, SQL])),
      '0001_seed_pets.sql': SQL,
      '0001_a_fix.sql': SQL,
      '0003_manual.sql': SQL,
      'custom.sql': SQL,
      'README.md': 'not a migration',
    });
    const { migrations, notes } = await read(root, 'services/api', 'drizzle');
    expect(migrations.map((m) => [path.posix.basename(m.source), m.notes])).toEqual([
      ['0000_init.sql', []],
      ['0001_pets.sql', []],
      ['0001_a_fix.sql', ['not listed in meta/_journal.json', 'placed after 0001_pets.sql']],
      ['0001_seed_pets.sql', ['not listed in meta/_journal.json', 'placed after 0001_pets.sql']],
      ['0002_index.sql', []],
      ['0003_manual.sql', ['not listed in meta/_journal.json', 'placed after 0002_index.sql']],
      ['custom.sql', ['not listed in meta/_journal.json', 'placed after 0002_index.sql']],
    ]);
    expect(notes).toEqual([
      "services/api/drizzle: 4 .sql files are not listed in meta/_journal.json (drizzle's migrator never runs them) and synced too: each goes right after the journal entry with the same number prefix (the last one if several), otherwise after the last entry whose name sorts before it (number prefixes compared as numbers, then names), otherwise first; files at the same place go by name.",
    ]);
  });

  it('compares number prefixes as numbers: a small number before timestamp tags goes first', async () => {
    const tags = ['20250101120000_init', '20250102090000_pets'];
    const root = await journalProject(tags, {
      '20250101120000_init.sql': SQL,
      '20250102090000_pets.sql': SQL,
      '0001_legacy.sql': SQL,
      '20250101180000_hotfix.sql': SQL,
    });
    const { migrations } = await read(root, 'services/api', 'drizzle');
    expect(migrations.map((m) => [path.posix.basename(m.source), m.notes[1] ?? null])).toEqual([
      ['0001_legacy.sql', 'placed first'],
      ['20250101120000_init.sql', null],
      ['20250101180000_hotfix.sql', 'placed after 20250101120000_init.sql'],
      ['20250102090000_pets.sql', null],
    ]);
    expect(migrations.map((m) => m.name)).toEqual(['legacy', 'init', 'hotfix', 'pets']);
  });
});

describe('journals kodo refuses, each in one sentence', () => {
  it('a journal entry whose file is missing', async () => {
    const root = await journalProject(['0000_init', '0001_pets'], { '0000_init.sql': SQL });
    await expect(read(root, 'services/api', 'drizzle')).rejects.toThrow(
      'services/api/drizzle/meta/_journal.json lists "0001_pets", but services/api/drizzle/0001_pets.sql does not exist; restore the file from version control, or remove the migration with drizzle-kit drop.',
    );
  });

  it('a journal that is not JSON', async () => {
    const root = await makeFiles({ 'drizzle/meta/_journal.json': '{"entries": [' });
    await expect(read(root, '', 'drizzle')).rejects.toThrow(
      /^drizzle\/meta\/_journal\.json is not a drizzle-kit journal kodo can read \(it is not valid JSON: .+\); restore it from version control or fix it by hand\.$/,
    );
  });

  it('a journal without entries, with a tag that leaves the folder, with a tag twice', async () => {
    const cases: [string, string][] = [
      ['{"version": "7", "entries": {}}', 'it has no "entries" array'],
      [
        journal(['../../etc/passwd']),
        'entries[0].tag "../../etc/passwd" is not a file name in the migrations folder',
      ],
      ['{"entries": [{"idx": 0}]}', 'entries[0].tag is not a file name'],
      [journal(['0000_init', '0000_init']), 'it lists "0000_init" twice'],
    ];
    for (const [text, why] of cases) {
      const root = await makeFiles({ 'drizzle/meta/_journal.json': text, 'drizzle/0000_init.sql': SQL });
      await expect(read(root, '', 'drizzle')).rejects.toThrow(
        `drizzle/meta/_journal.json is not a drizzle-kit journal kodo can read (${why}); restore it from version control or fix it by hand.`,
      );
    }
  });

  it('a MySQL journal', async () => {
    const root = await makeFiles({ 'drizzle/meta/_journal.json': journal([], 'mysql') });
    await expect(read(root, '', 'drizzle')).rejects.toThrow(
      "drizzle/meta/_journal.json holds mysql migrations, but Supabase runs PostgreSQL; sync only a workspace whose drizzle config says dialect: 'postgresql'.",
    );
  });

  it('a folder holding both layouts', async () => {
    const root = await makeFiles({
      'drizzle/meta/_journal.json': journal([]),
      'drizzle/20250101120000_init/migration.sql': SQL,
    });
    await expect(read(root, '', 'drizzle')).rejects.toThrow(
      'drizzle holds both meta/_journal.json (drizzle-kit 0.x) and migration folders (drizzle-kit 1.0, e.g. 20250101120000_init); finish the upgrade with drizzle-kit up, or remove the layout you no longer use.',
    );
  });
});

describe('drizzle-kit 1.0: <timestamp>_<name>/migration.sql folders in name order', () => {
  it('reads the folders, places a loose .sql file among them by name, skips folders without migration.sql', async () => {
    const root = await makeFiles({
      'api/drizzle/20250102090000_add_pets/migration.sql': SQL,
      'api/drizzle/20250102090000_add_pets/snapshot.json': '{}',
      'api/drizzle/20250101120000_init/migration.sql': SQL,
      'api/drizzle/20250101120000_init/snapshot.json': '{}',
      'api/drizzle/20250101120000_init_fix.sql': SQL,
      'api/drizzle/docs/README.md': 'not a migration',
    });
    const { migrations, notes } = await read(root, 'api', 'drizzle');
    expect(migrations.map((m) => [m.source, m.name, m.notes])).toEqual([
      ['api/drizzle/20250101120000_init/migration.sql', 'init', []],
      [
        'api/drizzle/20250101120000_init_fix.sql',
        'init_fix',
        ['not a drizzle-kit migration folder (<name>/migration.sql)'],
      ],
      ['api/drizzle/20250102090000_add_pets/migration.sql', 'add_pets', []],
    ]);
    expect(notes).toEqual([
      "api/drizzle: 1 loose .sql file is not a drizzle-kit migration folder (<name>/migration.sql) (drizzle's migrator never runs it) and synced too, in name order among the folders (number prefixes compared as numbers).",
    ]);
  });
});

describe('where the out folder is', () => {
  it('supabase/migrations itself: nothing to copy', async () => {
    const root = await makeFiles({
      'supabase/migrations/meta/_journal.json': journal(['20250101120000_init']),
      'supabase/migrations/20250101120000_init.sql': SQL,
    });
    expect(await read(root, '', 'supabase/migrations')).toEqual({
      migrations: [],
      notes: [
        'supabase/migrations: drizzle-kit writes its migrations straight into supabase/migrations (its out), so kodo copies nothing.',
      ],
    });
  });

  it('supabase/migrations through a symlink: nothing to copy either', async () => {
    const root = await makeFiles({ 'supabase/migrations/20250101120000_init.sql': SQL });
    await fs.symlink(path.join(root, 'supabase', 'migrations'), path.join(root, 'drizzle'));
    expect((await read(root, '', 'drizzle')).migrations).toEqual([]);
  });

  it('a subfolder of supabase/migrations, which the Supabase CLI skips: synced', async () => {
    const root = await makeFiles({
      'supabase/migrations/drizzle/meta/_journal.json': journal(['0000_init']),
      'supabase/migrations/drizzle/0000_init.sql': SQL,
    });
    const { migrations, notes } = await read(root, '', 'supabase/migrations/drizzle');
    expect(migrations.map((m) => m.source)).toEqual(['supabase/migrations/drizzle/0000_init.sql']);
    expect(notes[0]).toBe(
      'supabase/migrations/drizzle is a subfolder of supabase/migrations, which the Supabase CLI skips, so its migrations are synced.',
    );
  });

  it('not generated yet', async () => {
    const root = await makeFiles({ 'api/drizzle.config.ts': 'export default {};' });
    expect(await read(root, 'api', 'drizzle')).toEqual({
      migrations: [],
      notes: ['api/drizzle does not exist yet: drizzle-kit generate has not run.'],
    });
  });
});
