// The fire/clean cases of fixtures.ts as vitest cases, on every target: the exact findings where a check fires, none
// of that check where it does not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADVISORS } from '../../src/advisors/checks/index.js';
import type { Database } from '../../src/db/database.js';
import type { Target } from '../db/targets.js';
import { EXPECTED } from './expected.js';
import type { CheckCase } from './fixtures.js';
import { adviseFiles, of } from './helpers.js';

export function checkCases(target: Target, cases: CheckCase[], more?: (db: () => Database) => void): void {
  describe.skipIf(target.skip)(`catalog advisors on ${target.name}`, () => {
    let db: Database;
    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      await db?.close();
    });

    for (const c of cases) {
      const expected = EXPECTED[c.rule]!;
      it(`${c.rule} fires`, async () => {
        const run = await adviseFiles(db, c.fires, { apiSchemas: c.apiSchemas });
        expect(of(run, c.rule)).toEqual(
          expected.findings.map((f) => ({
            rule: c.rule,
            severity: expected.severity,
            category: expected.category,
            ...f,
          })),
        );
        // The help is the check's remedy and its page on supabase.com, plus why no file is named when none is.
        const advisor = ADVISORS.find((a) => a.id === c.rule)!;
        for (const f of run.findings.filter((x) => x.rule === c.rule)) {
          expect(f.help).toMatch(
            new RegExp(
              `^${escapeRegExp(advisor.help)} See https://supabase\\.com/docs/guides/database/database-linter\\?lint=${advisor.lint}\\.`,
            ),
          );
          expect(f.help.includes('No migration file is named')).toBe(f.file === '');
        }
      });
      it(`${c.rule} stays quiet`, async () => {
        const run = await adviseFiles(db, c.clean, { apiSchemas: c.apiSchemas });
        expect(of(run, c.rule)).toEqual([]);
      });
    }
    more?.(() => db);
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
