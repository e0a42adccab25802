// CREATE TABLE and ALTER TABLE: tables, their columns, constraints, RLS state and view options.
import type { AlterTableCmd, AlterTableStmt, CreateStmt, Node, RangeVar } from '@pgsql/types';
import { as, keyOf, optionIsTrue, rangeVarName, typeInfo } from '../../../sql/ast.js';
import { deparse } from '../../../sql/deparse.js';
import type { Table, View } from '../types.js';
import { addColumn, applyColumnConstraint } from './columns.js';
import { addConstraint, dropConstraint } from './constraints.js';
import { copyGrants, originAt, type Replay } from './context.js';

export function newTable(r: Replay, schema: string, name: string, location: number | undefined): Table {
  const defaults = r.model.defaultPrivileges.get(schema)?.tables;
  return {
    kind: 'table',
    schema,
    name,
    key: keyOf({ schema, name }),
    columns: new Map(),
    constraints: new Map(),
    indexes: new Map(),
    policies: new Map(),
    triggers: new Map(),
    rls: { enabled: false, forced: false, changedAt: undefined },
    comment: undefined,
    partitioned: false,
    partitionOf: undefined,
    unlogged: false,
    temporary: false,
    grants: copyGrants(defaults),
    builtin: r.stmt.file.index < 0,
    origin: originAt(r.stmt, location),
  };
}

/** Char offsets where each element of a list starts, so an element's text ends where the next starts. */
export function elementEnds(r: Replay, nodes: (Node | undefined)[]): number[] {
  const starts = nodes.map((n) => {
    let payload: { location?: number } | undefined;
    // The node's payload: its first (only) value.
    for (const key in n) {
      payload = (n as Record<string, { location?: number } | undefined>)[key];
      break;
    }
    return r.stmt.offsetOf(payload?.location);
  });
  return starts.map((start, i) => {
    for (let j = i + 1; j < starts.length; j++) if (starts[j]! > start) return starts[j]!;
    return r.stmt.end;
  });
}

/**
 * A temporary table: `CREATE TEMP TABLE`, `CREATE TEMPORARY TABLE … AS`, or a table created in `pg_temp`. It lives
 * in the session's own schema, never in an exposed one, and is gone when the migration's session ends.
 */
export function isTemporary(rel: RangeVar | undefined): boolean {
  return rel?.relpersistence === 't' || /^pg_temp(?:_\d+)?$/.test(rel?.schemaname ?? '');
}

export function createTable(node: CreateStmt, r: Replay): void {
  const q = rangeVarName(node.relation, r.model.defaultSchema);
  if (node.if_not_exists && r.model.tables.has(keyOf(q))) return;
  const persistence = node.relation?.relpersistence;
  const table = newTable(r, q.schema, q.name, undefined);
  table.partitioned = node.partspec !== undefined;
  table.unlogged = persistence === 'u';
  table.temporary = isTemporary(node.relation);
  const parent = node.partbound ? as(node.inhRelations?.[0], 'RangeVar') : undefined;
  if (parent) {
    const parentTable = r.model.table(parent);
    table.partitionOf = parentTable?.key ?? keyOf(rangeVarName(parent, r.model.defaultSchema));
    for (const col of parentTable?.columns.values() ?? []) table.columns.set(col.name, { ...col });
  }
  r.model.tables.set(table.key, table);
  const elements = node.tableElts ?? [];
  const ends = elementEnds(r, elements);
  elements.forEach((el, i) => {
    const col = as(el, 'ColumnDef');
    if (col) {
      addColumn(r, table, col, ends[i]!);
      return;
    }
    const c = as(el, 'Constraint');
    if (c) {
      addConstraint(r, table, c, undefined, ends[i]!);
      return;
    }
    const like = as(el, 'TableLikeClause');
    const source = like ? r.model.table(like.relation ?? '') : undefined;
    for (const col of source?.columns.values() ?? []) table.columns.set(col.name, { ...col });
  });
  for (const c of node.constraints ?? []) {
    const con = as(c, 'Constraint');
    if (con) addConstraint(r, table, con, undefined, r.stmt.end);
  }
}

export function alterTable(node: AlterTableStmt, r: Replay): void {
  const rel = node.relation ? r.model.relation(node.relation) : undefined;
  if (!rel) return;
  if (rel.kind === 'view') {
    for (const cmd of node.cmds ?? []) alterView(rel, as(cmd, 'AlterTableCmd'));
    return;
  }
  const cmds = node.cmds ?? [];
  const ends = elementEnds(
    r,
    cmds.map((c) => as(c, 'AlterTableCmd')?.def),
  );
  cmds.forEach((cmd, i) => {
    const c = as(cmd, 'AlterTableCmd');
    if (c) alterTableCmd(r, rel, c, ends[i]!);
  });
}

function alterView(view: View, cmd: AlterTableCmd | undefined): void {
  if (!cmd) return;
  const options = as(cmd.def, 'List')?.items;
  if (cmd.subtype === 'AT_SetRelOptions') {
    view.securityInvoker = optionIsTrue(options, 'security_invoker') ?? view.securityInvoker;
    view.securityBarrier = optionIsTrue(options, 'security_barrier') ?? view.securityBarrier;
  } else if (cmd.subtype === 'AT_ResetRelOptions') {
    if (optionIsTrue(options, 'security_invoker') !== undefined) view.securityInvoker = false;
    if (optionIsTrue(options, 'security_barrier') !== undefined) view.securityBarrier = false;
  }
}

function alterTableCmd(r: Replay, table: Table, cmd: AlterTableCmd, textEnd: number): void {
  const column = cmd.name ? table.columns.get(cmd.name) : undefined;
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = as(cmd.def, 'ColumnDef');
      if (def && !(cmd.missing_ok && table.columns.has(def.colname ?? ''))) addColumn(r, table, def, textEnd);
      break;
    }
    case 'AT_DropColumn':
      if (cmd.name) dropColumn(r, table, cmd.name);
      break;
    case 'AT_AlterColumnType': {
      const def = as(cmd.def, 'ColumnDef');
      if (column && def?.typeName) column.type = typeInfo(def.typeName);
      break;
    }
    case 'AT_SetNotNull':
      if (column) column.notNull = true;
      break;
    case 'AT_DropNotNull':
      if (column) column.notNull = false;
      break;
    case 'AT_ColumnDefault':
      if (column) {
        column.default = cmd.def;
        column.defaultText = cmd.def ? deparse(cmd.def) : undefined;
      }
      break;
    case 'AT_AddIdentity': {
      const c = as(cmd.def, 'Constraint');
      if (column && c) applyColumnConstraint(r, table, column, c, textEnd);
      break;
    }
    case 'AT_DropIdentity':
      if (column) column.identity = undefined;
      break;
    case 'AT_AddConstraint': {
      const c = as(cmd.def, 'Constraint');
      if (c) addConstraint(r, table, c, undefined, textEnd);
      break;
    }
    case 'AT_ValidateConstraint': {
      const c = cmd.name ? table.constraints.get(cmd.name) : undefined;
      if (c) c.notValid = false;
      break;
    }
    case 'AT_DropConstraint':
      if (cmd.name) dropConstraint(r, table, cmd.name);
      break;
    case 'AT_EnableRowSecurity':
    case 'AT_DisableRowSecurity':
      table.rls.enabled = cmd.subtype === 'AT_EnableRowSecurity';
      table.rls.changedAt = originAt(r.stmt);
      break;
    case 'AT_ForceRowSecurity':
    case 'AT_NoForceRowSecurity':
      table.rls.forced = cmd.subtype === 'AT_ForceRowSecurity';
      break;
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
      table.unlogged = cmd.subtype === 'AT_SetUnLogged';
      break;
    case 'AT_AttachPartition': {
      const child = r.model.table(as(cmd.def, 'PartitionCmd')?.name ?? '');
      if (child) child.partitionOf = table.key;
      break;
    }
    case 'AT_DetachPartition': {
      const child = r.model.table(as(cmd.def, 'PartitionCmd')?.name ?? '');
      if (child) child.partitionOf = undefined;
      break;
    }
    default:
      break;
  }
}

/** Dropping a column drops the constraints and indexes that use it, as Postgres does. */
function dropColumn(r: Replay, table: Table, name: string): void {
  table.columns.delete(name);
  for (const c of [...table.constraints.values()])
    if (c.columns.includes(name)) dropConstraint(r, table, c.name);
  for (const index of [...table.indexes.values()]) {
    if (index.columns.includes(name)) {
      table.indexes.delete(index.name);
      r.model.indexes.delete(keyOf(index));
    }
  }
}
