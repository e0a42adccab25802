// The catalog as plain data: what the RLS matrix, the advisors (and later diff, rollback and squash) read from a
// database through the one Database interface. Read by src/catalog/read-*.ts; the same on PGlite and a server.

export interface ColumnInfo {
  name: string;
  /** `format_type(atttypid, atttypmod)`: `uuid`, `text`, `character varying(20)`, `public.status`, `integer[]`. */
  type: string;
  /** The type's schema and name (for an array: the element type's). */
  typeSchema: string;
  typeName: string;
  /** pg_type.typcategory of the type, or of the element type for an array: S string, N numeric, B bool, … */
  category: string;
  isArray: boolean;
  /** The labels of an enum type (of the element type for an array of enums), in order; null otherwise. */
  enumLabels: string[] | null;
  /** For a domain: its base type's format_type; null otherwise. */
  domainBase: string | null;
  notNull: boolean;
  /** The default expression's text (`gen_random_uuid()`, `nextval('…'::regclass)`), or null. */
  default: string | null;
  /** `a` generated always / `d` by default as identity, `` otherwise. */
  identity: '' | 'a' | 'd';
  /** A generated (stored) column: never written. */
  generated: boolean;
  /** atttypmod's length for character types (`varchar(20)` → 20), else null. */
  maxLength: number | null;
}

export interface ForeignKey {
  name: string;
  columns: string[];
  refSchema: string;
  refTable: string;
  refColumns: string[];
}

export interface CheckConstraint {
  name: string;
  /** `pg_get_constraintdef`'s text, e.g. `CHECK ((role = ANY (ARRAY['owner'::text, 'admin'::text])))`. */
  definition: string;
  /** Columns the check reads. */
  columns: string[];
}

export interface TableInfo {
  schema: string;
  name: string;
  /** pg_class.relkind: r table, p partitioned table, v view, m materialized view, f foreign table. */
  kind: 'r' | 'p' | 'v' | 'm' | 'f';
  rls: boolean;
  forceRls: boolean;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** Unique constraints and unique indexes without a predicate or expression, each as its columns. */
  uniques: string[][];
  foreignKeys: ForeignKey[];
  checks: CheckConstraint[];
}

export type PolicyCommand = 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export interface PolicyInfo {
  schema: string;
  table: string;
  name: string;
  command: PolicyCommand;
  permissive: boolean;
  /** Role names; `public` for PUBLIC. */
  roles: string[];
  /** pg_get_expr of the USING expression, or null. */
  using: string | null;
  /** pg_get_expr of the WITH CHECK expression, or null. */
  withCheck: string | null;
}

/** What a role may do on a table (table-level privileges, PUBLIC and memberships included). */
export interface Privileges {
  select: boolean;
  insert: boolean;
  update: boolean;
  delete: boolean;
}

export interface TableAccess {
  schema: string;
  name: string;
  anon: Privileges;
  authenticated: Privileges;
}
