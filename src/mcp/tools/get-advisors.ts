// MCP tool `get_advisors`: splinter's security and performance checks on the applied catalog (kodo advisors),
// named as Supabase's own MCP tool.
import { z } from 'zod';
import { runAdvisors } from '../../advisors/run.js';
import { Project } from '../../project/project.js';
import { defineTool } from '../define.js';
import { textList } from './migration-schemas.js';

export const getAdvisorsTool = defineTool({
  name: 'get_advisors',
  title: 'Database advisors (security and performance)',
  description:
    'Run Supabase\'s database advisors (splinter\'s lints, as `supabase db advisors` and Supabase\'s own get_advisors do) on the schema the migrations build: tables exposed without RLS, policies that never apply or let anyone write, security-definer views and functions callable by anon or authenticated, auth.users exposed, mutable function search_path, unindexed foreign keys, duplicate indexes, multiple permissive policies, auth.uid() evaluated per row, public buckets that allow listing, and more. Use it after check_migrations passes, before apply_migrations, and whenever the user asks whether the schema is secure. By default the migrations are replayed on a throwaway database and each finding names the migration file (file, line, column) that created the object, plus `object` and a `help` with the remedy and the Supabase docs link; with db ("embedded", "local", a URL) that database is read as it is, inside a transaction that is rolled back (then unused-index and table-bloat run too; a fresh replay has no usage statistics). Read-only. level is the lowest level returned (default warn); failOn makes `failed` true when a returned finding is at or above it. Fix a finding with a new migration, not by editing an applied one.',
  inputSchema: {
    db: z
      .string()
      .optional()
      .describe(
        'Read this database as it is instead of replaying the migrations: "embedded" (.kodo/db), "local", a postgres:// URL or a libpq key=value string.',
      ),
    type: z.enum(['all', 'security', 'performance']).optional().describe('Which checks (default all).'),
    level: z.enum(['info', 'warn', 'error']).optional().describe('Lowest level returned (default warn).'),
    failOn: z
      .enum(['none', 'info', 'warn', 'error'])
      .optional()
      .describe('`failed` is true when a returned finding is at or above this level (default none).'),
  },
  outputSchema: {
    target: z.string().describe('What was read: the replayed migrations, or the database given.'),
    findings: z.array(
      z.object({
        rule: z.string().describe("splinter's lint name in kebab-case, e.g. rls-disabled-in-public."),
        severity: z.enum(['error', 'warning', 'info']),
        file: z.string().describe('The migration that created the object; "" when unknown.'),
        line: z.number().int().describe('1-based line in file; 0 when file is "".'),
        column: z.number().int().describe('1-based column in file; 0 when file is "".'),
        message: z.string(),
        help: z.string().describe('The remedy and the Supabase docs link.'),
        object: z.string().describe('e.g. public.todos, public.todos.policy_name, public.fn(integer)'),
        category: z.enum(['security', 'performance']),
      }),
    ),
    failed: z.boolean().describe('A returned finding is at or above failOn.'),
    skipped: z.array(z.object({ rule: z.string(), reason: z.string() })).describe('Checks that did not run.'),
    warnings: textList,
  },
  // Read-only: a replay runs on a throwaway database, and a database given is only read (in a rolled-back
  // transaction). Open world: db can name a server.
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  handler: async ({ db, type, level, failOn }, ctx) =>
    runAdvisors(new Project(ctx.cwd), {
      db,
      type,
      level,
      failOn,
      signal: ctx.signal,
      onProgress: (done, total, file) => ctx.progress(done, total, file),
    }),
  verdict: (r) => ({
    // The same verdict words as check_migrations and test_rls: `failed` only when failOn says a finding fails.
    headline: `${r.failed ? 'failed' : 'passed'}: ${r.findings.length} finding(s) on ${r.target}.`,
  }),
});
