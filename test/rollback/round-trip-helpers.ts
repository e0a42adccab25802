// Fixtures for the rollback round-trip suites: a supabase-only project whose migrations are a base file and the
// file under test, and the parts of a rollback's SQL the suites assert exactly.
import { describe, expect, it } from 'vitest';
import type { RollbackResult } from '../../src/rollback/result.js';
import { runRollback } from '../../src/rollback/rollback.js';
import { makeFiles } from '../helpers/temp.js';

/** The clock every rollback is allocated with, so versions are exact (after every fixture's version). */
export const NOW = new Date(Date.UTC(2025, 0, 1, 0, 0, 0));
export const NEXT_VERSION = '20250101000000';

export const BASE_FILE = 'supabase/migrations/20240101000000_base.sql';
export const CHANGE_FILE = 'supabase/migrations/20240102000000_change.sql';

/** A project with `supabase/migrations/<file>` for each entry (file names relative to the migrations folder). */
export function migrationsProject(files: Record<string, string>): Promise<string> {
  return makeFiles(
    Object.fromEntries(Object.entries(files).map(([name, text]) => [`supabase/migrations/${name}`, text])),
  );
}

/** The dry-run rollback of `change` applied after `base` (two files: 20240101000000_base, 20240102000000_change). */
export async function rollbackOf(base: string, change: string): Promise<RollbackResult> {
  const root = await migrationsProject({
    '20240101000000_base.sql': `${base}\n`,
    '20240102000000_change.sql': `${change}\n`,
  });
  return runRollback(root, { file: '20240102000000', dryRun: true, now: NOW, env: {} });
}

/** The comment lines a rollback file starts with. */
export function header(sql: string): string[] {
  return sql.slice(0, sql.indexOf('\n\n')).split('\n');
}

/** The statements of a rollback file: every line after the header and its blank line, without the final newline. */
export function body(sql: string): string[] {
  return sql
    .slice(sql.indexOf('\n\n') + 2)
    .replace(/\n$/, '')
    .split('\n');
}

/** The first line of every rollback of a file named 20240102000000_change.sql. */
export const TITLE =
  '-- kodo rollback of supabase/migrations/20240102000000_change.sql: the schema it changed, back as it was; verified on a throwaway database';

export interface RoundTrip {
  base: string;
  change: string;
  /** The rollback's statements, line by line. */
  body: string[];
  irreversible?: RollbackResult['irreversible'];
  destructive?: string[];
}

/** One test per case: the rollback verifies, with exactly these statements, header, irreversible and destructive lists. */
export function roundTrips(title: string, cases: Record<string, RoundTrip>): void {
  describe(title, { timeout: 60_000 }, () => {
    for (const [name, c] of Object.entries(cases)) {
      it(name, async () => {
        const result = await rollbackOf(c.base, c.change);
        expect(result.remaining).toEqual([]);
        expect(result.verified).toBe(true);
        expect(body(result.sql)).toEqual(c.body);
        expect(result.irreversible).toEqual(c.irreversible ?? []);
        expect(result.destructive).toEqual(c.destructive ?? []);
        expect(result).toMatchObject({
          file: CHANGE_FILE,
          path: null,
          version: NEXT_VERSION,
          dryRun: true,
          warnings: [],
        });
        // The header names the file, then each irreversible line, then what the rollback removes.
        expect(header(result.sql)).toEqual([
          TITLE,
          ...(c.irreversible?.length
            ? [
                '-- IRREVERSIBLE: this rollback cannot undo (lines of 20240102000000_change.sql):',
                ...c.irreversible.map((i) => `--   line ${i.line}: ${i.statement} — ${i.reason}`),
              ]
            : []),
          ...(c.destructive?.length
            ? ['-- DESTRUCTIVE: this migration removes data:', ...c.destructive.map((d) => `--   ${d}`)]
            : []),
        ]);
      });
    }
  });
}
