// The answers of `kodo diff` / `kodo dump` and MCP `diff_schema`, as INTERFACES.md shapes them, with zod shapes
// for the MCP tool's output.
import { z } from 'zod';
import { type Difference, summaryLine } from '../schema/compare.js';

export const differenceShape = z.object({
  object: z.string().describe('The object: public.users, public.users.email, "own rows" on public.todos, …'),
  kind: z
    .string()
    .describe('table, column, constraint, index, function, view, trigger, policy, acl, comment, …'),
  change: z.enum(['added', 'removed', 'changed']),
  detail: z.string().describe('For a change: which properties changed, from what to what.'),
});
export type DifferenceOut = z.infer<typeof differenceShape>;

export const diffResultShape = {
  from: z
    .string()
    .describe('The state diffed from, as read: supabase/migrations (N files), embedded (.kodo/db), …'),
  to: z.string().describe('The state diffed to.'),
  differences: z.array(differenceShape),
  sql: z.string().describe('The migration that turns "from" into "to"; empty when they are equal.'),
  path: z.string().nullable().describe('The migration written (with name / -f), else null.'),
  verified: z
    .boolean()
    .describe(
      'True only when the SQL was applied to the "from" state on a throwaway database and the result compared equal to "to".',
    ),
  remaining: z
    .array(z.string())
    .describe('When not verified: the objects that still differed, or the error Postgres gave.'),
  destructive: z
    .array(z.string())
    .describe('Steps that lose data (dropped tables and columns, narrowed types).'),
  warnings: z.array(z.string()),
};
export type DiffResult = z.infer<z.ZodObject<typeof diffResultShape>>;

export const dumpResultShape = {
  from: z.string(),
  sql: z.string().describe('SQL that recreates the state from an empty Supabase database.'),
  verified: z
    .boolean()
    .describe('True only when the SQL, run on a fresh throwaway database, gave an equal state.'),
  remaining: z.array(z.string()),
  warnings: z.array(z.string()),
};
export type DumpResult = z.infer<z.ZodObject<typeof dumpResultShape>>;

export function differenceOut(d: Difference): DifferenceOut {
  return { object: d.object, kind: d.kind, change: d.change, detail: d.detail };
}

export function remainingOut(v: { error: string | null; remaining: Difference[] }): string[] {
  return v.error ? [`the SQL failed: ${v.error}`] : v.remaining.map(summaryLine);
}
