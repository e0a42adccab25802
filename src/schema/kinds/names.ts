// Names shared by the kinds: ids are `<kind> <schema>.<name>` unquoted (readable, stable); DDL uses the quoted
// forms that Postgres's own quote_ident gave the reader.

/** The id of a relation's snapshot object, whichever kind it is (a table, a view, a materialized view). */
export function relationId(relkind: string, schema: string, name: string): string {
  return `${relkind === 'v' || relkind === 'm' ? 'view' : 'table'} ${schema}.${name}`;
}

/** `'text'` with quotes doubled: a string literal for COMMENT ON and defaults. */
export function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** The columns every reader of a table's child (a policy, a trigger) selects to name it and its table. */
export interface TableChildRow {
  oid: number;
  relkind: string;
  schema: string;
  table: string;
  tq: string;
  name: string;
  nq: string;
}
