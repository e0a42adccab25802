// The catalog advisors: kodo's checks of splinter's lints (`supabase db advisors`, MCP `get_advisors`), each one SQL
// query over the live catalog, run against a database the migrations built (or one read as it is).
import type { Finding, Severity } from '../lint/types.js';

/** splinter's levels, as `--level` and `--fail-on` name them. */
export type Level = 'info' | 'warn' | 'error';
export type Category = 'security' | 'performance';

/** One row of a check's query: the object it is about, and what its message needs. */
export interface AdvisorRow {
  schema_name: string;
  /** The table, view, function or extension (for an extension, its name; schema_name is where it lives). */
  object_name: string;
  /** A policy, constraint, index or column of the object, when the finding is about one. */
  sub_name: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * Where to look for the statement that created the object (see origins.ts): the same place the static rule of the
 * same id points at, so that a check reports the finding once.
 */
export type Anchor =
  | { kind: 'table' | 'rls' | 'view' | 'relation'; schema: string; name: string }
  | { kind: 'rls-or-policy'; schema: string; name: string }
  | { kind: 'policy' | 'constraint' | 'column'; schema: string; table: string; name: string }
  | { kind: 'latest-policy'; schema: string; table: string; names: string[] }
  | { kind: 'index'; schema: string; name: string }
  | { kind: 'function'; schema: string; name: string; args: string }
  | { kind: 'extension'; name: string }
  | { kind: 'none' };

/** What a check makes of one row. */
export interface Advice {
  /** `public.todos`, `public.todos.todos_owner_policy`, `public.fn(integer, text)`, `hstore`. */
  object: string;
  /** One sentence naming the object and what to do. */
  message: string;
  anchor: Anchor;
  /**
   * Names a static finding of the same rule must all mention to be about the same object (when it points at
   * another line of the same file, e.g. at the auth.uid() call inside a policy rather than at the policy).
   */
  mentions: string[];
}

export interface Advisor {
  /** splinter's name in kebab-case: `rls-disabled-in-public`. */
  id: string;
  /** splinter's `NNNN_name`, the anchor of its page on supabase.com. */
  lint: string;
  level: Level;
  category: Category;
  /**
   * Reads usage statistics (unused-index, table-bloat): a database just built by a replay has none, so every index
   * would look unused and no table bloated. Such checks run only on a database read as it is (--db).
   */
  needsStatistics?: boolean;
  /**
   * Lists what is visible rather than what is wrong (pg_graphql's introspection: splinter says it "surfaces the
   * objects that are currently public so you can confirm" them). `kodo advisors` shows it; `kodo check` leaves it
   * out, as it would warn about every table the API roles may read, which is how Supabase grants tables by default.
   */
  inventory?: boolean;
  /** A relation the query names, which not every database has (storage.buckets): the check is skipped without it. */
  requires?: string;
  /**
   * A `select schema_name, object_name, sub_name, detail` over the shared CTEs of catalog.ts, with `$1` the API
   * schemas and `$2` the platform schemas (both `text[]`).
   */
  sql: string;
  /** The remediation, without the docs link (the runner appends it). */
  help: string;
  advise(row: AdvisorRow): Advice;
}

/**
 * INTERFACES.md's Finding, plus the object it is about and the advisor's category. `file` is the migration that
 * created the object, relative to the project root; '' when unknown (line and column 0).
 */
export interface AdvisorFinding extends Finding {
  object: string;
  category: Category;
}

export const SEVERITY_OF: Record<Level, Severity> = { error: 'error', warn: 'warning', info: 'info' };
const RANK: Record<Level, number> = { info: 0, warn: 1, error: 2 };

export function atLeast(level: Level, min: Level): boolean {
  return RANK[level] >= RANK[min];
}

export function levelOf(severity: Severity): Level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warn' : 'info';
}
