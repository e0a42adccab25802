// Corpora that must lint the way a reviewer would: the example project, the migrations kodo's own templates
// generate, and the benchmark's generated folder.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedMigration, generatedMigrationName } from '../../bench/lint-corpus.js';
import { lint } from '../../src/lint/engine.js';
import { lintProject } from '../../src/lint/project.js';
import { renderMigration } from '../../src/templates/templates.js';
import { announcementsSpec, CREATED, customersSpec, ordersSpec, projectsSpec } from '../templates/specs.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/hybrid-saas');

const brief = (f: { file: string; line: number; column: number; severity: string; rule: string }) =>
  `${path.basename(f.file)}:${f.line}:${f.column} ${f.severity} ${f.rule}`;

describe('examples/hybrid-saas', () => {
  it('has no error-level finding', async () => {
    const run = await lintProject({ cwd: EXAMPLE });
    expect(run.summary.files).toBe(12);
    expect(
      run.findings
        .filter((f) => f.severity === 'error')
        .map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`),
    ).toEqual([]);
  });
});

describe('migrations kodo generates', () => {
  it('lint clean: the bootstrap templates and tables from every kind of spec', async () => {
    const files = [
      [
        '00000_extensions.sql',
        renderMigration({ template: 'extensions', name: 'extensions', created: CREATED }),
      ],
      [
        '00001_core_functions.sql',
        renderMigration({ template: 'core_functions', name: 'core_functions', created: CREATED }),
      ],
      ...[customersSpec, ordersSpec, announcementsSpec, projectsSpec].map((spec, i) => [
        `0010${i * 2}_create_${spec.name}.sql`,
        renderMigration({ template: 'table', name: `create_${spec.name}`, created: CREATED, table: spec }),
      ]),
    ];
    const run = await lint(
      files.map(([name, text]) => ({ path: `supabase/migrations/${name}`, text: text! })),
    );
    expect(run.summary.files).toBe(6);
    expect(run.findings.map(brief)).toEqual([]);
  });
});

describe("the benchmark's generated folder", () => {
  it('finds only the 32-bit priority columns, once per table', async () => {
    const inputs = Array.from({ length: 60 }, (_, n) => ({
      path: `supabase/migrations/${generatedMigrationName(n)}`,
      text: generatedMigration(n),
    }));
    const run = await lint(inputs);
    // 18 statements per table (17 for the first, which has no parent key and index).
    expect(run.summary).toEqual({ files: 60, statements: 179, errors: 0, warnings: 0, infos: 10 });
    // `priority integer` in each table's "add columns" migration (every sixth file, from the fourth).
    expect(run.findings.map(brief)).toEqual(
      Array.from(
        { length: 10 },
        (_, t) => `${generatedMigrationName(t * 6 + 3)}:2:63 info prefer-bigint-over-int`,
      ),
    );
  });
});
