// The function calls a migration's statements execute, sorted by what a rollback cannot take back: a sequence
// moved, effects outside the database (cron jobs, HTTP requests, secrets, notifications), and functions that
// may have written rows. Only calls a statement runs: function bodies and column defaults never reach here.

import type { FuncCall, Node } from '@pgsql/types';
import { as, display, ident, type QualifiedName, strings, walk } from '../sql/ast.js';
import { isBuiltinCall } from '../sql/builtins.js';
import { deparse } from '../sql/deparse.js';

/** What each family of calls leaves behind outside the schema, by qualified name. */
const FAMILIES: Record<string, string> = {
  'cron.schedule': 'a scheduled job',
  'cron.schedule_in_database': 'a scheduled job',
  'cron.unschedule': 'a scheduled job',
  'cron.alter_job': 'a scheduled job',
  'net.http_get': 'an HTTP request sent',
  'net.http_post': 'an HTTP request sent',
  'net.http_delete': 'an HTTP request sent',
  'vault.create_secret': 'a secret stored',
  'vault.update_secret': 'a secret stored',
};

/** The same, by bare name: built-ins called unqualified, and dblink, which lives in whatever schema it was put. */
const BARE_FAMILIES: Record<string, string> = {
  pg_notify: 'a notification sent',
  dblink_exec: 'a command run on another database',
};

/** Supabase helpers that only read the request's claims. */
const READ_ONLY = new Set(['auth.uid', 'auth.role', 'auth.jwt', 'auth.email']);

export interface CallRules {
  /** Whether any other function that is not built-in counts as having written rows (SELECT, PERFORM, CALL). */
  ran: boolean;
  /** Whether a sequence was created earlier in the same file (the rollback drops it, value and all). */
  sequenceIsNew: (name: SequenceName) => boolean;
}

/** A sequence as a `setval`/`nextval` call names it: by name, or as the one owned by a table's column. */
export type SequenceName =
  | { name: QualifiedName }
  | { table: QualifiedName; column: string }
  | { text: string };

/** The reasons for every call under `root`, in the order written. */
export function callReasons(root: unknown, rules: CallRules): string[] {
  const out: string[] = [];
  walk(root, (kind, payload) => {
    if (kind !== 'FuncCall') return;
    const reason = callReason(payload as FuncCall, rules);
    if (reason) out.push(reason);
  });
  return out;
}

/** The reason for one call, or undefined when it leaves nothing behind. */
export function callReason(call: FuncCall, rules: CallRules): string | undefined {
  const parts = strings(call.funcname);
  const name = parts[parts.length - 1] ?? '';
  const schema = parts.length > 1 ? parts[parts.length - 2] : undefined;
  const written = parts.map(ident).join('.');
  const family = FAMILIES[parts.join('.')] ?? BARE_FAMILIES[name];
  if (family && name === 'pg_notify' && isSchemaReload(call.args?.[0])) return undefined;
  if (family)
    return `${written}(...) has side effects outside the schema (${family}); the rollback does not undo them`;
  const builtin = schema === undefined || schema === 'pg_catalog';
  if (builtin && (name === 'setval' || name === 'nextval')) {
    const sequence = sequenceName(call.args?.[0]);
    if (rules.sequenceIsNew(sequence)) return undefined;
    return `sequence ${sequenceText(sequence)} is advanced; the rollback does not move it back`;
  }
  if (!rules.ran || schema === 'pg_catalog' || READ_ONLY.has(parts.join('.'))) return undefined;
  if (isBuiltinCall(schema, name)) return undefined;
  return `${written}() ran; what it changed in rows is not undone`;
}

/**
 * `pg_notify('pgrst', …)` / `NOTIFY pgrst`: PostgREST reloads its schema cache. Migrations end with it so the API
 * sees the new schema; it changes nothing a rollback would need to undo (and the rollback's own schema change is
 * picked up the same way).
 */
export function isSchemaReload(channel: Node | string | undefined): boolean {
  const name = typeof channel === 'string' ? channel : as(channel, 'A_Const')?.sval?.sval;
  return name === 'pgrst';
}

function sequenceName(arg: Node | undefined): SequenceName {
  const literal = as(as(arg, 'TypeCast')?.arg ?? arg, 'A_Const')?.sval?.sval;
  if (literal !== undefined) return { name: regclassName(literal) };
  const owner = as(arg, 'FuncCall');
  const ownerParts = strings(owner?.funcname);
  const tableArg = as(owner?.args?.[0], 'A_Const')?.sval?.sval;
  const columnArg = as(owner?.args?.[1], 'A_Const')?.sval?.sval;
  if (ownerParts[ownerParts.length - 1] === 'pg_get_serial_sequence' && tableArg && columnArg)
    return { table: regclassName(tableArg), column: columnArg };
  return { text: deparse(arg) };
}

function sequenceText(s: SequenceName): string {
  if ('name' in s) return display(s.name);
  if ('table' in s) return `of ${display(s.table)}.${ident(s.column)}`;
  return s.text;
}

/** A name as `'…'::regclass` reads it: dotted parts, case-folded unless double-quoted; unqualified is public. */
export function regclassName(text: string): QualifiedName {
  const parts = (text.match(/"(?:[^"]|"")*"|[^.]+/g) ?? []).map((p) =>
    p.startsWith('"') ? p.slice(1, -1).replace(/""/g, '"') : p.trim().toLowerCase(),
  );
  const name = parts[parts.length - 1] ?? '';
  return { schema: parts.length > 1 ? parts[parts.length - 2]! : 'public', name };
}
