// Built-in (pg_catalog) functions a migration's statements commonly call, which write no rows. Without the catalog
// at hand, an unqualified call counts as built-in only when its name is listed here (or starts with pg_): an unknown
// name may be a project function that backfills rows, which rollback must report and squash must keep.

const BUILTINS: ReadonlySet<string> = new Set(
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

/** True for a call of a built-in: schema-qualified with pg_catalog, or unqualified and known (or pg_*). */
export function isBuiltinCall(schema: string | undefined, name: string): boolean {
  if (schema !== undefined) return schema === 'pg_catalog';
  return BUILTINS.has(name) || name.startsWith('pg_');
}
