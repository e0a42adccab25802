// ALTER … RENAME: tables, columns, constraints, indexes, policies, views, functions and types.
import type { RenameStmt } from '@pgsql/types';
import { as, keyOf } from '../../../sql/ast.js';
import type { Table } from '../types.js';
import type { Replay } from './context.js';

function renameTable(r: Replay, table: Table, newName: string): void {
  const oldKey = table.key;
  r.model.tables.delete(oldKey);
  table.name = newName;
  table.key = keyOf({ schema: table.schema, name: newName });
  r.model.tables.set(table.key, table);
  for (const index of table.indexes.values()) index.table = table.key;
  for (const policy of table.policies.values()) policy.table = table.key;
  for (const other of r.model.tables.values()) {
    for (const c of other.constraints.values()) {
      if (c.foreignKey?.references === oldKey) c.foreignKey.references = table.key;
      if (c.foreignKey?.table === oldKey) c.foreignKey.table = table.key;
    }
  }
}

export function rename(node: RenameStmt, r: Replay): void {
  const { model } = r;
  const newName = node.newname;
  if (!newName) return;
  switch (node.renameType) {
    case 'OBJECT_TABLE': {
      const table = node.relation ? model.table(node.relation) : undefined;
      if (table) renameTable(r, table, newName);
      break;
    }
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW': {
      const view = node.relation ? model.view(node.relation) : undefined;
      if (!view) break;
      model.views.delete(view.key);
      view.name = newName;
      view.key = keyOf({ schema: view.schema, name: newName });
      model.views.set(view.key, view);
      break;
    }
    case 'OBJECT_COLUMN': {
      const table = node.relation ? model.table(node.relation) : undefined;
      const column = node.subname ? table?.columns.get(node.subname) : undefined;
      if (!table || !column || !node.subname) break;
      table.columns.delete(node.subname);
      column.name = newName;
      table.columns.set(newName, column);
      const swap = (cols: string[]) => cols.map((c) => (c === node.subname ? newName : c));
      for (const c of table.constraints.values()) c.columns = swap(c.columns);
      for (const i of table.indexes.values()) i.columns = swap(i.columns);
      break;
    }
    case 'OBJECT_TABCONSTRAINT': {
      const table = node.relation ? model.table(node.relation) : undefined;
      const c = node.subname ? table?.constraints.get(node.subname) : undefined;
      if (!table || !c) break;
      table.constraints.delete(c.name);
      c.name = newName;
      table.constraints.set(newName, c);
      break;
    }
    case 'OBJECT_INDEX': {
      const index = node.relation ? model.index(node.relation) : undefined;
      if (!index) break;
      const table = model.tables.get(index.table);
      model.indexes.delete(keyOf(index));
      table?.indexes.delete(index.name);
      index.name = newName;
      model.indexes.set(keyOf(index), index);
      table?.indexes.set(newName, index);
      break;
    }
    case 'OBJECT_POLICY': {
      const table = node.relation ? model.table(node.relation) : undefined;
      const policy = node.subname ? table?.policies.get(node.subname) : undefined;
      if (!table || !policy) break;
      table.policies.delete(policy.name);
      policy.name = newName;
      table.policies.set(newName, policy);
      break;
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE': {
      const owa = as(node.object, 'ObjectWithArgs');
      const q = model.resolve(owa?.objname ?? [], model.functions);
      const overloads = model.functions.get(keyOf(q));
      if (!overloads) break;
      model.functions.delete(keyOf(q));
      const key = keyOf({ schema: q.schema, name: newName });
      for (const f of overloads) {
        f.name = newName;
        f.key = key;
        f.signature = f.signature.replace(/^[^(]*/, key);
      }
      model.functions.set(key, [...(model.functions.get(key) ?? []), ...overloads]);
      break;
    }
    case 'OBJECT_TYPE': {
      const type = model.type(as(node.object, 'List')?.items ?? []);
      if (!type) break;
      model.types.delete(type.key);
      type.name = newName;
      type.key = keyOf({ schema: type.schema, name: newName });
      model.types.set(type.key, type);
      break;
    }
    default:
      break;
  }
}
