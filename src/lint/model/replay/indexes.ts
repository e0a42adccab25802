// CREATE INDEX: key columns (names or readable expressions), uniqueness, and a normalised definition.
import type { IndexElem, IndexStmt, Node } from '@pgsql/types';
import { as, keyOf, rangeVarName } from '../../../sql/ast.js';
import { deparse } from '../../../sql/deparse.js';
import { addIndex } from './constraints.js';
import { originAt, type Replay, uniqueName } from './context.js';

export function indexElemText(node: Node): string {
  const e = as(node, 'IndexElem');
  if (!e) return deparse(node);
  return e.name ?? `(${deparse(e.expr)})`;
}

function elemDefinition(node: Node): string {
  const e = as(node, 'IndexElem') as IndexElem;
  let text = indexElemText(node);
  if (e.opclass?.length) text += ` ${deparse({ List: { items: e.opclass } })}`;
  if (e.ordering === 'SORTBY_DESC') text += ' desc';
  if (e.nulls_ordering === 'SORTBY_NULLS_FIRST') text += ' nulls first';
  if (e.nulls_ordering === 'SORTBY_NULLS_LAST') text += ' nulls last';
  return text;
}

export function createIndex(node: IndexStmt, r: Replay): void {
  const table = node.relation ? r.model.table(node.relation) : undefined;
  const q = rangeVarName(node.relation, r.model.defaultSchema);
  const schema = table?.schema ?? q.schema;
  const columns = (node.indexParams ?? []).map(indexElemText);
  const name =
    node.idxname ??
    uniqueName(`${q.name}_${columns.map((c) => (c.startsWith('(') ? 'expr' : c)).join('_')}_idx`, (n) =>
      r.model.indexes.has(keyOf({ schema, name: n })),
    );
  if (r.model.indexes.has(keyOf({ schema, name })) && node.if_not_exists) return;
  const method = node.accessMethod ?? 'btree';
  const where = node.whereClause ? deparse(node.whereClause) : undefined;
  const include = (node.indexIncludingParams ?? []).map(indexElemText);
  const definition = [
    node.unique ? 'unique ' : '',
    `${method} (${(node.indexParams ?? []).map(elemDefinition).join(', ')})`,
    include.length ? ` include (${include.join(', ')})` : '',
    where ? ` where ${where}` : '',
  ].join('');
  if (!table) return;
  addIndex(r, table, {
    schema,
    name,
    table: table.key,
    columns,
    include,
    unique: Boolean(node.unique),
    constraint: undefined,
    method,
    where,
    definition,
    origin: originAt(r.stmt, node.relation?.location),
  });
}
