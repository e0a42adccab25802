// Column definitions: type, nullability, default, identity and generated columns, plus the constraints
// written on the column itself.
import type { ColumnDef, Constraint } from '@pgsql/types';
import { as, typeInfo } from '../../../sql/ast.js';
import { deparse } from '../../../sql/deparse.js';
import type { Column, Table } from '../types.js';
import { addConstraint } from './constraints.js';
import { originAt, type Replay } from './context.js';

const SERIALS = new Set(['serial', 'serial4', 'serial8', 'bigserial', 'smallserial', 'serial2']);

export function addColumn(r: Replay, table: Table, def: ColumnDef, textEnd: number): Column {
  const type = typeInfo(def.typeName);
  const column: Column = {
    name: def.colname ?? '',
    type,
    notNull: Boolean(def.is_not_null) || SERIALS.has(type.name),
    default: def.raw_default,
    defaultText: def.raw_default ? deparse(def.raw_default) : undefined,
    identity: undefined,
    generated: false,
    origin: originAt(r.stmt, def.location),
  };
  table.columns.set(column.name, column);
  for (const node of def.constraints ?? []) {
    const c = as(node, 'Constraint');
    if (c) applyColumnConstraint(r, table, column, c, textEnd);
  }
  return column;
}

export function applyColumnConstraint(
  r: Replay,
  table: Table,
  column: Column,
  c: Constraint,
  textEnd: number,
): void {
  switch (c.contype) {
    case 'CONSTR_NOTNULL':
      column.notNull = true;
      break;
    case 'CONSTR_NULL':
      column.notNull = false;
      break;
    case 'CONSTR_DEFAULT':
      column.default = c.raw_expr;
      column.defaultText = c.raw_expr ? deparse(c.raw_expr) : undefined;
      break;
    case 'CONSTR_IDENTITY':
      column.identity = c.generated_when === 'a' ? 'always' : 'by default';
      column.notNull = true;
      break;
    case 'CONSTR_GENERATED':
      column.generated = true;
      break;
    default:
      addConstraint(r, table, c, column.name, textEnd);
  }
}
