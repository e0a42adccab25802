// `kodo rls test` / MCP `test_rls`: the spec files' cases and the automatic isolation matrix, on the project's
// migrations replayed on a throwaway database (or, with --db, a database as it is, changed only inside
// transactions that are rolled back). One function behind both doors.
import { openAppliedState } from '../apply/applied-state.js';
import { KodoError } from '../core/errors.js';
import type { Database } from '../db/database.js';
import type { Project } from '../project/project.js';
import { cellText } from './diff/words.js';
import { type Leak, type MatrixCell, type MatrixResult, runMatrix, type Unproven } from './matrix/run.js';
import { loadSpecs, runSpecs } from './spec/index.js';

export interface RlsCase {
  table: string;
  persona: string;
  operation: string;
  expected: string;
  actual: string;
  pass: boolean;
  /** `matrix`, or the spec file the case comes from. */
  source: string;
  detail: string;
}

export interface RlsTestResult {
  target: string;
  cases: RlsCase[];
  leaks: Leak[];
  unproven: Unproven[];
  passed: number;
  failed: number;
  /** Whether the isolation matrix ran (false with --no-matrix). */
  matrix: boolean;
  /** Tables the matrix covered. */
  tables: string[];
  specs: string[];
  warnings: string[];
}

export interface RlsTestOptions {
  /** Spec files to run (paths relative to the root); undefined: every file in supabase/tests/rls. */
  specs?: string[] | undefined;
  db?: string | undefined;
  /** False: the spec files only. */
  matrix?: boolean;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal | undefined;
}

export async function testRls(project: Project, opts: RlsTestOptions): Promise<RlsTestResult> {
  const specs = loadProjectSpecs(project, opts.specs);
  if (opts.matrix === false && specs.files.length === 0) {
    throw new KodoError(
      'nothing-to-test',
      'There is no spec file in supabase/tests/rls and the matrix is off, so there is nothing to test; write a spec file (see docs/rls-specs.md) or let the matrix run (leave out --no-matrix, or matrix: false in MCP).',
    );
  }
  const state = await openAppliedState(project, { db: opts.db, env: opts.env, signal: opts.signal });
  const result: RlsTestResult = {
    target: state.target,
    cases: [],
    leaks: [],
    unproven: [],
    passed: 0,
    failed: 0,
    matrix: opts.matrix !== false,
    tables: [],
    specs: specs.files,
    warnings: [...state.warnings],
  };
  try {
    if (!state.replayed) await requireAuth(state.db, state.target);
    result.cases.push(...(await specs.run(state.db, opts.signal)));
    if (opts.matrix !== false) {
      const matrix = await runMatrix(state.db, { schemas: project.apiSchemas() });
      result.tables = matrix.tables;
      result.leaks = matrix.leaks;
      result.unproven = matrix.unproven;
      result.cases.push(...matrixCases(matrix));
    }
  } finally {
    await state.close();
  }
  result.passed = result.cases.filter((c) => c.pass).length;
  result.failed = result.cases.length - result.passed;
  return result;
}

/** Personas are rows in auth.users: a database without Supabase's auth schema cannot be tested as it is. */
async function requireAuth(db: Database, target: string): Promise<void> {
  const { rows } = await db.query<{ ok: boolean }>(`select to_regclass('auth.users') is not null as ok`);
  if (rows[0]?.ok) return;
  throw new KodoError(
    'not-supabase',
    `${target} has no auth.users table, so kodo cannot act as its users; point --db at a Supabase database, or leave --db out to test the migrations replayed on a throwaway one.`,
  );
}

const EXPECTED: Record<string, string> = { authenticated: 'own rows only', anon: 'no rows' };

/** The matrix as cases: each cell expects isolation; a table with RLS off fails every operation it grants. */
export function matrixCases(m: MatrixResult): RlsCase[] {
  const cases: RlsCase[] = m.cells.map((c: MatrixCell) => ({
    table: c.table,
    persona: c.persona,
    operation: c.operation,
    expected: EXPECTED[c.persona]!,
    actual: cellText(c, m, `${c.table}|${c.persona}|${c.operation}`),
    pass: !c.leak,
    source: 'matrix',
    detail: c.leak ? `${c.detail}${c.policy ? ` (policy ${c.policy})` : ''}` : c.detail,
  }));
  for (const l of m.leaks.filter((l) => l.operation === 'all')) {
    cases.push({
      table: l.table,
      persona: l.persona,
      operation: 'all',
      expected: 'row level security enabled',
      actual: 'every row (RLS off)',
      pass: false,
      source: 'matrix',
      detail: l.detail,
    });
  }
  return cases;
}

interface ProjectSpecs {
  files: string[];
  run: (db: Database, signal: AbortSignal | undefined) => Promise<RlsCase[]>;
}

/** The spec files, read and validated before any database is opened (a bad spec costs no replay). */
function loadProjectSpecs(project: Project, paths: string[] | undefined): ProjectSpecs {
  const specs = loadSpecs(project, paths ?? []);
  return {
    files: specs.map((s) => s.file),
    run: async (db, signal) => {
      if (specs.length === 0) return [];
      const { cases } = await runSpecs(db, specs, { signal });
      return cases.map(({ spec, ...c }) => ({ ...c, source: spec }));
    },
  };
}
