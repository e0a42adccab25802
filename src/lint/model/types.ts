// The objects of the schema model that the linter replays from migrations, as rules read them.
import type { Node, TypeInfo } from '../../sql/ast.js';
import type { LintFile, Statement } from '../types.js';

/** Where an object (or a change to it) was written. Points into a file; usable as `Report.at`. */
export interface Origin {
  file: LintFile;
  /** The statement that created or changed it. */
  statement: Statement;
  /** Char offset in the file (the object's name or the statement start). */
  offset: number;
  /** Transaction id the statement ran in (compare with `stmt.tx.id`). */
  tx: number;
}

/** Privileges per role (`public` for PUBLIC): `select`, `insert`, `update`, `delete`, `execute`, `usage`, …; `all` expanded. */
export type Grants = Map<string, Set<string>>;

export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface Column {
  name: string;
  type: TypeInfo;
  notNull: boolean;
  default: Node | undefined;
  /** Readable default expression (`now()`, `gen_random_uuid()`). */
  defaultText: string | undefined;
  identity: 'always' | 'by default' | undefined;
  /** `GENERATED ALWAYS AS (…) STORED`. */
  generated: boolean;
  origin: Origin;
}

export interface ForeignKey {
  table: string;
  /** Referenced table key (`schema.name`). */
  references: string;
  /** Referenced columns; empty when omitted (the referenced primary key). */
  referencedColumns: string[];
  onDelete: FkAction;
  onUpdate: FkAction;
  /** Whether `ON DELETE` was written (the parser cannot tell an explicit NO ACTION from none). */
  onDeleteWritten: boolean;
}

export interface TableConstraint {
  /** The written name, or the name Postgres generates (`t_pkey`, `t_user_id_fkey`, `t_email_key`). */
  name: string;
  kind: 'primary' | 'unique' | 'foreign' | 'check' | 'exclusion';
  columns: string[];
  notValid: boolean;
  /** `USING INDEX name` for primary/unique constraints added from an index. */
  usingIndex: string | undefined;
  foreignKey: ForeignKey | undefined;
  /** CHECK expression. */
  expr: Node | undefined;
  origin: Origin;
}

export interface Index {
  schema: string;
  name: string;
  /** Table key (`schema.name`). */
  table: string;
  /** Key columns: names, or a readable expression in parentheses (`(lower(email))`). */
  columns: string[];
  include: string[];
  unique: boolean;
  /** Name of the primary/unique/exclusion constraint this index backs. */
  constraint: string | undefined;
  method: string;
  where: string | undefined;
  /** Normalised definition without the index name, for finding duplicates. */
  definition: string;
  origin: Origin;
}

export type PolicyCommand = 'all' | 'select' | 'insert' | 'update' | 'delete';

export interface Policy {
  name: string;
  table: string;
  command: PolicyCommand;
  permissive: boolean;
  /** Role names; `['public']` when the policy has no TO clause. */
  roles: string[];
  using: Node | undefined;
  withCheck: Node | undefined;
  /** Readable expressions, e.g. `(select auth.uid()) = user_id` (printed when read; they follow the ASTs). */
  readonly usingText: string | undefined;
  readonly withCheckText: string | undefined;
  /**
   * The statements that wrote `using` and `withCheck`, to point at a node inside one: an ALTER POLICY may
   * replace one expression and keep the other (it still becomes the policy's `origin`).
   */
  usingStatement: Statement | undefined;
  withCheckStatement: Statement | undefined;
  origin: Origin;
}

export interface Trigger {
  name: string;
  table: string;
  /** Function key (`schema.name`). */
  function: string;
  origin: Origin;
}

export interface Table {
  kind: 'table';
  schema: string;
  name: string;
  /** `schema.name`. */
  key: string;
  columns: Map<string, Column>;
  constraints: Map<string, TableConstraint>;
  indexes: Map<string, Index>;
  policies: Map<string, Policy>;
  triggers: Map<string, Trigger>;
  rls: { enabled: boolean; forced: boolean; changedAt: Origin | undefined };
  comment: string | undefined;
  partitioned: boolean;
  /** Parent table key for a partition. */
  partitionOf: string | undefined;
  unlogged: boolean;
  temporary: boolean;
  grants: Grants;
  /** Part of the Supabase platform (auth.users, storage.objects), not of the migrations. */
  builtin: boolean;
  origin: Origin;
}

export interface View {
  kind: 'view';
  schema: string;
  name: string;
  key: string;
  materialized: boolean;
  securityInvoker: boolean;
  securityBarrier: boolean;
  query: Node | undefined;
  /** Keys (`schema.name`) of relations the query reads, e.g. `auth.users`. */
  references: string[];
  grants: Grants;
  comment: string | undefined;
  builtin: boolean;
  origin: Origin;
}

export interface FunctionArg {
  name: string | undefined;
  type: string;
  mode: 'in' | 'out' | 'inout' | 'variadic' | 'table';
}

export interface Func {
  kind: 'function' | 'procedure';
  schema: string;
  name: string;
  /** `schema.name` (overloads share it). */
  key: string;
  /** `schema.name(type, type)`: unique per overload. */
  signature: string;
  args: FunctionArg[];
  returns: string | undefined;
  language: string;
  securityDefiner: boolean;
  volatility: 'volatile' | 'stable' | 'immutable';
  leakproof: boolean;
  /** `SET name = value` clauses (`search_path` → `''`, `pg_catalog, public`). */
  config: Map<string, string>;
  /** Function body text (the `AS` string), if any. */
  body: string | undefined;
  /** Char offset of the body's first character in the file (positions inside the body). */
  bodyOffset: number | undefined;
  grants: Grants;
  builtin: boolean;
  origin: Origin;
}

export interface EnumValue {
  name: string;
  origin: Origin;
}

export interface TypeDef {
  kind: 'enum' | 'composite' | 'domain' | 'range' | 'other';
  schema: string;
  name: string;
  key: string;
  /** Enum labels in order, each with where it was added. */
  values: EnumValue[];
  builtin: boolean;
  origin: Origin;
}

export interface Extension {
  name: string;
  schema: string;
  builtin: boolean;
  origin: Origin;
}

export interface Schema {
  name: string;
  builtin: boolean;
  origin: Origin;
}

export interface Sequence {
  schema: string;
  name: string;
  key: string;
  origin: Origin;
}
