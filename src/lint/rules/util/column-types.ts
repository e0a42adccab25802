// Shared by the column-type rules (prefer-bigint-*, prefer-identity, prefer-text-field, prefer-timestamptz,
// ban-char-field): every column type written by CREATE TABLE, ALTER TABLE ADD COLUMN and ALTER COLUMN TYPE.
import type { ColumnDef, Node, TypeName } from '@pgsql/types';
import {
  as,
  display,
  ident,
  type QualifiedName,
  rangeVarName,
  strings,
  type TypeInfo,
  typeInfo,
} from '../../../sql/ast.js';
import type { SchemaModel, Statement, StatementHandlers, Table } from '../../types.js';

export interface ColumnTypeUse {
  stmt: Statement;
  /** `public.orders.total`, for messages (built when read: most columns are never reported). */
  readonly column: string;
  /** The column's own name, unquoted. */
  name: string;
  typeName: TypeName;
  type: TypeInfo;
  /** The column identifies rows or points at them: primary key, identity, serial type or foreign key. */
  keyLike: boolean;
}

const SERIALS = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

/** A built-in type written as `name` (or `pg_catalog.name`), not a user type that happens to share the name. */
export function isBuiltin(type: TypeInfo, names: readonly string[]): boolean {
  return (type.schema === undefined || type.schema === 'pg_catalog') && names.includes(type.name);
}

export function isSerial(type: TypeInfo): boolean {
  return type.schema === undefined && SERIALS.has(type.name);
}

const KEY_CONSTRAINTS = new Set(['CONSTR_PRIMARY', 'CONSTR_IDENTITY', 'CONSTR_FOREIGN']);

function declaresKey(def: ColumnDef): boolean {
  if (def.identity) return true;
  for (const c of def.constraints ?? []) {
    const con = as(c, 'Constraint');
    if (con && KEY_CONSTRAINTS.has(con.contype ?? '')) return true;
  }
  return false;
}

/** Columns named by table-level PRIMARY KEY / FOREIGN KEY constraints. */
function tableKeyColumns(elements: Node[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const el of elements ?? []) {
    const c = as(el, 'Constraint');
    if (c?.contype === 'CONSTR_PRIMARY') for (const k of strings(c.keys)) out.add(k);
    if (c?.contype === 'CONSTR_FOREIGN') for (const k of strings(c.fk_attrs)) out.add(k);
  }
  return out;
}

function modelKeyColumn(table: Table | undefined, column: string): boolean {
  if (!table) return false;
  if (table.columns.get(column)?.identity) return true;
  for (const c of table.constraints.values()) {
    if ((c.kind === 'primary' || c.kind === 'foreign') && c.columns.includes(column)) return true;
  }
  return false;
}

class ColumnUse implements ColumnTypeUse {
  readonly type: TypeInfo;
  readonly keyLike: boolean;
  #column: string | undefined;

  constructor(
    readonly stmt: Statement,
    private readonly schema: string,
    private readonly table: string,
    readonly name: string,
    readonly typeName: TypeName,
    keyLike: boolean,
  ) {
    this.type = typeInfo(typeName);
    this.keyLike = keyLike || isSerial(this.type);
  }

  get column(): string {
    this.#column ??= `${display({ schema: this.schema, name: this.table })}.${ident(this.name)}`;
    return this.#column;
  }
}

function use(
  out: ColumnUse[],
  stmt: Statement,
  table: QualifiedName,
  name: string,
  typeName: TypeName | undefined,
  keyLike: boolean,
): void {
  if (!typeName?.names?.length) return;
  out.push(new ColumnUse(stmt, table.schema, table.name, name, typeName, keyLike));
}

/** The column types a CREATE TABLE or ALTER TABLE statement writes (see `columnTypeHandlers`). */
function columnUses(model: SchemaModel, stmt: Statement): ColumnUse[] {
  const out: ColumnUse[] = [];
  const create = stmt.node('CreateStmt');
  if (create) {
    if (create.relation?.relpersistence === 't') return out;
    if (create.if_not_exists && model.table(create.relation ?? '')) return out;
    const table = rangeVarName(create.relation, model.defaultSchema);
    const keys = tableKeyColumns(create.tableElts);
    for (const el of create.tableElts ?? []) {
      const def = as(el, 'ColumnDef');
      if (!def?.colname) continue;
      use(out, stmt, table, def.colname, def.typeName, declaresKey(def) || keys.has(def.colname));
    }
    return out;
  }
  const alter = stmt.node('AlterTableStmt');
  if (alter?.objtype !== 'OBJECT_TABLE') return out;
  const existing = model.table(alter.relation ?? '');
  if (existing?.temporary) return out;
  const table = existing ?? rangeVarName(alter.relation, model.defaultSchema);
  for (const c of alter.cmds ?? []) {
    const cmd = as(c, 'AlterTableCmd');
    const def = as(cmd?.def, 'ColumnDef');
    if (!cmd || !def) continue;
    if (cmd.subtype === 'AT_AddColumn' && def.colname) {
      if (cmd.missing_ok && existing?.columns.has(def.colname)) continue;
      use(out, stmt, table, def.colname, def.typeName, declaresKey(def));
    } else if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
      use(out, stmt, table, cmd.name, def.typeName, modelKeyColumn(existing, cmd.name));
    }
  }
  return out;
}

/**
 * Six rules read the same column types: they are worked out once per statement and shared. Rules run before
 * the model applies the statement, so every rule sees the same model state; the model is kept to be sure.
 */
const shared = new WeakMap<Statement, { model: SchemaModel; uses: ColumnUse[] }>();

function sharedColumnUses(model: SchemaModel, stmt: Statement): ColumnUse[] {
  const hit = shared.get(stmt);
  if (hit && hit.model === model) return hit.uses;
  const uses = columnUses(model, stmt);
  shared.set(stmt, { model, uses });
  return uses;
}

/**
 * Statement handlers that call `visit` for each column type written in a table definition. Temporary tables and
 * `CREATE TABLE IF NOT EXISTS` / `ADD COLUMN IF NOT EXISTS` that change nothing are skipped.
 */
export function columnTypeHandlers(
  model: SchemaModel,
  visit: (use: ColumnTypeUse) => void,
): StatementHandlers {
  const each = (_node: unknown, stmt: Statement) => {
    for (const u of sharedColumnUses(model, stmt)) visit(u);
  };
  return { CreateStmt: each, AlterTableStmt: each };
}
