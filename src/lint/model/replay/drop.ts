// DROP of tables, views, indexes, functions, types, policies, triggers, schemas and extensions.
import type { DropStmt, Node } from '@pgsql/types';
import { as, keyOf, listName, strings, typeInfo } from '../../../sql/ast.js';
import { removeIndex } from './constraints.js';
import type { Replay } from './context.js';

/** `DROP POLICY p ON s.t` / `DROP TRIGGER g ON t`: the name list is the table's, then the object's. */
function onTable(o: Node, r: Replay) {
  const parts = strings(as(o, 'List')?.items);
  const name = parts.pop() ?? '';
  return { table: r.model.table(parts.join('.') || ''), name };
}

export function drop(node: DropStmt, r: Replay): void {
  const { model } = r;
  for (const o of node.objects ?? []) {
    switch (node.removeType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_FOREIGN_TABLE': {
        const table = model.table(as(o, 'List')?.items ?? []);
        if (!table) break;
        for (const index of [...table.indexes.values()]) removeIndex(r, index);
        model.tables.delete(table.key);
        break;
      }
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW': {
        const view = model.view(as(o, 'List')?.items ?? []);
        if (view) model.views.delete(view.key);
        break;
      }
      case 'OBJECT_INDEX': {
        const index = model.index(as(o, 'List')?.items ?? []);
        if (index) removeIndex(r, index);
        break;
      }
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
      case 'OBJECT_ROUTINE': {
        const owa = as(o, 'ObjectWithArgs');
        const q = model.resolve(owa?.objname ?? [], model.functions);
        const key = keyOf(q);
        const overloads = model.functions.get(key) ?? [];
        // Without an argument list the name must be unique; with one, drop the overload whose input types match
        // (a real folder renamed a type, recreated the function on the new one and dropped the old by its type).
        const dropped = (owa?.objargs ?? []).map((a) => argTypeKey(typeInfo(as(a, 'TypeName')).text));
        const remaining = owa?.args_unspecified
          ? []
          : overloads.filter((f) => {
              const inputs = f.args.filter((a) => a.mode !== 'out' && a.mode !== 'table');
              return (
                inputs.length !== dropped.length || inputs.some((a, i) => argTypeKey(a.type) !== dropped[i])
              );
            });
        if (remaining.length) model.functions.set(key, remaining);
        else model.functions.delete(key);
        break;
      }
      case 'OBJECT_TYPE':
      case 'OBJECT_DOMAIN': {
        const type = model.type(as(o, 'TypeName')?.names ?? []);
        if (type) model.types.delete(type.key);
        break;
      }
      case 'OBJECT_POLICY': {
        const { table, name } = onTable(o, r);
        table?.policies.delete(name);
        break;
      }
      case 'OBJECT_TRIGGER': {
        const { table, name } = onTable(o, r);
        table?.triggers.delete(name);
        break;
      }
      case 'OBJECT_SCHEMA': {
        const name = as(o, 'String')?.sval ?? '';
        model.schemas.delete(name);
        if (node.behavior === 'DROP_CASCADE') dropSchemaContents(r, name);
        break;
      }
      case 'OBJECT_EXTENSION':
        model.extensions.delete(as(o, 'String')?.sval ?? '');
        break;
      case 'OBJECT_SEQUENCE':
        model.sequences.delete(keyOf(listName(as(o, 'List')?.items, model.defaultSchema)));
        break;
      default:
        break;
    }
  }
}

/**
 * An argument type as a signature compares it: without schema, modifiers or quotes (`public.app_permission` and
 * `app_permission`, `varchar(10)` and `varchar` name the same overload).
 */
function argTypeKey(text: string): string {
  const bare = text.replace(/\([^)]*\)/g, '');
  return (bare.slice(bare.lastIndexOf('.') + 1) || bare).replaceAll('"', '');
}

function dropSchemaContents(r: Replay, schema: string): void {
  const { model } = r;
  for (const map of [
    model.tables,
    model.views,
    model.functions,
    model.types,
    model.sequences,
    model.indexes,
  ]) {
    for (const key of [...map.keys()]) if (key.startsWith(`${schema}.`)) map.delete(key);
  }
}
