// GRANT / REVOKE and ALTER DEFAULT PRIVILEGES, as far as rules need them: who may read tables and views and
// execute functions.
import type { AlterDefaultPrivilegesStmt, GrantStmt, Node } from '@pgsql/types';
import { as, roleNames } from '../../../sql/ast.js';
import type { Grants } from '../types.js';
import type { Replay } from './context.js';

const ALL: Record<string, string[]> = {
  table: ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger'],
  function: ['execute'],
  schema: ['usage', 'create'],
  sequence: ['usage', 'select', 'update'],
};

function privileges(stmt: GrantStmt, cls: string): string[] {
  if (!stmt.privileges || stmt.privileges.length === 0) return ALL[cls] ?? [];
  return (
    stmt.privileges
      .map((p) => as(p, 'AccessPriv'))
      // Column-level grants do not make the whole table readable.
      .filter((p) => p && !p.cols?.length)
      .map((p) => (p?.priv_name ?? '').toLowerCase())
  );
}

export function applyToGrants(grants: Grants, stmt: GrantStmt, cls: string): void {
  const privs = privileges(stmt, cls);
  for (const role of roleNames(stmt.grantees)) {
    const set = grants.get(role);
    if (stmt.is_grant) {
      const next = set ?? new Set<string>();
      grants.set(role, next);
      for (const p of privs) next.add(p);
    } else if (set) {
      for (const p of privs) set.delete(p);
    }
  }
}

function classOf(objtype: string | undefined): string {
  switch (objtype) {
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE':
      return 'function';
    case 'OBJECT_SCHEMA':
      return 'schema';
    case 'OBJECT_SEQUENCE':
      return 'sequence';
    default:
      return 'table';
  }
}

export function grant(node: GrantStmt, { model }: Replay): void {
  const cls = classOf(node.objtype);
  if (cls === 'schema' || cls === 'sequence') return;
  const targets: Grants[] = [];
  if (node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
    const schemas = new Set((node.objects ?? []).map((o) => as(o, 'String')?.sval ?? ''));
    if (cls === 'function') {
      for (const overloads of model.functions.values())
        for (const f of overloads) if (schemas.has(f.schema)) targets.push(f.grants);
    } else {
      for (const t of model.tables.values()) if (schemas.has(t.schema)) targets.push(t.grants);
      for (const v of model.views.values()) if (schemas.has(v.schema)) targets.push(v.grants);
    }
  } else {
    for (const o of node.objects ?? []) targets.push(...objectGrants(o, cls, { model } as Replay));
  }
  for (const g of targets) applyToGrants(g, node, cls);
}

function objectGrants(o: Node, cls: string, { model }: Replay): Grants[] {
  if (cls === 'function') {
    const owa = as(o, 'ObjectWithArgs');
    return model.functionsNamed(owa?.objname ?? []).map((f) => f.grants);
  }
  const rv = as(o, 'RangeVar');
  if (!rv) return [];
  const rel = model.relation(rv);
  return rel ? [rel.grants] : [];
}

export function defaultPrivileges(node: AlterDefaultPrivilegesStmt, { model }: Replay): void {
  const action = node.action;
  if (!action) return;
  let schemas: string[] = [];
  for (const o of node.options ?? []) {
    const d = as(o, 'DefElem');
    if (d?.defname === 'schemas')
      schemas = (as(d.arg, 'List')?.items ?? []).map((i) => as(i, 'String')?.sval ?? '');
  }
  // Without IN SCHEMA the defaults apply everywhere; the model only tracks named schemas.
  if (schemas.length === 0) schemas = [...model.defaultPrivileges.keys(), ...model.settings.exposedSchemas];
  const cls = classOf(action.objtype);
  for (const schema of new Set(schemas)) {
    const entry = model.defaultPrivileges.get(schema) ?? { tables: new Map(), functions: new Map() };
    model.defaultPrivileges.set(schema, entry);
    if (cls === 'table') applyToGrants(entry.tables, action, cls);
    else if (cls === 'function') applyToGrants(entry.functions, action, cls);
  }
}
