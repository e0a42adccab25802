// MCP tool `test_rls`: RLS behaviour tests (kodo rls test), or with diffSince the access diff (kodo rls diff).
import { z } from 'zod';
import { Project } from '../../project/project.js';
import { rlsDiff } from '../../rls/diff/index.js';
import { testRls } from '../../rls/test-rls.js';
import { defineTool } from '../define.js';
import { textList } from './migration-schemas.js';
import { accessChangeSchema } from './rls-schemas.js';

const leakSchema = z.object({
  table: z.string(),
  persona: z.string(),
  operation: z.string(),
  policy: z.string().nullable().describe('The policy that allowed the reach, when one was found'),
  detail: z.string(),
});

export const testRlsTool = defineTool({
  name: 'test_rls',
  title: 'Test row level security',
  description:
    'Test RLS by behaviour on a real Postgres: kodo seeds rows for two users in two organizations as service_role, acts as each persona exactly as PostgREST does (role + request.jwt.claims), tries select/insert/update/delete, and reports a matrix; any read or write of another owner\'s row is a leak, named with the policy that allowed it. Also runs the spec files in supabase/tests/rls (*.yaml/*.json) or the `specs` given. Tables whose owner kodo cannot find are listed as unproven, never as passing. Default database: the migrations replayed on a throwaway database; `db` tests an existing database, changing it only inside transactions that are rolled back. With `diffSince` (a version, or "pending"), returns instead what each later migration changed in the matrix (the pull-request gate): `diff.changes`, where a leak a later file closes again names it in `closedBy` and does not fail. Use after writing or changing policies, and before apply_migrations.',
  inputSchema: {
    specs: z.array(z.string()).optional().describe('Spec files (default: every file in supabase/tests/rls).'),
    db: z
      .string()
      .optional()
      .describe('Test this database as it is ("embedded", "local", a URL); default: a replay.'),
    matrix: z.boolean().optional().describe('False: the spec files only.'),
    diffSince: z.string().optional().describe('A version, or "pending": report the access diff instead.'),
  },
  outputSchema: {
    target: z.string(),
    cases: z.array(
      z.object({
        table: z.string(),
        persona: z.string(),
        operation: z.string(),
        expected: z.string(),
        actual: z.string(),
        pass: z.boolean(),
        source: z.string().describe('"matrix" or the spec file'),
        detail: z.string(),
      }),
    ),
    leaks: z.array(leakSchema),
    unproven: z.array(z.object({ table: z.string(), reason: z.string() })),
    passed: z.number().int(),
    failed: z.number().int(),
    matrix: z
      .boolean()
      .describe('The isolation matrix ran for `cases` (false with matrix: false, or with diffSince)'),
    tables: textList.describe('Tables the matrix covered'),
    specs: textList,
    warnings: textList,
    diff: z
      .object({
        since: z.string().nullable(),
        files: textList,
        changes: z.array(accessChangeSchema),
        notes: textList,
      })
      .nullable()
      .describe('With diffSince: the access changes per migration file'),
  },
  // Rows are written only inside transactions that are rolled back; a sequence a spec's fixture uses advances.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ specs, db, matrix, diffSince }, ctx) => {
    const project = new Project(ctx.cwd);
    if (diffSince !== undefined) {
      const diff = await rlsDiff(project, { since: diffSince, db, signal: ctx.signal });
      const leaks = diff.open;
      return {
        target: diff.target,
        cases: [],
        leaks: leaks.map((c) => ({
          table: c.table,
          persona: c.persona,
          operation: c.operation,
          policy: c.policy,
          detail: c.message,
        })),
        unproven: [],
        passed: diff.changes.length - leaks.length,
        failed: leaks.length,
        matrix: false,
        tables: [],
        specs: [],
        warnings: [],
        diff: { since: diff.since, files: diff.files, changes: diff.changes, notes: diff.notes },
      };
    }
    const paths = specs?.map((s) => ctx.path(s, 'specs'));
    const result = await testRls(project, { specs: paths, db, matrix, signal: ctx.signal });
    return { ...result, diff: null };
  },
  // Like check_migrations, a test that finds problems answered the question: the headline says failed, not isError.
  verdict: (r) => {
    if (r.diff) {
      const leaks = r.diff.changes.filter((c) => c.leak && !c.closedBy).length;
      return {
        headline:
          leaks > 0
            ? `failed: ${leaks} access change(s) open a leak still open after the last file.`
            : `passed: ${r.diff.changes.length} access change(s), no leak left open.`,
      };
    }
    const bad = r.failed > 0 || r.leaks.length > 0;
    return {
      headline: `${bad ? 'failed' : 'passed'}: ${r.passed} case(s) passed, ${r.failed} failed, ${r.leaks.length} leak(s), ${r.unproven.length} table(s) not proven.`,
    };
  },
});
