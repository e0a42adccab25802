// The real drizzle-kit, 0.x and 1.0, generates migrations from a fixture schema; kodo reads them and the
// embedded database (and the PostgreSQL server, when it answers) applies them in kodo's order.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { readDrizzle } from '../../src/sync/drizzle/index.js';
import type { SourceRead } from '../../src/sync/types.js';
import { TARGETS } from '../db/targets.js';
import { drizzleWorkspace, sha256 } from './drizzle-helpers.js';
import { generate, type KitLine, kitProject, kitVersion, missingKits } from './drizzle-kit-run.js';

if (missingKits.length > 0) {
  const why = `drizzle-kit cannot run: ${missingKits.join(', ')} missing from node_modules; run npm ci`;
  if (process.env['CI']) throw new Error(`${why} (the drizzle-kit suite must run in CI).`);
  process.stderr.write(`\n*** SKIPPING the real drizzle-kit suite: ${why}. ***\n\n`);
}

const CONFIG = `import { defineConfig } from 'drizzle-kit';
export default defineConfig({ dialect: 'postgresql', schema: './src/schema.ts', out: './drizzle' });
`;

/** The first schema: an enum, two tables, a foreign key and an index. */
const SCHEMA_FIRST = `import { index, integer, pgEnum, pgTable, serial, text } from 'drizzle-orm/pg-core';

export const dogSize = pgEnum('dog_size', ['small', 'large']);

export const kennels = pgTable('kennels', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
});

export const dogs = pgTable(
  'dogs',
  {
    id: serial('id').primaryKey(),
    kennelId: integer('kennel_id').notNull().references(() => kennels.id),
    size: dogSize('size').notNull(),
  },
  (t) => [index('dogs_kennel_idx').on(t.kennelId)],
);
`;

/** The second: a column added to an existing table. */
const SCHEMA_SECOND = SCHEMA_FIRST.replace(
  "name: text('name').notNull(),",
  "name: text('name').notNull(),\n  city: text('city'),",
);

/** Hand-written beside the generated files, with the second migration's number; it needs its column. */
const BACKFILL = "insert into kennels (name, city) values ('North', 'Oslo');\n";

async function project(line: KitLine): Promise<{ root: string; read: SourceRead }> {
  const root = kitProject(line);
  const api = path.join(root, 'services', 'api');
  fs.mkdirSync(path.join(api, 'src'), { recursive: true });
  fs.writeFileSync(path.join(api, 'drizzle.config.ts'), CONFIG);
  fs.writeFileSync(path.join(api, 'src', 'schema.ts'), SCHEMA_FIRST);
  await generate(root, api, 'first');
  fs.writeFileSync(path.join(api, 'src', 'schema.ts'), SCHEMA_SECOND);
  await generate(root, api, 'second');
  if (line === '0.x') fs.writeFileSync(path.join(api, 'drizzle', '0001_backfill.sql'), BACKFILL);
  return { root, read: await readDrizzle(drizzleWorkspace(root, 'services/api', 'drizzle'), {}) };
}

async function applyAll(db: Database, read: SourceRead): Promise<void> {
  for (const m of read.migrations) await db.exec(m.sql);
}

async function catalog(db: Database): Promise<unknown> {
  const one = async (sql: string) => (await db.query<{ v: string }>(sql)).rows.map((r) => r.v);
  return {
    tables: await one(
      "select table_name as v from information_schema.tables where table_name in ('kennels', 'dogs') order by 1",
    ),
    city: await one(
      "select column_name as v from information_schema.columns where table_name = 'kennels' and column_name = 'city'",
    ),
    foreignKeys: await one(
      "select confrelid::regclass::text as v from pg_constraint where contype = 'f' and conrelid = 'public.dogs'::regclass",
    ),
    index: await one("select indexname as v from pg_indexes where indexname = 'dogs_kennel_idx'"),
    enum: await one('select enum_range(null::public.dog_size)::text as v'),
  };
}

const EXPECTED_CATALOG = {
  tables: ['dogs', 'kennels'],
  city: ['city'],
  foreignKeys: ['kennels'],
  index: ['dogs_kennel_idx'],
  enum: ['{small,large}'],
};

describe.skipIf(missingKits.length > 0)('real drizzle-kit → readDrizzle → applied', () => {
  const runs = new Map<KitLine, { root: string; read: SourceRead }>();
  beforeAll(async () => {
    // Both kits at once: each run is a separate node process, most of its time spent starting.
    const [v0, v1] = await Promise.all([project('0.x'), project('1.0')]);
    runs.set('0.x', v0);
    runs.set('1.0', v1);
  }, 60_000);

  it(`drizzle-kit ${missingKits.length ? '0.x' : kitVersion('0.x')}: journal order, the hand-written file after its number`, () => {
    const { root, read } = runs.get('0.x')!;
    expect(read.migrations.map((m) => [m.source, m.name, m.notes])).toEqual([
      ['services/api/drizzle/0000_first.sql', 'first', []],
      ['services/api/drizzle/0001_second.sql', 'second', []],
      [
        'services/api/drizzle/0001_backfill.sql',
        'backfill',
        ['not listed in meta/_journal.json', 'placed after 0001_second.sql'],
      ],
    ]);
    for (const m of read.migrations) {
      const bytes = fs.readFileSync(path.join(root, m.source), 'utf8');
      expect(m.sha256).toBe(sha256(bytes));
      expect(m.sql).toBe(bytes.endsWith('\n') ? bytes : `${bytes}\n`);
    }
    expect(read.migrations[0]!.sql).toContain('--> statement-breakpoint');
    expect(read.notes).toEqual([
      "services/api/drizzle: 1 .sql file is not listed in meta/_journal.json (drizzle's migrator never runs it) and synced too: each goes right after the journal entry with the same number prefix (the last one if several), otherwise after the last entry whose name sorts before it (number prefixes compared as numbers, then names), otherwise first; files at the same place go by name.",
    ]);
  });

  it(`drizzle-kit ${missingKits.length ? '1.0' : kitVersion('1.0')}: migration folders in name order`, () => {
    const { read } = runs.get('1.0')!;
    expect(read.migrations.map((m) => m.source)).toEqual([
      expect.stringMatching(/^services\/api\/drizzle\/\d{14}_first\/migration\.sql$/),
      expect.stringMatching(/^services\/api\/drizzle\/\d{14}_second\/migration\.sql$/),
    ]);
    expect(read.migrations.map((m) => [m.name, m.notes])).toEqual([
      ['first', []],
      ['second', []],
    ]);
    expect(read.notes).toEqual([]);
  });

  for (const target of TARGETS) {
    describe.skipIf(target.skip)(target.name, () => {
      let db: Database;
      beforeAll(async () => {
        db = await target.open();
      });
      afterAll(async () => {
        await db?.close();
      });

      for (const line of ['0.x', '1.0'] as const) {
        it(`applies the drizzle-kit ${line} migrations in order`, async () => {
          await db.exec('drop table if exists dogs, kennels; drop type if exists dog_size;');
          await applyAll(db, runs.get(line)!.read);
          expect(await catalog(db)).toEqual(EXPECTED_CATALOG);
          const rows = await db.query<{ name: string }>('select name from kennels');
          expect(rows.rows).toEqual(line === '0.x' ? [{ name: 'North' }] : []);
        });
      }
    });
  }
});
