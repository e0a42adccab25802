// The function calls a migration's statements execute, sorted by what a rollback cannot take back: a sequence
// moved, effects outside the database (cron jobs, HTTP requests, secrets, notifications), and functions that
// may have written rows. Only calls a statement runs: function bodies and column defaults never reach here.
import type { FuncCall, Node } from '@pgsql/types';
import { as, display, ident, type QualifiedName, strings, walk } from '../sql/ast.js';
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

/**
 * Built-in (pg_catalog) functions a migration's SELECT commonly calls, which write no rows. A call is read as
 * unqualified = built-in only when its name is here: the catalog is not at hand, and an unknown name may be a
 * project function that backfills rows, which is the case worth reporting.
 */
const BUILTINS = new Set(
  `abs age array_agg array_append array_cat array_length array_position array_positions array_prepend array_remove
  array_replace array_to_json array_to_string avg bit_and bit_or bool_and bool_or btrim cardinality cbrt ceil
  ceiling char_length character_length chr clock_timestamp col_description concat concat_ws count cume_dist
  current_database current_schema current_schemas current_setting currval date_bin date_part date_trunc
  decode dense_rank digest encode every exp extract first_value floor format format_type gen_random_uuid
  generate_series generate_subscripts get_byte greatest has_column_privilege has_database_privilege
  has_function_privilege has_schema_privilege has_sequence_privilege has_table_privilege initcap isfinite
  json_agg json_array_elements json_array_elements_text json_array_length json_build_array json_build_object
  json_each json_each_text json_extract_path json_extract_path_text json_object json_object_agg
  json_object_keys json_populate_record json_strip_nulls json_typeof jsonb_agg jsonb_array_elements
  jsonb_array_elements_text jsonb_array_length jsonb_build_array jsonb_build_object jsonb_each jsonb_each_text
  jsonb_extract_path jsonb_extract_path_text jsonb_insert jsonb_object jsonb_object_agg jsonb_object_keys
  jsonb_path_exists jsonb_path_query jsonb_populate_record jsonb_pretty jsonb_set jsonb_strip_nulls
  jsonb_typeof justify_days justify_hours justify_interval lag last_value lastval lead least left length ln
  localtime localtimestamp log lower lpad ltrim make_date make_interval make_time make_timestamp
  make_timestamptz max md5 min mod now nth_value ntile num_nonnulls num_nulls obj_description octet_length
  overlay percent_rank percentile_cont percentile_disc pg_advisory_lock pg_advisory_unlock
  pg_advisory_xact_lock pg_backend_pid pg_column_size pg_database_size pg_get_constraintdef
  pg_get_functiondef pg_get_function_arguments pg_get_indexdef pg_get_serial_sequence pg_get_triggerdef
  pg_get_userbyid pg_get_viewdef pg_has_role pg_indexes_size pg_relation_size pg_reload_conf pg_sleep
  pg_table_is_visible pg_table_size pg_total_relation_size pg_try_advisory_lock pg_try_advisory_xact_lock
  pg_typeof position power quote_ident quote_literal quote_nullable random rank regexp_match regexp_matches
  regexp_replace regexp_split_to_array regexp_split_to_table repeat replace reverse right round row_number
  row_to_json rpad rtrim set_config sha256 sign split_part sqrt starts_with statement_timestamp string_agg
  string_to_array strpos substr substring sum timeofday to_char to_date to_hex to_json to_jsonb to_number
  to_regclass to_regproc to_regprocedure to_regtype to_timestamp to_tsquery to_tsvector transaction_timestamp
  translate trim trunc txid_current unnest upper uuid_generate_v4 version websearch_to_tsquery xmlagg`
    .split(/\s+/)
    .filter(Boolean),
);

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
  if (family)
    return `${written}(...) has side effects outside the schema (${family}); the rollback does not undo them`;
  const builtin = schema === undefined || schema === 'pg_catalog';
  if (builtin && (name === 'setval' || name === 'nextval')) {
    const sequence = sequenceName(call.args?.[0]);
    if (rules.sequenceIsNew(sequence)) return undefined;
    return `sequence ${sequenceText(sequence)} is advanced; the rollback does not move it back`;
  }
  if (!rules.ran || schema === 'pg_catalog' || READ_ONLY.has(parts.join('.'))) return undefined;
  if (schema === undefined && BUILTINS.has(name)) return undefined;
  return `${written}() ran; what it changed in rows is not undone`;
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
