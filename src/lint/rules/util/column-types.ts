// Shared by the column-type rules (prefer-bigint-*, prefer-identity, prefer-text-field, prefer-timestamptz,
// ban-char-field): every column type written by CREATE TABLE, ALTER TABLE ADD COLUMN and ALTER COLUMN TYPE.
import type { ColumnDef, Constraint, Node, TypeName } from '@pgsql/types';
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
  /** `public.orders.total`, for messages. */
  column: string;
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

function constraintsOf(def: ColumnDef): Constraint[] {
  return (def.constraints ?? []).flatMap((c) => {
    const con = as(c, 'Constraint');
    return con ? [con] : [];
  });
}

function declaresKey(def: ColumnDef): boolean {
  return (
    Boolean(def.identity) ||
    constraintsOf(def).some((c) =>
      ['CONSTR_PRIMARY', 'CONSTR_IDENTITY', 'CONSTR_FOREIGN'].includes(c.contype ?? ''),
    )
  );
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

/**
 * Statement handlers that call `visit` for each column type written in a table definition. Temporary tables and
 * `CREATE TABLE IF NOT EXISTS` / `ADD COLUMN IF NOT EXISTS` that change nothing are skipped.
 */
export function columnTypeHandlers(
  model: SchemaModel,
  visit: (use: ColumnTypeUse) => void,
): StatementHandlers {
  const emit = (
    stmt: Statement,
    table: QualifiedName,
    name: string,
    typeName: TypeName | undefined,
    keyLike: boolean,
  ) => {
    if (!typeName?.names?.length) return;
    const type = typeInfo(typeName);
    visit({
      stmt,
      column: `${display(table)}.${ident(name)}`,
      name,
      typeName,
      type,
      keyLike: keyLike || isSerial(type),
    });
  };
  return {
    CreateStmt(node, stmt) {
      if (node.relation?.relpersistence === 't') return;
      if (node.if_not_exists && model.table(node.relation ?? '')) return;
      const table = rangeVarName(node.relation, model.defaultSchema);
      const keys = tableKeyColumns(node.tableElts);
      for (const el of node.tableElts ?? []) {
        const def = as(el, 'ColumnDef');
        if (!def?.colname) continue;
        emit(stmt, table, def.colname, def.typeName, declaresKey(def) || keys.has(def.colname));
      }
    },
    AlterTableStmt(node, stmt) {
      if (node.objtype !== 'OBJECT_TABLE') return;
      const existing = model.table(node.relation ?? '');
      if (existing?.temporary) return;
      const table = existing ?? rangeVarName(node.relation, model.defaultSchema);
      for (const c of node.cmds ?? []) {
        const cmd = as(c, 'AlterTableCmd');
        const def = as(cmd?.def, 'ColumnDef');
        if (!cmd || !def) continue;
        if (cmd.subtype === 'AT_AddColumn' && def.colname) {
          if (cmd.missing_ok && existing?.columns.has(def.colname)) continue;
          emit(stmt, table, def.colname, def.typeName, declaresKey(def));
        } else if (cmd.subtype === 'AT_AlterColumnType' && cmd.name) {
          emit(stmt, table, cmd.name, def.typeName, modelKeyColumn(existing, cmd.name));
        }
      }
    },
  };
}
