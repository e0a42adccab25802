// CREATE VIEW and CREATE MATERIALIZED VIEW (and CREATE TABLE AS): options and the relations a query reads.
import type { CreateTableAsStmt, Node, RangeVar, ViewStmt } from '@pgsql/types';
import { keyOf, LEAF_KINDS, optionIsTrue, rangeVarName, walk } from '../../../sql/ast.js';
import type { View } from '../types.js';
import { copyGrants, originAt, type Replay } from './context.js';
import { isTemporary, newTable } from './tables.js';

/** Keys of the tables and views a query reads (CTE names excluded). */
export function referencedRelations(query: Node | undefined, r: Replay): string[] {
  const ctes = new Set<string>();
  const relations: RangeVar[] = [];
  // One walk; CTE names are only known at its end (a WITH clause comes after the FROM clause in key order).
  walk(query, (kind, payload) => {
    if (kind === 'CommonTableExpr') ctes.add(String(payload['ctename'] ?? ''));
    else if (kind === 'RangeVar') relations.push(payload as RangeVar);
    // Names and constants hold no relation: skip their insides.
    else if (LEAF_KINDS.has(kind)) return false;
    return undefined;
  });
  const out = new Set<string>();
  for (const rv of relations) {
    if (!rv.schemaname && ctes.has(rv.relname ?? '')) continue;
    const tables = r.model.resolve(rv, r.model.tables);
    const views = r.model.resolve(rv, r.model.views);
    out.add(keyOf(r.model.views.has(keyOf(views)) ? views : tables));
  }
  return [...out];
}

function newView(r: Replay, rv: RangeVar | undefined, query: Node | undefined, materialized: boolean): View {
  const q = rangeVarName(rv, r.model.defaultSchema);
  return {
    kind: 'view',
    schema: q.schema,
    name: q.name,
    key: keyOf(q),
    materialized,
    securityInvoker: false,
    securityBarrier: false,
    query,
    references: referencedRelations(query, r),
    grants: copyGrants(r.model.defaultPrivileges.get(q.schema)?.tables),
    comment: undefined,
    builtin: r.stmt.file.index < 0,
    origin: originAt(r.stmt),
  };
}

export function createView(node: ViewStmt, r: Replay): void {
  const view = newView(r, node.view, node.query, false);
  const previous = r.model.views.get(view.key);
  // CREATE OR REPLACE VIEW keeps grants and options that the new statement does not set.
  if (previous && node.replace) {
    view.grants = previous.grants;
    view.securityInvoker = previous.securityInvoker;
    view.securityBarrier = previous.securityBarrier;
    view.comment = previous.comment;
  }
  view.securityInvoker = optionIsTrue(node.options, 'security_invoker') ?? view.securityInvoker;
  view.securityBarrier = optionIsTrue(node.options, 'security_barrier') ?? view.securityBarrier;
  r.model.views.set(view.key, view);
}

export function createTableAs(node: CreateTableAsStmt, r: Replay): void {
  const rel = node.into?.rel;
  if (node.objtype === 'OBJECT_MATVIEW') {
    const view = newView(r, rel, node.query, true);
    if (!(node.if_not_exists && r.model.views.has(view.key))) r.model.views.set(view.key, view);
    return;
  }
  const q = rangeVarName(rel, r.model.defaultSchema);
  if (node.if_not_exists && r.model.tables.has(keyOf(q))) return;
  const table = newTable(r, q.schema, q.name, rel?.location);
  table.unlogged = rel?.relpersistence === 'u';
  table.temporary = isTemporary(rel);
  r.model.tables.set(table.key, table);
}
